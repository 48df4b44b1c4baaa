package io.thumbflow.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageError;
import io.thumbflow.core.ImageResult;
import io.thumbflow.core.StageTimings;
import io.thumbflow.core.ThumbnailPipeline;
import io.thumbflow.lambda.config.ConfigurationException;
import io.thumbflow.lambda.config.ThumbnailConfig;
import io.thumbflow.lambda.input.InvalidEventException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Step Functions Map-state task (and S3/EventBridge target) that thumbnails S3 objects into the
 * thumbs bucket. Handler string: {@code io.thumbflow.lambda.ThumbnailHandler::handleRequest}.
 *
 * <p>Input, any of (see {@link InvocationParser}): a Map item {@code {"bucket","key"}} (or an
 * ItemReader item such as a {@code listObjectsV2} entry {@code {"Key","ETag","Size"}}), an
 * ItemBatcher batch {@code {"Items":[...],"BatchInput":{"bucket","executionId"}}}, an S3
 * notification {@code {"Records":[...]}}, an EventBridge "Object Created" event, or a JSON array of
 * items.
 *
 * <p>Output: for a single item (Map item, EventBridge event) one {@link ImageResult} object; for a
 * batch shape (ItemBatcher, S3 Records, array) {@code {"results": [ImageResult, ...]}} in input
 * order. An ImageResult is {@code {"source": key, "status": "ok"|"failed"|"skipped", "output":
 * "s3://thumbs/key", "width", "height", "format", "sourceWidth", "sourceHeight", "timingsMs":
 * {"read" (S3 head+get), "decode", "blur", "resize", "encode", "write" (S3 put)}, "error": {"type",
 * "message"}, "worker": request id, "startMs", "endMs"}} ({@code output}, {@code format} and {@code
 * error} omitted when null).
 *
 * <p>Errors: a bad image, a refused key or a missing object is a {@code failed} result, never an
 * exception. S3 faults throw {@code io.thumbflow.lambda.s3.S3FaultException} (retry it); an event
 * of no known shape throws {@code io.thumbflow.lambda.input.InvalidEventException} (do not retry).
 */
public final class ThumbnailHandler implements RequestStreamHandler, Resource {
  private static final Logger LOG = LoggerFactory.getLogger(ThumbnailHandler.class);
  private static final ObjectMapper JSON = LambdaJson.MAPPER;

  /** Key (under the output prefix) that S3 client priming asks about; it need not exist. */
  static final String PRIMING_KEY = ".thumbflow-priming";

  /** Distinct payload configurations a container keeps a pipeline for; a deployment sends one. */
  private static final int MAX_CONFIGURATIONS = 4;

  /** Time kept back at the end of an invocation for writing the answer and the metrics (ms). */
  static final long ANSWER_RESERVE_MS = 5_000;

  private final ThumbnailConfig config;
  private final S3Client client;
  private final Map<Map<String, String>, ObjectThumbnailer> thumbnailers = new LinkedHashMap<>();
  private final ObjectThumbnailer defaultThumbnailer;
  private final InvocationParser parser;
  private final PipelineMetrics metrics;
  private final CodecPriming codecPriming;
  private final S3ClientPriming clientPriming;
  private final AtomicBoolean coldStart = new AtomicBoolean(true);

  /** Lambda's entry: configuration from the environment, one S3 client per container. */
  public ThumbnailHandler() {
    this(ThumbnailConfig.fromEnv(System.getenv()), null, PipelineMetrics.fromEnvironment());
  }

  /**
   * For tests and tools: an injected configuration and S3 client (null = built from the
   * configuration).
   */
  public ThumbnailHandler(ThumbnailConfig config, S3Client s3, PipelineMetrics metrics) {
    this.config = config;
    this.client = s3 != null ? s3 : S3Clients.create(config.s3Endpoint());
    this.defaultThumbnailer = thumbnailer(config);
    this.parser =
        new InvocationParser(
            config.sourceBuckets().size() == 1 ? config.sourceBuckets().get(0) : null);
    this.metrics = metrics;
    this.codecPriming = new CodecPriming(new ThumbnailPipeline(config.recipe(), config.limits()));
    this.clientPriming =
        new S3ClientPriming(client, config.thumbsBucket(), config.outputPrefix() + PRIMING_KEY);
    // CRaC holds resources weakly; the Lambda runtime keeps this handler alive for the container's
    // life.
    Core.getGlobalContext().register(this);
  }

  private ObjectThumbnailer thumbnailer(ThumbnailConfig c) {
    return new ObjectThumbnailer(client, c, new ThumbnailPipeline(c.recipe(), c.limits()));
  }

