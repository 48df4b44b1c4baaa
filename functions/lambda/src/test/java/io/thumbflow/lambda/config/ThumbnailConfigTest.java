package io.thumbflow.lambda.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.Limits;
import io.thumbflow.core.Recipe;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThumbnailConfigTest {
  private static Map<String, String> env(String... pairs) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  @Test
  void readsNamedDefaultsWhenOnlyTheBucketsAreSet() {
    ThumbnailConfig c =
        ThumbnailConfig.fromEnv(
            env(
                "THUMBFLOW_THUMBS_BUCKET",
                "thumbs",
                "THUMBFLOW_SOURCE_BUCKETS",
                " src-a , src-b ,"));

    assertThat(c.sourceBuckets()).containsExactly("src-a", "src-b");
    assertThat(c.outputPrefix()).isEqualTo("thumbs/");
    assertThat(c.recipe()).isEqualTo(Recipe.DEFAULT);
    assertThat(c.limits()).isEqualTo(Limits.DEFAULT);
    assertThat(c.s3Endpoint()).isNull();
  }

  @Test
  void readsEveryVariable() {
    ThumbnailConfig c =
        ThumbnailConfig.fromEnv(
            env(
                "THUMBFLOW_THUMBS_BUCKET",
                "thumbs",
                "THUMBFLOW_SOURCE_BUCKETS",
                "src",
                "THUMBFLOW_OUTPUT_PREFIX",
                "small/",
                "THUMBFLOW_SIZE",
                "256x128",
                "THUMBFLOW_BLUR_RADIUS",
                "0",
                "THUMBFLOW_FORMAT",
                "png",
                "THUMBFLOW_MAX_PIXELS",
                "1000000",
                "THUMBFLOW_DEADLINE_MS",
                "1500",
                "THUMBFLOW_S3_ENDPOINT",
                "http://localhost:4566"));

    assertThat(c.outputPrefix()).isEqualTo("small/");
    assertThat(c.recipe()).isEqualTo(Recipe.single(256, 128, 0, ImageFormat.PNG));
    assertThat(c.limits().maxPixels()).isEqualTo(1_000_000);
    assertThat(c.limits().deadline().toMillis()).isEqualTo(1500);
    assertThat(c.s3Endpoint()).hasToString("http://localhost:4566");
  }

  @Test
  void namesTheMissingThumbsBucketVariable() {
    assertThatThrownBy(() -> ThumbnailConfig.fromEnv(env("THUMBFLOW_SOURCE_BUCKETS", "src")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("THUMBFLOW_THUMBS_BUCKET");
  }

  @Test
  void namesTheMissingSourceBucketsVariable() {
    assertThatThrownBy(() -> ThumbnailConfig.fromEnv(env("THUMBFLOW_THUMBS_BUCKET", "thumbs")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("THUMBFLOW_SOURCE_BUCKETS");
  }

  @Test
  void namesTheVariableHoldingAMalformedValue() {
    assertThatThrownBy(
            () ->
                ThumbnailConfig.fromEnv(
                    env(
                        "THUMBFLOW_THUMBS_BUCKET",
                        "thumbs",
                        "THUMBFLOW_SOURCE_BUCKETS",
                        "src",
                        "THUMBFLOW_SIZE",
                        "big")))
        .hasMessageContaining("THUMBFLOW_SIZE");
    assertThatThrownBy(
            () ->
                ThumbnailConfig.fromEnv(
                    env(
                        "THUMBFLOW_THUMBS_BUCKET",
                        "thumbs",
                        "THUMBFLOW_SOURCE_BUCKETS",
                        "src",
                        "THUMBFLOW_FORMAT",
                        "gifv")))
        .hasMessageContaining("THUMBFLOW_FORMAT");
    assertThatThrownBy(
            () ->
                ThumbnailConfig.fromEnv(
                    env(
                        "THUMBFLOW_THUMBS_BUCKET",
                        "thumbs",
                        "THUMBFLOW_SOURCE_BUCKETS",
                        "src",
                        "THUMBFLOW_DEADLINE_MS",
                        "-5")))
        .hasMessageContaining("THUMBFLOW_DEADLINE_MS");
  }

  @Test
  void bothFunctionsNameTheVariableOfAMalformedS3Endpoint() {
    assertThatThrownBy(
            () ->
                ThumbnailConfig.fromEnv(
                    env(
                        "THUMBFLOW_THUMBS_BUCKET",
                        "thumbs",
                        "THUMBFLOW_SOURCE_BUCKETS",
                        "src",
                        "THUMBFLOW_S3_ENDPOINT",
                        "local host")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("THUMBFLOW_S3_ENDPOINT");
    assertThatThrownBy(
            () ->
                AggregateConfig.fromEnv(
                    env(
                        "THUMBFLOW_THUMBS_BUCKET",
                        "thumbs",
                        "THUMBFLOW_S3_ENDPOINT",
                        "localhost:4566")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("THUMBFLOW_S3_ENDPOINT");
  }

  @Test
  void refusesAThumbsBucketThatIsAlsoASourceWithoutAnExcludedPrefix() {
    assertThatThrownBy(
            () ->
                ThumbnailConfig.fromEnv(
                    env("THUMBFLOW_THUMBS_BUCKET", "photos", "THUMBFLOW_SOURCE_BUCKETS", "photos")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("would trigger the pipeline again")
        .hasMessageContaining("THUMBFLOW_TRIGGER_EXCLUDES_OUTPUT_PREFIX");
  }

  @Test
  void refusesASharedBucketWithAnEmptyPrefixEvenWhenTriggersAreSaidToExcludeIt() {
    assertThatThrownBy(
            () ->
                ThumbnailConfig.fromEnv(
                    env(
                        "THUMBFLOW_THUMBS_BUCKET",
                        "photos",
                        "THUMBFLOW_SOURCE_BUCKETS",
                        "other,photos",
                        "THUMBFLOW_OUTPUT_PREFIX",
                        "",
                        "THUMBFLOW_TRIGGER_EXCLUDES_OUTPUT_PREFIX",
                        "true")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("THUMBFLOW_OUTPUT_PREFIX is empty");
  }

  @Test
  void acceptsASharedBucketWhenTheOutputPrefixIsExcludedFromTriggers() {
    ThumbnailConfig c =
        ThumbnailConfig.fromEnv(
            env(
                "THUMBFLOW_THUMBS_BUCKET",
                "photos",
                "THUMBFLOW_SOURCE_BUCKETS",
                "photos",
                "THUMBFLOW_TRIGGER_EXCLUDES_OUTPUT_PREFIX",
                "true"));

    assertThat(c.sharesBucketWithSources()).isTrue();
    assertThat(c.outputPrefix()).isEqualTo("thumbs/");
  }

  @Test
  void aggregateConfigNamesTheMissingThumbsBucketAndDefaultsTheReportPrefix() {
    assertThatThrownBy(() -> AggregateConfig.fromEnv(env()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("THUMBFLOW_THUMBS_BUCKET");
    assertThat(AggregateConfig.fromEnv(env("THUMBFLOW_THUMBS_BUCKET", "t")).reportPrefix())
        .isEqualTo("reports/");
  }
}
