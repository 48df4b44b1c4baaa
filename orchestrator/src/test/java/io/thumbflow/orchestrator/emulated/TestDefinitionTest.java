package io.thumbflow.orchestrator.emulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test-only rewrites of the production definition, without any emulator. */
class TestDefinitionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path REPO = Path.of(System.getProperty("thumbflow.repo", ".."));

  private static Map<String, String> values() {
    Map<String, String> values = new HashMap<>();
    values.put("ThumbnailFunctionArn", "arn:aws:lambda:us-east-1:123456789012:function:thumb:live");
    values.put(
        "AggregateFunctionArn", "arn:aws:lambda:us-east-1:123456789012:function:aggregate:live");
    values.put("ThumbsBucket", "thumbs");
    values.put("SourceBucket", "source");
    for (String p : ThumbflowDeployment.RECIPE_PARAMETERS) values.put(p, "x");
    return values;
  }

  @Test
  void productionDefinitionIsSubstitutedAndEveryDistributedMapRewritten() throws Exception {
    TestDefinition definition = TestDefinition.fromTemplate(REPO, values());

    assertThat(definition.json())
        .doesNotContain("${")
        .doesNotContain("ItemBatcher\"")
        .doesNotContain("EXPRESS");
    List<JsonNode> maps = definition.tree().path("States").findParents("ItemReader");
    assertThat(maps).isNotEmpty();
    for (JsonNode map : maps) {
      assertThat(map.path("ItemSelector").path("Items.$").asText()).isEqualTo("$$.Map.Item.Value");
      assertThat(map.path("ItemSelector").has("BatchInput")).isTrue();
      assertThat(map.path("Comment").asText())
          .containsPattern("\\[thumbflow-test ItemBatcher MaxItemsPerBatch=\\d+]");
      if (map.has("ToleratedFailurePercentage")) {
        assertThat(map.path("ToleratedFailurePercentage").isFloatingPointNumber()).isTrue();
      }
    }
    assertThat(definition.rewrites())
        .anyMatch(r -> r.contains("ItemBatcher"))
        .anyMatch(r -> r.contains("EXPRESS -> STANDARD"))
        .anyMatch(r -> r.contains("ToleratedFailurePercentage"));
  }

  @Test
  void aDefinitionSubstitutionWithoutATestValueIsRefusedByName() {
    Map<String, String> values = values();
    values.remove("SourceBucket");

    assertThatThrownBy(() -> TestDefinition.fromTemplate(REPO, values))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SourceBucket");
  }

  @Test
  void aPlaceholderTheTemplateDoesNotSubstituteIsRefused() {
    assertThatThrownBy(
            () ->
                TestDefinition.of(
                    "{\"StartAt\": \"${Nope}\", \"States\": {}}", List.of(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Nope");
  }

  @Test
  void substitutedValuesAreEscapedForJson() throws Exception {
    TestDefinition definition =
        TestDefinition.of(
            "{\"Comment\": \"${Q}\", \"StartAt\": \"A\", \"States\": {}}",
            List.of("Q"),
            Map.of("Q", "say \"hi\""));

    assertThat(JSON.readTree(definition.json()).path("Comment").asText()).isEqualTo("say \"hi\"");
  }

  @Test
  void itemBatcherPathFieldsAreNotEmulated() {
    String asl =
        """
        {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
          "ItemBatcher": {"MaxItemsPerBatchPath": "$.n"},
          "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}""";

    assertThatThrownBy(() -> TestDefinition.of(asl, List.of(), Map.of()))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("MaxItemsPerBatchPath");
  }
}
