package io.thumbflow.lambda.telemetry;

import io.thumbflow.core.ImageResult;
import io.thumbflow.core.StageTimings;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * CloudWatch metrics in Embedded Metric Format through Powertools' functional API (no AspectJ):
 * counts {@code ImagesProcessed}, {@code ImagesFailed}, {@code ImagesSkipped} and, per image,
 * milliseconds per stage ({@code ReadMs}, {@code DecodeMs}, {@code BlurMs}, {@code ResizeMs},
 * {@code EncodeMs}, {@code WriteMs}). Namespace from {@code POWERTOOLS_METRICS_NAMESPACE}, else
 * {@value #DEFAULT_NAMESPACE}.
 */
public final class PipelineMetrics {
  public static final String DEFAULT_NAMESPACE = "thumbflow";

  private final Metrics metrics;

  public PipelineMetrics(Metrics metrics) {
    this.metrics = metrics;
  }

  /** The container's Powertools metrics instance, configured for this function. */
  public static PipelineMetrics fromEnvironment() {
    if (System.getenv("AWS_LAMBDA_FUNCTION_NAME") == null
        && System.getenv("AWS_EMF_ENVIRONMENT") == null) {
      // Outside Lambda, EMF would probe EC2/ECS metadata endpoints before printing; print to stdout
      // instead.
      EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(Environments.Local);
    }
    Metrics metrics = MetricsFactory.getMetricsInstance();
    if (System.getenv("POWERTOOLS_METRICS_NAMESPACE") == null) {
      metrics.setNamespace(DEFAULT_NAMESPACE);
    }
    metrics.setRaiseOnEmptyMetrics(false);
    return new PipelineMetrics(metrics);
  }

  /** Adds one image's outcome and stage times to the current invocation's metrics. */
  public void record(ImageResult result) {
    switch (result.status()) {
      case ImageResult.OK -> metrics.addMetric("ImagesProcessed", 1, MetricUnit.COUNT);
      case ImageResult.SKIPPED -> metrics.addMetric("ImagesSkipped", 1, MetricUnit.COUNT);
      default -> metrics.addMetric("ImagesFailed", 1, MetricUnit.COUNT);
    }
    StageTimings t = result.timingsMs();
    if (t != null && result.isOk()) {
      for (String stage : StageTimings.STAGES) {
        String name = Character.toUpperCase(stage.charAt(0)) + stage.substring(1) + "Ms";
        metrics.addMetric(name, t.get(stage), MetricUnit.MILLISECONDS);
      }
    }
  }

  /** Records a cold start metric for the first invocation of a container. */
  public void captureColdStart(com.amazonaws.services.lambda.runtime.Context context) {
    if (context != null) {
      metrics.captureColdStartMetric(context);
    }
  }

  /** Writes the invocation's metrics as one EMF log line. Call once per invocation. */
  public void flush() {
    metrics.flush();
  }
}
