package io.thumbflow.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thumbflow.core.ImageResult;
import io.thumbflow.core.report.RunReport;
import io.thumbflow.lambda.aggregate.ReportPublisher;
import io.thumbflow.lambda.aggregate.ResultCollector;
import io.thumbflow.lambda.aggregate.ResultWriterManifest;
import io.thumbflow.lambda.aggregate.RunSummary;
import io.thumbflow.lambda.config.AggregateConfig;
import io.thumbflow.lambda.input.InvalidEventException;
import io.thumbflow.lambda.json.LambdaJson;
import io.thumbflow.lambda.s3.S3Clients;
import io.thumbflow.lambda.telemetry.LogContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The state machine's last task: turns the Map state's item results into the run report of local mode
 * and writes {@code report.json} and {@code report.html} to {@code <THUMBFLOW_REPORT_PREFIX><runId>/} in
 * the thumbs bucket. Handler string: {@code io.thumbflow.lambda.AggregateHandler::handleRequest}.
 *
 * <p>Input, one of: {@code {"runId"?, "run"?: {...}, "results": [...]}} where results are ThumbnailHandler
 * outputs (single results, {@code {"results": [...]}} batches, Catch outputs; see {@link ResultCollector});
 * {@code {"runId"?, "manifest": {"bucket", "key"}}} naming a Distributed Map ResultWriter
 * {@code manifest.json}; or the Distributed Map's own output {@code {"MapRunArn", "ResultWriterDetails":
 * {"Bucket", "Key"}}}. The run id comes from {@code runId}, else {@code executionName}, else the last part of
 * {@code executionId}/{@code executionArn}, else the request id.
 *
 * <p>Output: {@link RunSummary} {@code {"runId", "images", "succeeded", "failed", "skipped",
 * "reportBucket", "reportKey", "htmlKey"}}. S3 faults throw {@code io.thumbflow.lambda.s3.S3FaultException}.
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

  /** For tests and tools: an injected configuration and S3 client (null = built from the configuration). */
  public AggregateHandler(AggregateConfig config, S3Client s3) {
    this.config = config;
    this.s3 = s3 != null ? s3 : S3Clients.create(config.s3Endpoint());
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonNode event = LambdaJson.readEvent(input);
    RunSummary summary = LogContext.within(context, () -> handle(event, context));
    JSON.writeValue(output, summary);
  }

  /** Collects, reports and summarises one run. */
  public RunSummary handle(JsonNode event, Context context) throws IOException {
    if (event == null || !(event.isObject() || event.isArray())) {
      throw new InvalidEventException("aggregate input must be {\"results\": [...]} or {\"manifest\": {...}}");
    }
    String runId = runId(event, context);
    LogContext.put(LogContext.EXECUTION_ID, runId);
    ResultCollector collector = new ResultCollector();
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("mode", "lambda");
    run.put("runId", runId);
    JsonNode manifest = manifestRef(event);
    if (manifest != null) {
      String bucket = text(manifest, "bucket", "Bucket");
      String key = text(manifest, "key", "Key");
      if (bucket == null || key == null) {
        throw new InvalidEventException("manifest reference needs bucket and key, was " + manifest);
      }
      int files = new ResultWriterManifest(s3).readInto(bucket, key, collector);
      run.put("resultWriterManifest", "s3://" + bucket + "/" + key);
      LOG.info("read {} ResultWriter result files from s3://{}/{}", files, bucket, key);
    } else if (event.isArray()) {
      collector.add(event);
    } else if (event.has("results")) {
      collector.add(event.get("results"));
    } else {
      throw new InvalidEventException(
          "aggregate input must have \"results\", \"manifest\" or \"ResultWriterDetails\"");
    }
    if (event.path("run").isObject()) {
      event.get("run").fields().forEachRemaining(e -> run.putIfAbsent(e.getKey(), JSON.convertValue(e.getValue(),
          Object.class)));
    }
    List<ImageResult> items = collector.results();
    RunReport report = RunReport.of(items, wallMs(items), run);
    String folder = config.reportPrefix() + runId + "/";
    String jsonKey = new ReportPublisher(s3, config.thumbsBucket()).publish(report, folder);
    RunSummary summary = RunSummary.of(runId, report, config.thumbsBucket(), jsonKey, folder + "report.html");
    LOG.info("run {}: {} images, {} ok, {} failed, {} skipped; report s3://{}/{}", runId, summary.images(),
        summary.succeeded(), summary.failed(), summary.skipped(), config.thumbsBucket(), jsonKey);
    LogContext.put(LogContext.EXECUTION_ID, null);
    return summary;
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
    if (event.path("results").path("ResultWriterDetails").isObject()) {
      return event.get("results").get("ResultWriterDetails");
    }
    return null;
  }

  /** Wall time of the run as seen from the items (first start to last end, ms); 0 when unknown. */
  static long wallMs(List<ImageResult> items) {
    long first = Long.MAX_VALUE;
    long last = 0;
    for (ImageResult r : items) {
      if (r.startMs() > 0) {
        first = Math.min(first, r.startMs());
      }
      last = Math.max(last, r.endMs());
    }
    return first == Long.MAX_VALUE || last < first ? 0 : last - first;
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
