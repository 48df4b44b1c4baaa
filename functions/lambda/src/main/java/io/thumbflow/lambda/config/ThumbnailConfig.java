package io.thumbflow.lambda.config;

import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.Limits;
import io.thumbflow.core.Recipe;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Configuration of the thumbnail function, read once per container from environment variables.
 *
 * @param thumbsBucket where thumbnails are written ({@value #THUMBS_BUCKET}, required)
 * @param sourceBuckets the only buckets images may be read from ({@value #SOURCE_BUCKETS}, required)
 * @param outputPrefix prepended to every thumbnail key ({@value #OUTPUT_PREFIX}, default
 *     {@value #DEFAULT_OUTPUT_PREFIX}; may be empty)
 * @param recipe blur and thumbnail settings ({@value #SIZE}, {@value #BLUR_RADIUS}, {@value #FORMAT})
 * @param limits decode limits ({@value #MAX_PIXELS}, {@value #DEADLINE_MS})
 * @param s3Endpoint an S3-compatible endpoint for emulators (path-style), or null for AWS
 * @param triggerExcludesOutputPrefix the deployer declares that writes under the output prefix do not
 *     trigger the pipeline ({@value #TRIGGER_EXCLUDES_OUTPUT_PREFIX}, default false)
 */
public record ThumbnailConfig(
    String thumbsBucket,
    List<String> sourceBuckets,
    String outputPrefix,
    Recipe recipe,
    Limits limits,
    URI s3Endpoint,
    boolean triggerExcludesOutputPrefix) {

  public static final String THUMBS_BUCKET = "THUMBFLOW_THUMBS_BUCKET";
  public static final String SOURCE_BUCKETS = "THUMBFLOW_SOURCE_BUCKETS";
  public static final String OUTPUT_PREFIX = "THUMBFLOW_OUTPUT_PREFIX";
  public static final String SIZE = "THUMBFLOW_SIZE";
  public static final String BLUR_RADIUS = "THUMBFLOW_BLUR_RADIUS";
  public static final String FORMAT = "THUMBFLOW_FORMAT";
  public static final String MAX_PIXELS = "THUMBFLOW_MAX_PIXELS";
  public static final String DEADLINE_MS = "THUMBFLOW_DEADLINE_MS";
  public static final String S3_ENDPOINT = "THUMBFLOW_S3_ENDPOINT";
  public static final String TRIGGER_EXCLUDES_OUTPUT_PREFIX = "THUMBFLOW_TRIGGER_EXCLUDES_OUTPUT_PREFIX";

  public static final String DEFAULT_OUTPUT_PREFIX = "thumbs/";
  public static final String DEFAULT_SIZE = "50x50";

  public ThumbnailConfig {
    if (thumbsBucket == null || thumbsBucket.isBlank()) {
      throw new ConfigurationException("missing required environment variable " + THUMBS_BUCKET);
    }
    sourceBuckets = List.copyOf(sourceBuckets);
    outputPrefix = outputPrefix == null ? "" : outputPrefix;
    refuseSelfTriggering(thumbsBucket, sourceBuckets, outputPrefix, triggerExcludesOutputPrefix);
  }

  /** Reads the configuration; a missing or malformed variable fails here, naming it. */
  public static ThumbnailConfig fromEnv(Map<String, String> env) {
    EnvironmentVariables vars = new EnvironmentVariables(env);
    String thumbs = vars.required(THUMBS_BUCKET);
    List<String> sources = vars.requiredList(SOURCE_BUCKETS);
    // Not optional(): an explicitly empty prefix is meaningful (write at the bucket root).
    String prefix = env.containsKey(OUTPUT_PREFIX) ? env.get(OUTPUT_PREFIX).trim() : DEFAULT_OUTPUT_PREFIX;
    if (prefix.startsWith("/")) {
      throw new ConfigurationException(OUTPUT_PREFIX + " must not start with '/', was '" + prefix + "'");
    }
    int[] size;
    try {
      size = Recipe.parseSize(vars.optional(SIZE, DEFAULT_SIZE));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(SIZE + ": " + e.getMessage());
    }
    double blur = vars.nonNegativeDouble(BLUR_RADIUS, Recipe.DEFAULT_BLUR_RADIUS);
    ImageFormat format = null;
    String formatName = vars.optional(FORMAT);
    if (formatName != null && !formatName.equalsIgnoreCase("same")) {
      format = ImageFormat.parse(formatName)
          .orElseThrow(() -> new ConfigurationException(
              FORMAT + " must be jpeg, png or another writable format (or empty for the source's), was '"
                  + formatName + "'"));
    }
    Limits limits = Limits.DEFAULT
        .withMaxPixels(vars.positiveLong(MAX_PIXELS, Limits.DEFAULT_MAX_PIXELS))
        .withDeadline(Duration.ofMillis(vars.positiveLong(DEADLINE_MS, Limits.DEFAULT_DEADLINE.toMillis())));
    return new ThumbnailConfig(thumbs, sources, prefix,
        new Recipe(size[0], size[1], blur, format), limits, vars.optionalUrl(S3_ENDPOINT),
        vars.flag(TRIGGER_EXCLUDES_OUTPUT_PREFIX, false));
  }

  /** True when thumbnails land in a bucket that is also a source, i.e. keys under the prefix must be refused. */
  public boolean sharesBucketWithSources() {
    return sourceBuckets.contains(thumbsBucket);
  }

  private static void refuseSelfTriggering(
      String thumbs, List<String> sources, String prefix, boolean excluded) {
    if (!sources.contains(thumbs)) {
      return;
    }
    if (prefix.isEmpty()) {
      throw new ConfigurationException(THUMBS_BUCKET + " '" + thumbs + "' is also listed in " + SOURCE_BUCKETS
          + " and " + OUTPUT_PREFIX + " is empty: every thumbnail written would trigger the pipeline again."
          + " Use a separate thumbs bucket, or set a prefix and exclude it from the trigger.");
    }
    if (!excluded) {
      throw new ConfigurationException(THUMBS_BUCKET + " '" + thumbs + "' is also listed in " + SOURCE_BUCKETS
          + ": thumbnails written under '" + prefix + "' would trigger the pipeline again."
          + " Use a separate thumbs bucket, or exclude the prefix from the trigger and set "
          + TRIGGER_EXCLUDES_OUTPUT_PREFIX + "=true.");
    }
  }
}
