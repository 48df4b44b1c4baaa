package io.thumbflow.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thumbflow.core.Invocation;
import io.thumbflow.core.cost.CostModel;
import io.thumbflow.core.cost.RunCost;
import io.thumbflow.core.report.ReportAccumulator;
import io.thumbflow.core.report.RunReport;
import io.thumbflow.lambda.aggregate.ReportPublisher;
import io.thumbflow.lambda.aggregate.ResultCollector;
import io.thumbflow.lambda.aggregate.ResultWriterManifest;
import io.thumbflow.lambda.aggregate.RunAggregation;
import io.thumbflow.lambda.aggregate.RunSummary;
import io.thumbflow.lambda.config.AggregateConfig;
import io.thumbflow.lambda.config.ConfigurationException;
import io.thumbflow.lambda.config.OutputLayout;
import io.thumbflow.lambda.input.InvalidEventException;
import io.thumbflow.lambda.json.LambdaJson;
import io.thumbflow.lambda.s3.S3Clients;
import io.thumbflow.lambda.telemetry.LogContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The state machine's last task: turns the Map state's item results into the run report of local
 * mode and writes {@code report.json} and {@code report.html} to {@code
 * <THUMBFLOW_REPORT_PREFIX><runId>/} in the thumbs bucket. Handler string: {@code
 * io.thumbflow.lambda.AggregateHandler::handleRequest}.
 *
 * <p>Input, one of: {@code {"runId"?, "run"?: {...}, "results": [...]}} where results are
 * ThumbnailHandler outputs (single results, {@code {"results": [...]}} batches, Catch outputs; see
 * {@link ResultCollector}); {@code {"runId"?, "manifest": {"bucket", "key"}}} naming a Distributed
 * Map ResultWriter {@code manifest.json}; or the Distributed Map's own output {@code {"MapRunArn",
 * "ResultWriterDetails": {"Bucket", "Key"}}}. The run id comes from {@code runId}, else {@code
 * executionName}, else the last part of {@code executionId}/{@code executionArn}, else the request
 * id.
 *
 * <p>Output: {@link RunSummary} {@code {"runId", "images", "succeeded", "failed", "skipped",
 * "reportBucket", "reportKey", "htmlKey"}}. S3 faults throw {@code
 * io.thumbflow.lambda.s3.S3FaultException}.
 */
public final class AggregateHandler implements RequestStreamHandler {
  private static final Logger LOG = LoggerFactory.getLogger(AggregateHandler.class);
  private static final ObjectMapper JSON = LambdaJson.MAPPER;

  private final AggregateConfig config;
  private final S3Client s3;

  /** Lambda's entry: configuration from the environment, one S3 client per container. */
  public AggregateHandler() {
    this(AggregateConfig.fromEnv(System.getenv()), null);
  }

  /**
   * For tests and tools: an injected configuration and S3 client (null = built from the
   * configuration).
   */
  public AggregateHandler(AggregateConfig config, S3Client s3) {
    this.config = config;
    this.s3 = s3 != null ? s3 : S3Clients.create(config.s3Endpoint());
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    JsonNode event = LambdaJson.readEvent(input);
    RunSummary summary = LogContext.within(context, () -> handle(event, context));
    JSON.writeValue(output, summary);
  }

