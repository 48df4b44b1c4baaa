package io.thumbflow.orchestrator.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackOutputsTest {
  private static final Path TEMPLATE =
      Path.of(System.getProperty("thumbflow.repo", "..")).resolve("template.yaml");

  @Test
  void templateDeclaresEveryOutputTheCloudCommandsResolve() throws IOException {
    List<String> outputs = new ArrayList<>();
    new ObjectMapper(new YAMLFactory())
        .readTree(TEMPLATE.toFile())
        .path("Outputs")
        .fieldNames()
        .forEachRemaining(outputs::add);

    assertThat(outputs).containsAll(StackResources.REQUIRED_OUTPUTS);
  }
}
