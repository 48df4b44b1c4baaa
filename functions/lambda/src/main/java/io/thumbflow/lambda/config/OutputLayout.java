package io.thumbflow.lambda.config;

import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.Recipe;
import io.thumbflow.lambda.s3.S3ImageSink;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a deployment's outputs are, as the aggregate step needs it to name each rendition's object:
 * the thumbs bucket, the output prefix and the recipe's layout, from the same settings the
 * thumbnail function gets (the task payload's {@code config}, else the defaults).
 *
 * @param bucket the thumbs bucket
 * @param prefix the output prefix
 * @param layout flat (one rendition) or one folder per rendition
 */
public record OutputLayout(String bucket, String prefix, Recipe.Layout layout) {

  /**
   * The layout the settings describe (field names as in {@link ThumbnailConfig#REQUEST_SETTINGS}).
   */
  public static OutputLayout of(String bucket, Map<String, String> settings) {
    Map<String, String> env = new HashMap<>();
    settings.forEach(
        (field, value) -> {
          String variable = ThumbnailConfig.REQUEST_SETTINGS.get(field);
          if (variable != null) env.put(variable, value);
        });
    Recipe recipe = ThumbnailConfig.recipe(new EnvironmentVariables(env));
    return new OutputLayout(bucket, ThumbnailConfig.outputPrefix(env), recipe.layout());
  }

  /**
   * {@code s3://bucket/key} of one rendition of a source key, or null when the format is unknown.
   */
  public String uri(String renditionName, String sourceKey, String formatName) {
    ImageFormat format = ImageFormat.parse(formatName).orElse(null);
    if (format == null || sourceKey == null) return null;
    return "s3://"
        + bucket
        + "/"
        + S3ImageSink.keyFor(prefix, layout, renditionName, sourceKey, format);
  }
}