  /** Collects, reports and summarises one run. */
  public RunSummary handle(JsonNode event, Context context) throws IOException {
    long started = System.nanoTime();
    if (event == null || !(event.isObject() || event.isArray())) {
      throw new InvalidEventException(
          "aggregate input must be {\"results\": [...]} or {\"manifest\": {...}}");
    }
    String runId = runId(event, context);
    LogContext.put(LogContext.EXECUTION_ID, runId);
    Map<String, String> settings = event.isObject() ? settings(event.get("config")) : Map.of();
    OutputLayout layout;
    try {
      layout = OutputLayout.of(config.thumbsBucket(), settings);
    } catch (ConfigurationException | IllegalArgumentException e) {
      throw new InvalidEventException("aggregate input config: " + e.getMessage());
    }
    JsonNode input =
        event.path("input"); // the Distributed Map state's input: {manifest | prefix, mapRun}
    String source = event.isObject() ? text(event, "source") : null;
    if (source == null && input.isObject()) {
      source = input.has("prefix") ? "prefix" : input.has("manifest") ? "manifest" : null;
    }
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("mode", "lambda");
    run.put("runId", runId);
    if (source != null) run.put("source", source);
    if (!settings.isEmpty()) run.put("config", new TreeMap<>(settings));
    ResultWriterManifest resultWriter = new ResultWriterManifest(s3);
    ReportPublisher publisher = new ReportPublisher(s3, config.thumbsBucket());
    try (RunAggregation aggregation = new RunAggregation(layout)) {
      ResultCollector collector = new ResultCollector(aggregation::add);
      JsonNode manifest = manifestRef(event);
      JsonNode mapRun = event.has("mapRun") ? event.get("mapRun") : input.path("mapRun");
      JsonNode mapRunError = mapRun.hasNonNull("Error") ? mapRun : null;
      if (manifest != null) {
        String bucket = text(manifest, "bucket", "Bucket");
        String key = text(manifest, "key", "Key");
        if (bucket == null || key == null) {
          throw new InvalidEventException(
              "manifest reference needs bucket and key, was " + manifest);
        }
        int files = resultWriter.read(bucket, key, collector::add);
        run.put("resultWriterManifest", "s3://" + bucket + "/" + key);
        LOG.info("read {} ResultWriter result files from s3://{}/{}", files, bucket, key);
      } else if (mapRunError != null) {
        readFailedMapRun(event, mapRunError, resultWriter, collector, run);
      } else if (event.isArray()) {
        collector.add(event);
      } else if (event.has("results")) {
        collector.add(event.get("results"));
      } else {
        throw new InvalidEventException(
            "aggregate input must have \"results\", \"manifest\", \"mapRun\" or \"ResultWriterDetails\"");
      }
      if (event.path("run").isObject()) {
        event
            .get("run")
            .fields()
            .forEachRemaining(
                e -> run.putIfAbsent(e.getKey(), JSON.convertValue(e.getValue(), Object.class)));
      }
      ReportAccumulator acc = aggregation.accumulator();
      if (acc.images() == 0) {
        run.put(
            "note",
            source == null
                ? "no images in this run"
                : "no images: the " + source + " listed no objects to thumbnail");
      }
      RunCost cost = cost(acc, source, resultWriter, context, started);
      RunReport summary = aggregation.summary(acc.itemWallMs(), run, cost);
      String folder = config.reportPrefix() + runId + "/";
      String jsonKey = publisher.publish(summary, aggregation.items(), acc.sample(), folder);
      RunSummary answer =
          RunSummary.of(runId, summary, config.thumbsBucket(), jsonKey, folder + "report.html");
      LOG.info(
          "run {}: {} images, {} ok, {} failed, {} skipped, {} ignored; report s3://{}/{}",
          runId,
          answer.images(),
          answer.succeeded(),
          answer.failed(),
          answer.skipped(),
          summary.ignored(),
          config.thumbsBucket(),
          jsonKey);
      return answer;
    } finally {
      LogContext.put(LogContext.EXECUTION_ID, null);
    }
  }

