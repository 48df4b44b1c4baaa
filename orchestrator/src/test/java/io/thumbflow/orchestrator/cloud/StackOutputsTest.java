package io.thumbflow.orchestrator.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackOutputsTest {
  private static final Path REPO = Path.of(System.getProperty("thumbflow.repo", ".."));

  @Test
  void templateDeclaresEveryOutputTheCloudCommandsResolve() throws IOException {
    assertThat(outputKeys(REPO.resolve("template.yaml"))).containsAll(StackResources.REQUIRED_OUTPUTS);
  }

  /** The keys directly under the template's top-level Outputs section. */
  private static List<String> outputKeys(Path template) throws IOException {
    List<String> keys = new ArrayList<>();
    boolean inOutputs = false;
    for (String line : Files.readAllLines(template)) {
      if (!line.startsWith(" ") && !line.isBlank()) {
        inOutputs = line.startsWith("Outputs:");
      } else if (inOutputs && line.matches("  [A-Za-z0-9]+:\\s*")) {
        keys.add(line.trim().replace(":", ""));
      }
    }
    return keys;
  }
}
