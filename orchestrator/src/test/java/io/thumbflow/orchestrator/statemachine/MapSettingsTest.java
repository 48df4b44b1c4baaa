package io.thumbflow.orchestrator.statemachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MapSettingsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path REPO = Path.of(System.getProperty("thumbflow.repo", ".."));
  private static final Path ASL = REPO.resolve("orchestrator/statemachine/thumbflow.asl.json");

  @Test
  void localRunnerReadsTheSameSettingsAsTheDefinitionTheCloudDeploys() throws IOException {
    MapSettings fromRepository = MapSettings.fromDefinition(ASL);

    assertThat(MapSettings.fromDefinition()).isEqualTo(fromRepository);
  }

  @Test
  void settingsAreTheLiteralValuesOfTheInlineMapAndItsThumbnailTask() throws IOException {
    JsonNode uploads = JSON.readTree(ASL.toFile()).path("States").path("ThumbnailUploads");
    JsonNode retry =
        uploads.path("ItemProcessor").path("States").path("ThumbnailUpload").path("Retry").get(0);

    MapSettings settings = MapSettings.fromDefinition();

    assertThat(settings.maxConcurrency())
        .isEqualTo(uploads.path("MaxConcurrency").asInt())
        .isPositive();
    assertThat(settings.retry().maxAttempts()).isEqualTo(retry.path("MaxAttempts").asInt());
    assertThat(settings.retry().intervalSeconds()).isEqualTo(retry.path("IntervalSeconds").asInt());
    assertThat(settings.retry().maxDelaySeconds()).isEqualTo(retry.path("MaxDelaySeconds").asInt());
    assertThat(settings.retry().backoffRate()).isEqualTo(retry.path("BackoffRate").asDouble());
  }

  @Test
  void retryCoversTransientLambdaFaultsWithFullJitter() {
    MapSettings.Retry retry = MapSettings.fromDefinition().retry();

    assertThat(retry.errorEquals())
        .contains(
            "Lambda.ServiceException",
            "Lambda.AWSLambdaException",
            "Lambda.SdkClientException",
            "Lambda.TooManyRequestsException");
    assertThat(retry.jitter()).isEqualTo("FULL");
    assertThat(retry.retries("Lambda.TooManyRequestsException")).isTrue();
    assertThat(retry.retries("Corrupt")).isFalse();
  }

  @Test
  void distributedMapsTolerateSomeFailedItems() {
    assertThat(MapSettings.fromDefinition().toleratedFailurePercentage()).isBetween(1, 99);
  }

  @Test
  void refusesADefinitionWhoseMapsDisagreeOnMaxConcurrency() throws IOException {
    ObjectNode asl = (ObjectNode) JSON.readTree(ASL.toFile());
    ((ObjectNode) asl.path("States").path("ThumbnailPrefix")).put("MaxConcurrency", 3);

    assertThatThrownBy(() -> MapSettings.fromDefinition(asl))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MaxConcurrency")
        .hasMessageContaining("ThumbnailPrefix=3");
  }

  @Test
  void refusesADefinitionWhoseMapsDisagreeOnRetry() throws IOException {
    ObjectNode asl = (ObjectNode) JSON.readTree(ASL.toFile());
    ObjectNode rule =
        (ObjectNode)
            asl.path("States")
                .path("ThumbnailCsvManifest")
                .path("ItemProcessor")
                .path("States")
                .path("ThumbnailCsvManifestBatch")
                .path("Retry")
                .get(0);
    rule.put("MaxAttempts", 1);

    assertThatThrownBy(() -> MapSettings.fromDefinition(asl))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Retry");
  }

  @Test
  void refusesADefinitionWithoutAThumbnailMap() throws IOException {
    JsonNode asl =
        JSON.readTree("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}");

    assertThatThrownBy(() -> MapSettings.fromDefinition(asl)).hasMessageContaining("no Map state");
  }

  @Test
  void backoffGrowsByTheRateUpToTheCap() {
    MapSettings.Retry retry = new MapSettings.Retry(List.of("X"), 2, 6, 2.0, 30, "FULL");

    assertThat(retry.delayBeforeRetry(1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(retry.delayBeforeRetry(3)).isEqualTo(Duration.ofSeconds(8));
    assertThat(retry.delayBeforeRetry(6)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void fullJitterDrawsBetweenZeroAndTheBackoff() {
    MapSettings.Retry retry = new MapSettings.Retry(List.of("X"), 2, 6, 2.0, 30, "FULL");

    assertThat(retry.jitteredDelayBeforeRetry(2, () -> 0.0)).isEqualTo(Duration.ZERO);
    assertThat(retry.jitteredDelayBeforeRetry(2, () -> 0.5)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void templateSubstitutesEveryPlaceholderTheDefinitionUses() throws IOException {
    String asl = Files.readString(ASL);
    DefinitionTemplate template = DefinitionTemplate.read(REPO.resolve("template.yaml"));

    assertThat(template.definitionUri()).isEqualTo("orchestrator/statemachine/thumbflow.asl.json");
    assertThat(template.substitutions())
        .containsExactlyInAnyOrderElementsOf(DefinitionTemplate.placeholders(asl));
  }
}
