package io.thumbflow.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thumbflow.core.ImageResult;
import io.thumbflow.core.ThumbnailPipeline;
import io.thumbflow.lambda.config.ThumbnailConfig;
import io.thumbflow.lambda.input.Invocation;
import io.thumbflow.lambda.input.InvocationParser;
import io.thumbflow.lambda.input.ObjectRef;
import io.thumbflow.lambda.json.LambdaJson;
import io.thumbflow.lambda.s3.S3Clients;
import io.thumbflow.lambda.snapstart.CodecPriming;
import io.thumbflow.lambda.snapstart.S3ClientPriming;
import io.thumbflow.lambda.telemetry.LogContext;
import io.thumbflow.lambda.telemetry.PipelineMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Step Functions Map-state task (and S3/EventBridge target) that thumbnails S3 objects into the thumbs
 * bucket. Handler string: {@code io.thumbflow.lambda.ThumbnailHandler::handleRequest}.
 *
 * <p>Input, any of (see {@link InvocationParser}): a Map item {@code {"bucket","key"}} (or an ItemReader
 * item such as a {@code listObjectsV2} entry {@code {"Key","ETag","Size"}}), an ItemBatcher batch
 * {@code {"Items":[...],"BatchInput":{"bucket","executionId"}}}, an S3 notification {@code {"Records":[...]}},
 * an EventBridge "Object Created" event, or a JSON array of items.
 *
 * <p>Output: for a single item (Map item, EventBridge event) one {@link ImageResult} object; for a batch
 * shape (ItemBatcher, S3 Records, array) {@code {"results": [ImageResult, ...]}} in input order. An
 * ImageResult is {@code {"source": key, "status": "ok"|"failed"|"skipped", "output": "s3://thumbs/key",
 * "width", "height", "format", "sourceWidth", "sourceHeight", "timingsMs": {"read" (S3 head+get), "decode",
 * "blur", "resize", "encode", "write" (S3 put)}, "error": {"type", "message"}, "worker": request id,
 * "startMs", "endMs"}} ({@code output}, {@code format} and {@code error} omitted when null).
 *
 * <p>Errors: a bad image, a refused key or a missing object is a {@code failed} result, never an exception.
 * S3 faults throw {@code io.thumbflow.lambda.s3.S3FaultException} (retry it); an event of no known shape
 * throws {@code io.thumbflow.lambda.input.InvalidEventException} (do not retry).
 */
public final class ThumbnailHandler implements RequestStreamHandler, Resource {
  private static final Logger LOG = LoggerFactory.getLogger(ThumbnailHandler.class);
  private static final ObjectMapper JSON = LambdaJson.MAPPER;
  /** Key (under the output prefix) that S3 client priming asks about; it need not exist. */
  static final String PRIMING_KEY = ".thumbflow-priming";

  private final ObjectThumbnailer thumbnailer;
  private final InvocationParser parser;
  private final PipelineMetrics metrics;
  private final CodecPriming codecPriming;
  private final S3ClientPriming clientPriming;

  /** Lambda's entry: configuration from the environment, one S3 client per container. */
  public ThumbnailHandler() {
    this(ThumbnailConfig.fromEnv(System.getenv()), null, PipelineMetrics.fromEnvironment());
  }

  /** For tests and tools: an injected configuration and S3 client (null = built from the configuration). */
  public ThumbnailHandler(ThumbnailConfig config, S3Client s3, PipelineMetrics metrics) {
    S3Client client = s3 != null ? s3 : S3Clients.create(config.s3Endpoint());
    ThumbnailPipeline pipeline = new ThumbnailPipeline(config.recipe(), config.limits());
    this.thumbnailer = new ObjectThumbnailer(client, config, pipeline);
    this.parser = new InvocationParser(config.sourceBuckets().size() == 1 ? config.sourceBuckets().get(0) : null);
    this.metrics = metrics;
    this.codecPriming = new CodecPriming(pipeline);
    this.clientPriming = new S3ClientPriming(client, config.thumbsBucket(), config.outputPrefix() + PRIMING_KEY);
    // CRaC holds resources weakly; the Lambda runtime keeps this handler alive for the container's life.
    Core.getGlobalContext().register(this);
  }

  /** SnapStart: prime before the snapshot is taken. */
  @Override
  public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
    prime();
  }

  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {
    // Nothing to refresh: credentials and connections are re-established lazily by the SDK.
  }

  /** What the SnapStart checkpoint runs: warm the imaging code, then the S3 client (a HEAD and a GET). */
  public void prime() {
    codecPriming.prime(CodecPriming.CHECKPOINT_PASSES);
    boolean reached = clientPriming.prime();
    // Also initialises the JSON log layout before the snapshot.
    LOG.info("primed imaging code and S3 client (S3 reached: {})", reached);
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonNode event = LambdaJson.readEvent(input);
    JsonNode answer = LogContext.within(context, () -> handle(event, context));
    JSON.writeValue(output, answer);
  }

  /** Handles a parsed event; the answer is one ImageResult or {@code {"results": [...]}}. */
  public JsonNode handle(JsonNode event, Context context) throws IOException {
    Invocation invocation = parser.parse(event);
    String worker = context == null ? "lambda" : context.getAwsRequestId();
    LogContext.put(LogContext.EXECUTION_ID, invocation.executionId());
    metrics.captureColdStart(context);
    List<ImageResult> results = new ArrayList<>(invocation.items().size());
    try {
      for (ObjectRef ref : invocation.items()) {
        LogContext.put(LogContext.BUCKET, ref.bucket());
        LogContext.put(LogContext.OBJECT_KEY, ref.key());
        ImageResult r = thumbnailer.process(ref, worker);
        log(r);
        metrics.record(r);
        results.add(r);
      }
    } finally {
      LogContext.put(LogContext.BUCKET, null);
      LogContext.put(LogContext.OBJECT_KEY, null);
      LogContext.put(LogContext.EXECUTION_ID, null);
      metrics.flush();
    }
    if (!invocation.batch() && results.size() == 1) {
      return JSON.valueToTree(results.get(0));
    }
    ObjectNode batch = JSON.createObjectNode();
    batch.set("results", JSON.valueToTree(results));
    return batch;
  }

  private static void log(ImageResult r) {
    if (r.isFailed()) {
      LOG.warn("thumbnail failed: {} ({})", r.error() == null ? "?" : r.error().message(),
          r.error() == null ? "?" : r.error().type());
    } else {
      LOG.info("thumbnail {}: {} -> {} ({}x{}, {} ms)", r.status(), r.source(), r.output(), r.width(),
          r.height(), r.timingsMs() == null ? 0 : Math.round(r.timingsMs().total()));
    }
  }
}
