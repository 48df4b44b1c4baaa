package io.thumbflow.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The local run prices its work as template.yaml deploys it, so the two must not drift apart. */
class CloudDefaultsTest {
  private static final Path TEMPLATE =
      Path.of(System.getProperty("thumbflow.repo", "..")).resolve("template.yaml");

  @Test
  void theEstimatesMemoryAndArchitectureAreTheTemplatesThumbnailFunctions() throws IOException {
    JsonNode template = new ObjectMapper(new YAMLFactory()).readTree(TEMPLATE.toFile());
    JsonNode function = template.path("Resources").path("ThumbnailFunction").path("Properties");
    JsonNode globals = template.path("Globals").path("Function");

    int memory =
        function.has("MemorySize")
            ? function.get("MemorySize").asInt()
            : globals.path("MemorySize").asInt();
    JsonNode architectures =
        function.has("Architectures")
            ? function.get("Architectures")
            : globals.path("Architectures");

    assertThat(memory).isEqualTo(CloudDefaults.THUMBNAIL_MEMORY_MB);
    assertThat(architectures).hasSize(1);
    assertThat(architectures.get(0).asText()).isEqualTo(CloudDefaults.ARCHITECTURE);
  }
}
