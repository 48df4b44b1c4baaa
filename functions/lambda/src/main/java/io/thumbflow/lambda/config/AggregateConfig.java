package io.thumbflow.lambda.config;

import java.net.URI;
import java.util.Map;

/**
 * Configuration of the aggregation function, read once per container from environment variables.
 *
 * @param thumbsBucket where reports are written ({@value ThumbnailConfig#THUMBS_BUCKET}, required)
 * @param reportPrefix reports go to {@code <reportPrefix><runId>/report.json} ({@value
 *     #REPORT_PREFIX}, default {@value #DEFAULT_REPORT_PREFIX})
 * @param s3Endpoint an S3-compatible endpoint for emulators (path-style), or null for AWS
 */
public record AggregateConfig(String thumbsBucket, String reportPrefix, URI s3Endpoint) {
  public static final String REPORT_PREFIX = "THUMBFLOW_REPORT_PREFIX";
  public static final String DEFAULT_REPORT_PREFIX = "reports/";

  public AggregateConfig {
    if (thumbsBucket == null || thumbsBucket.isBlank()) {
      throw new ConfigurationException(
          "missing required environment variable " + ThumbnailConfig.THUMBS_BUCKET);
    }
    reportPrefix = reportPrefix == null ? "" : reportPrefix;
  }

  /** Reads the configuration; a missing or malformed variable fails here, naming it. */
  public static AggregateConfig fromEnv(Map<String, String> env) {
    EnvironmentVariables vars = new EnvironmentVariables(env);
    URI uri = vars.optionalUrl(ThumbnailConfig.S3_ENDPOINT);
    String prefix = vars.optional(REPORT_PREFIX, DEFAULT_REPORT_PREFIX);
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix = prefix + "/";
    }
    return new AggregateConfig(vars.required(ThumbnailConfig.THUMBS_BUCKET), prefix, uri);
  }
}