  /**
   * A Map Run that failed (its ItemReader, or more failures than it tolerates) names no
   * ResultWriter manifest; whatever it exported is under the run's results prefix. The report then
   * says why the run stopped and holds what was done.
   */
  private void readFailedMapRun(
      JsonNode event,
      JsonNode error,
      ResultWriterManifest resultWriter,
      ResultCollector collector,
      Map<String, Object> run)
      throws IOException {
    String why = text(error, "Error") + ": " + text(error, "Cause");
    run.put("mapRunError", why);
    String prefix = text(event, "resultsPrefix");
    if (prefix == null) {
      throw new InvalidEventException("a failed Map Run's aggregate input needs resultsPrefix");
    }
    Optional<String> manifest = resultWriter.findManifest(config.thumbsBucket(), prefix);
    if (manifest.isPresent()) {
      resultWriter.read(config.thumbsBucket(), manifest.get(), collector::add);
      run.put("resultWriterManifest", "s3://" + config.thumbsBucket() + "/" + manifest.get());
    } else {
      run.put("note", "the Map Run failed before exporting any results");
    }
    LOG.warn("Map Run failed ({}); reporting what it exported", why);
  }

  /** The run's cost from the thumbnail invocations' records and the requests this step made. */
  private static RunCost cost(
      ReportAccumulator acc,
      String source,
      ResultWriterManifest resultWriter,
      Context context,
      long started) {
    boolean uploads = source == null || source.equals("uploads");
    CostModel.Workflow workflow =
        uploads ? CostModel.Workflow.UPLOADS : CostModel.Workflow.DISTRIBUTED;
    long entries = (long) acc.images() + acc.ignored();
    long lists =
        "prefix".equals(source)
            ? CostModel.listRequests(entries) + resultWriter.lists()
            : resultWriter.lists();
    // The manifest the ItemReader read; the files ResultWriter wrote, as many as were read back,
    // and the report.
    long gets = ("manifest".equals(source) ? 1 : 0) + resultWriter.gets();
    long puts = resultWriter.gets() + 2L;
    Invocation self =
        context == null
            ? null
            : new Invocation(
                context.getAwsRequestId(),
                context.getMemoryLimitInMB(),
                (System.nanoTime() - started) / 1e6,
                ThumbnailHandler.architecture(),
                false);
    return CostModel.measured(acc.costFacts(), workflow, lists, gets, puts, self);
  }

  private static Map<String, String> settings(JsonNode config) {
    if (config == null || config.isNull()) return Map.of();
    if (!config.isObject())
      throw new InvalidEventException("config must be a JSON object of settings");
    Map<String, String> out = new LinkedHashMap<>();
    config.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  private static JsonNode manifestRef(JsonNode event) {
    if (!event.isObject()) {
      return null;
    }
    if (event.path("manifest").isObject()) {
      return event.get("manifest");
    }
    if (event.path("ResultWriterDetails").isObject()) {
      return event.get("ResultWriterDetails");
    }
    if (event.path("mapRun").path("ResultWriterDetails").isObject()) {
      return event.get("mapRun").get("ResultWriterDetails");
    }
    if (event.path("input").path("mapRun").path("ResultWriterDetails").isObject()) {
      return event.get("input").get("mapRun").get("ResultWriterDetails");
    }
    if (event.path("results").path("ResultWriterDetails").isObject()) {
      return event.get("results").get("ResultWriterDetails");
    }
    return null;
  }

  static String runId(JsonNode event, Context context) {
    String id = event.isObject() ? text(event, "runId", "executionName") : null;
    if (id == null && event.isObject()) {
      String arn = text(event, "executionId", "executionArn", "ExecutionArn");
      if (arn != null) {
        id = arn.substring(arn.lastIndexOf(':') + 1);
      }
    }
    if (id == null) {
      id = context != null ? context.getAwsRequestId() : "run-" + System.currentTimeMillis();
    }
    String safe = id.replaceAll("[^A-Za-z0-9._-]", "-");
    safe = safe.replaceAll("^[.]+", "-");
    return safe.length() > 128 ? safe.substring(0, 128) : safe;
  }

  private static String text(JsonNode n, String... names) {
    for (String name : names) {
      JsonNode v = n.get(name);
      if (v != null && v.isValueNode() && !v.isNull() && !v.asText().isBlank()) {
        return v.asText();
      }
    }
    return null;
  }
}
