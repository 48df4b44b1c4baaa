package io.thumbflow.lambda.config;

import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.Limits;
import io.thumbflow.core.Recipe;
import io.thumbflow.core.Rendition;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Configuration of the thumbnail function, read once per container from environment variables.
 *
 * @param thumbsBucket where thumbnails are written ({@value #THUMBS_BUCKET}, required)
 * @param sourceBuckets the only buckets images may be read from ({@value #SOURCE_BUCKETS},
 *     required)
 * @param outputPrefix prepended to every thumbnail key ({@value #OUTPUT_PREFIX}, default {@value
 *     #DEFAULT_OUTPUT_PREFIX}; may be empty)
 * @param recipe renditions, blur and format ({@value #RENDITIONS}, or one rendition from {@value
 *     #SIZE}; with {@value #BLUR_RADIUS}, {@value #FORMAT}, {@value #PLACEHOLDER}), or a task
 *     payload's {@code config}
 * @param limits decode limits ({@value #MAX_PIXELS}, {@value #DEADLINE_MS})
 * @param s3Endpoint an S3-compatible endpoint for emulators (path-style), or null for AWS
 * @param triggerExcludesOutputPrefix the deployer declares that writes under the output prefix do
 *     not trigger the pipeline ({@value #TRIGGER_EXCLUDES_OUTPUT_PREFIX}, default false)
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
  public static final String RENDITIONS = "THUMBFLOW_RENDITIONS";
  public static final String SIZE = "THUMBFLOW_SIZE";
  public static final String BLUR_RADIUS = "THUMBFLOW_BLUR_RADIUS";
  public static final String FORMAT = "THUMBFLOW_FORMAT";
  public static final String PLACEHOLDER = "THUMBFLOW_PLACEHOLDER";
  public static final String MAX_PIXELS = "THUMBFLOW_MAX_PIXELS";
  public static final String DEADLINE_MS = "THUMBFLOW_DEADLINE_MS";
  public static final String S3_ENDPOINT = "THUMBFLOW_S3_ENDPOINT";
  public static final String TRIGGER_EXCLUDES_OUTPUT_PREFIX =
      "THUMBFLOW_TRIGGER_EXCLUDES_OUTPUT_PREFIX";

  public static final String DEFAULT_OUTPUT_PREFIX = "thumbs/";
  public static final String DEFAULT_SIZE = "50x50";

  /**
   * The recipe settings a task payload's {@code config} may carry (the state machine passes the
   * deployment's parameters this way), by JSON field, and the environment variable each stands for.
   */
  public static final Map<String, String> REQUEST_SETTINGS =
      Map.of(
          "renditions",
          RENDITIONS,
          "size",
          SIZE,
          "blurRadius",
          BLUR_RADIUS,
          "format",
          FORMAT,
          "placeholder",
          PLACEHOLDER,
          "outputPrefix",
          OUTPUT_PREFIX);

  /**
   * Prefixes of the thumbs bucket that thumbflow writes other things to; outputs must not go there.
   */
  static final List<String> RESERVED_PREFIXES = List.of("reports/", "map-runs/");

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
    Limits limits;
    try {
      limits =
          Limits.DEFAULT
              .withMaxPixels(
                  Limits.parseMaxPixels(
                      vars.optional(MAX_PIXELS, Long.toString(Limits.DEFAULT_MAX_PIXELS))))
              .withDeadline(
                  Limits.parseDeadline(
                      vars.optional(
                          DEADLINE_MS, Long.toString(Limits.DEFAULT_DEADLINE.toMillis()))));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(MAX_PIXELS + " / " + DEADLINE_MS + ": " + e.getMessage());
    }
    return new ThumbnailConfig(
        thumbs,
        sources,
        outputPrefix(env),
        recipe(vars),
        limits,
        vars.optionalUrl(S3_ENDPOINT),
        vars.flag(TRIGGER_EXCLUDES_OUTPUT_PREFIX, false));
  }

  /**
   * This configuration with the recipe and output prefix a task payload's {@code config} sets (see
   * {@link #REQUEST_SETTINGS}); settings it leaves out keep this configuration's values.
   *
   * @param settings the payload's {@code config} object, as field name to text
   * @throws ConfigurationException naming the field when a value is malformed
   */
  public ThumbnailConfig withRequestSettings(Map<String, String> settings) {
    if (settings.isEmpty()) return this;
    Map<String, String> env = new HashMap<>(asEnvironment());
    for (Map.Entry<String, String> e : settings.entrySet()) {
      String variable = REQUEST_SETTINGS.get(e.getKey());
      if (variable == null) {
        throw new ConfigurationException(
            "config."
                + e.getKey()
                + " is not a setting (known: "
                + String.join(", ", new java.util.TreeSet<>(REQUEST_SETTINGS.keySet()))
                + ")");
      }
      env.put(variable, e.getValue());
    }
    try {
      return new ThumbnailConfig(
          thumbsBucket,
          sourceBuckets,
          outputPrefix(env),
          recipe(new EnvironmentVariables(env)),
          limits,
          s3Endpoint,
          triggerExcludesOutputPrefix);
    } catch (ConfigurationException e) {
      throw new ConfigurationException("task payload config: " + e.getMessage());
    }
  }

  /** The recipe and prefix as the environment variables that would set them. */
  private Map<String, String> asEnvironment() {
    Map<String, String> env = new HashMap<>();
    env.put(OUTPUT_PREFIX, outputPrefix);
    if (recipe.layout() == Recipe.Layout.BY_NAME) {
      env.put(RENDITIONS, recipe.spec());
    } else {
      Rendition r = recipe.primary();
      env.put(SIZE, r.width() + "x" + r.height());
      env.put(BLUR_RADIUS, Double.toString(r.blurRadius()));
      if (r.format() != null) env.put(FORMAT, r.format().extension());
    }
    env.put(PLACEHOLDER, Boolean.toString(recipe.placeholder()));
    return env;
  }

  static String outputPrefix(Map<String, String> env) {
    // Not EnvironmentVariables.optional(): an explicitly empty prefix is meaningful (write at the
    // bucket root).
    String prefix =
        env.containsKey(OUTPUT_PREFIX) ? env.get(OUTPUT_PREFIX).trim() : DEFAULT_OUTPUT_PREFIX;
    if (prefix.startsWith("/")) {
      throw new ConfigurationException(
          OUTPUT_PREFIX + " must not start with '/', was '" + prefix + "'");
    }
    for (String segment : prefix.split("/", -1)) {
      if (segment.equals("..") || segment.equals(".")) {
        throw new ConfigurationException(
            OUTPUT_PREFIX + " must not have '.' or '..' segments, was '" + prefix + "'");
      }
    }
    for (String reserved : RESERVED_PREFIXES) {
      if (prefix.startsWith(reserved)
          || (!prefix.isEmpty() && reserved.startsWith(prefix) && prefix.endsWith("/"))) {
        throw new ConfigurationException(
            OUTPUT_PREFIX
                + " '"
                + prefix
                + "' overlaps '"
                + reserved
                + "', where thumbflow writes reports and Map Run results");
      }
    }
    return prefix;
  }

  static Recipe recipe(EnvironmentVariables vars) {
    double blur = vars.nonNegativeDouble(BLUR_RADIUS, Recipe.DEFAULT_BLUR_RADIUS);
    ImageFormat format = null;
    String formatName = vars.optional(FORMAT);
    if (formatName != null && !formatName.equalsIgnoreCase("same")) {
      format =
          ImageFormat.parse(formatName)
              .orElseThrow(
                  () ->
                      new ConfigurationException(
                          FORMAT
                              + " must be jpeg, png, webp (or same, for the source's), was '"
                              + formatName
                              + "'"));
    }
    String renditions = vars.optional(RENDITIONS);
    try {
      return Recipe.of(
          renditions == null ? List.of() : List.of(renditions),
          vars.optional(SIZE, DEFAULT_SIZE),
          blur,
          format,
          vars.flag(PLACEHOLDER, false));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(
          (renditions == null ? SIZE : RENDITIONS) + ": " + e.getMessage());
    }
  }

  /**
   * True when thumbnails land in a bucket that is also a source, i.e. keys under the prefix must be
   * refused.
   */
  public boolean sharesBucketWithSources() {
    return sourceBuckets.contains(thumbsBucket);
  }

  private static void refuseSelfTriggering(
      String thumbs, List<String> sources, String prefix, boolean excluded) {
    if (!sources.contains(thumbs)) {
      return;
    }
    if (prefix.isEmpty()) {
      throw new ConfigurationException(
          THUMBS_BUCKET
              + " '"
              + thumbs
              + "' is also listed in "
              + SOURCE_BUCKETS
              + " and "
              + OUTPUT_PREFIX
              + " is empty: every thumbnail written would trigger the pipeline again."
              + " Use a separate thumbs bucket, or set a prefix and exclude it from the trigger.");
    }
    if (!excluded) {
      throw new ConfigurationException(
          THUMBS_BUCKET
              + " '"
              + thumbs
              + "' is also listed in "
              + SOURCE_BUCKETS
              + ": thumbnails written under '"
              + prefix
              + "' would trigger the pipeline again."
              + " Use a separate thumbs bucket, or exclude the prefix from the trigger and set "
              + TRIGGER_EXCLUDES_OUTPUT_PREFIX
              + "=true.");
    }
  }
}