  /** The thumbnailer for a payload's settings: the environment's when it has none. */
  private synchronized ObjectThumbnailer thumbnailerFor(Map<String, String> settings) {
    if (settings.isEmpty()) return defaultThumbnailer;
    ObjectThumbnailer t = thumbnailers.get(settings);
    if (t == null) {
      ThumbnailConfig requested;
      try {
        requested = config.withRequestSettings(settings);
      } catch (ConfigurationException | IllegalArgumentException e) {
        throw new InvalidEventException(e.getMessage());
      }
      t = thumbnailer(requested);
      if (thumbnailers.size() >= MAX_CONFIGURATIONS)
        thumbnailers.remove(thumbnailers.keySet().iterator().next());
      thumbnailers.put(settings, t);
    }
    return t;
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

  /**
   * What the SnapStart checkpoint runs: warm the imaging code, then the S3 client (a HEAD and a
   * GET).
   */
  public void prime() {
    codecPriming.prime(CodecPriming.CHECKPOINT_PASSES);
    boolean reached = clientPriming.prime();
    // Also initialises the JSON log layout before the snapshot.
    LOG.info("primed imaging code and S3 client (S3 reached: {})", reached);
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    JsonNode event = LambdaJson.readEvent(input);
    JsonNode answer = LogContext.within(context, () -> handle(event, context));
    JSON.writeValue(output, answer);
  }

  /** Handles a parsed event; the answer is one ImageResult or {@code {"results": [...]}}. */
  public JsonNode handle(JsonNode event, Context context) throws IOException {
    long started = System.nanoTime();
    boolean cold = coldStart.getAndSet(false);
    Invocation invocation = parser.parse(event);
    ObjectThumbnailer thumbnailer = thumbnailerFor(invocation.settings());
    String worker = context == null ? "lambda" : context.getAwsRequestId();
    LogContext.put(LogContext.EXECUTION_ID, invocation.executionId());
    metrics.captureColdStart(context);
    List<ObjectRef> items = invocation.items();
    List<ImageResult> results = new ArrayList<>(items.size());
    try {
      for (int i = 0; i < items.size(); i++) {
        ObjectRef ref = items.get(i);
        if (outOfTime(context, thumbnailer.config().limits().deadline().toMillis())) {
          results.addAll(notStarted(items.subList(i, items.size()), worker));
          LOG.warn("out of time: {} of {} items not started", items.size() - i, items.size());
          break;
        }
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
    io.thumbflow.core.Invocation record =
        invocationRecord(context, worker, (System.nanoTime() - started) / 1e6, cold);
    List<ImageResult> stamped = results.stream().map(r -> r.withInvocation(record)).toList();
    if (!invocation.batch() && stamped.size() == 1) {
      return JSON.valueToTree(stamped.get(0));
    }
    ObjectNode batch = JSON.createObjectNode();
    batch.set("results", JSON.valueToTree(stamped));
    return batch;
  }

  /**
   * True when fewer than one image's deadline plus {@link #ANSWER_RESERVE_MS} remain: starting
   * another image could then run into the function's timeout, which would lose the whole batch's
   * answer.
   */
  private static boolean outOfTime(Context context, long deadlineMs) {
    return context != null && context.getRemainingTimeInMillis() < deadlineMs + ANSWER_RESERVE_MS;
  }

  /**
   * Items the invocation had no time left for: failed as Timeout, so the run reports them and
   * redrive retries.
   */
  private static List<ImageResult> notStarted(List<ObjectRef> refs, String worker) {
    long now = System.currentTimeMillis();
    List<ImageResult> out = new ArrayList<>(refs.size());
    for (ObjectRef ref : refs) {
      String shown = ref.key() == null ? "(no key)" : ImageError.shortName(ref.key());
      out.add(
          ImageResult.failed(
              ref.key(),
              new ImageError(
                  ErrorType.Timeout.name(),
                  shown
                      + ": not started: the invocation ran out of time ("
                      + refs.size()
                      + " items left); run it again"),
              StageTimings.ZERO,
              worker,
              now,
              now));
    }
    return out;
  }

  /** This invocation, for the run's cost (the io.thumbflow.core.Invocation record). */
  private static io.thumbflow.core.Invocation invocationRecord(
      Context context, String worker, double durationMs, boolean cold) {
    int memory = context == null ? 0 : context.getMemoryLimitInMB();
    return new io.thumbflow.core.Invocation(
        worker, memory, Math.round(durationMs * 1000) / 1000.0, architecture(), cold);
  }

  /** Lambda's name for this JVM's CPU architecture. */
  static String architecture() {
    String arch = System.getProperty("os.arch", "");
    return arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : "x86_64";
  }

  private static void log(ImageResult r) {
    if (r.isFailed()) {
      LOG.warn(
          "thumbnail failed: {} ({})",
          r.error() == null ? "?" : r.error().message(),
          r.error() == null ? "?" : r.error().type());
    } else {
      LOG.info(
          "thumbnail {}: {} ({} renditions, first {}x{}, {} ms)",
          r.status(),
          r.source(),
          r.renditions().size(),
          r.width(),
          r.height(),
          r.timingsMs() == null ? 0 : Math.round(r.timingsMs().total()));
    }
  }
}
