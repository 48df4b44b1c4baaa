package io.thumbflow.orchestrator.statemachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thumbflow.core.ErrorType;
import io.thumbflow.lambda.AggregateHandler;
import io.thumbflow.lambda.ThumbnailHandler;
import io.thumbflow.lambda.config.AggregateConfig;
import io.thumbflow.lambda.config.ThumbnailConfig;
import io.thumbflow.lambda.telemetry.PipelineMetrics;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Runs the state machine in aws-local-stepfunctions, an existing ASL interpreter, with its Lambda
 * tasks answered by the real ThumbnailHandler and AggregateHandler against an in-process S3 API: the
 * whole inline path (EventBridge event, or a Pipe batch of SQS messages), and the child workflow a
 * Distributed Map runs per ItemBatcher batch (the interpreter has no ItemReader, so the batch is given
 * as events/map-batch.json shows it). Needs Node 22 and the npm
 * packages of .ci/node ({@code npm ci --prefix .ci/node}, done by .ci/infra-checks.sh); skipped
 * without them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AslInterpreterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path REPO = Path.of(System.getProperty("thumbflow.repo", ".."));
  private static final Path NODE_MODULES = REPO.resolve(".ci/node/node_modules");
  private static final Path NODE = NODE_MODULES.resolve(".bin/node");
  private static final Path ASL = REPO.resolve("orchestrator/statemachine/thumbflow.asl.json");
  private static final Path EVENTBRIDGE_EVENT = REPO.resolve("events/eventbridge-object-created.json");
  private static final Path MAP_BATCH = REPO.resolve("events/map-batch.json");
  private static final Path PIPE_BATCH = REPO.resolve("orchestrator/statemachine/inputs/pipe-sqs-batch.json");
  private static final String THUMBS = "thumbflow-thumbs-interpreter";

  @TempDir Path temp;

  private InProcessS3 s3Server;
  private S3Client s3;
  private HandlerBridge bridge;
  private String sourceBucket;

  @BeforeAll
  void startHandlersBehindTheBridge() throws Exception {
    assumeTrue(Files.isExecutable(NODE) && Files.isDirectory(NODE_MODULES.resolve("aws-local-stepfunctions")),
        "Node 22 and aws-local-stepfunctions are not installed in .ci/node (run .ci/infra-checks.sh)");
    s3Server = InProcessS3.start();
    s3 = s3Server.client();
    Set<String> sources = new LinkedHashSet<>();
    sources.add(JSON.readTree(EVENTBRIDGE_EVENT.toFile()).path("detail").path("bucket").path("name").asText());
    sources.add(JSON.readTree(MAP_BATCH.toFile()).path("BatchInput").path("bucket").asText());
    for (JsonNode message : JSON.readTree(PIPE_BATCH.toFile())) {
      sources.add(JSON.readTree(message.path("body").asText()).path("detail").path("bucket").path("name").asText());
    }
    sourceBucket = sources.iterator().next();
    for (String bucket : sources) {
      s3.createBucket(b -> b.bucket(bucket));
    }
    s3.createBucket(b -> b.bucket(THUMBS));
    ThumbnailConfig thumbnailConfig = ThumbnailConfig.fromEnv(Map.of(
        ThumbnailConfig.THUMBS_BUCKET, THUMBS,
        ThumbnailConfig.SOURCE_BUCKETS, String.join(",", sources),
        ThumbnailConfig.SIZE, "50x50"));
    AggregateConfig aggregateConfig = AggregateConfig.fromEnv(Map.of(ThumbnailConfig.THUMBS_BUCKET, THUMBS));
    bridge = new HandlerBridge(
        new ThumbnailHandler(thumbnailConfig, s3, PipelineMetrics.fromEnvironment()),
        new AggregateHandler(aggregateConfig, s3));
  }

  @BeforeEach
  void noInjectedFaults() {
    bridge.clearFaults();
  }

  @AfterAll
  void stop() throws Exception {
    if (bridge != null) {
      bridge.close();
    }
    if (s3Server != null) {
      s3Server.close();
    }
  }

  @Test
  void eventBridgeUploadBecomesAThumbnailAndAOneImageReport() throws Exception {
    JsonNode event = JSON.readTree(EVENTBRIDGE_EVENT.toFile());
    String bucket = event.path("detail").path("bucket").path("name").asText();
    String key = event.path("detail").path("object").path("key").asText();
    put(bucket, key, jpeg(640, 480));

    JsonNode summary = run(EVENTBRIDGE_EVENT, "run-eventbridge").path("output");

    assertThat(summary.path("runId").asText()).isEqualTo("run-eventbridge");
    assertThat(summary.path("images").asInt()).isEqualTo(1);
    assertThat(summary.path("succeeded").asInt()).isEqualTo(1);
    JsonNode item = reportItems(summary).get(0);
    assertThat(item.path("source").asText()).isEqualTo(key);
    assertThat(item.path("status").asText()).isEqualTo("ok");
    assertIsThumbnail(item.path("output").asText());
  }

  @Test
  void pipeBatchThumbnailsEveryGoodUploadAndRecordsBadOnesWithoutAbortingTheRun() throws Exception {
    put(sourceBucket, "uploads/castle.jpg", jpeg(1200, 800));
    put(sourceBucket, "uploads/red flower+1.jpg", jpeg(300, 900));
    put(sourceBucket, "uploads/notes.jpg", "shopping list: not an image".getBytes(StandardCharsets.UTF_8));
    // uploads/deleted-before-processing.jpg is named by the batch but never stored.

    JsonNode summary = run(PIPE_BATCH, "run-pipe-batch").path("output");

    assertThat(summary.path("images").asInt()).isEqualTo(4);
    assertThat(summary.path("succeeded").asInt()).isEqualTo(2);
    assertThat(summary.path("failed").asInt()).isEqualTo(2);
    Map<String, JsonNode> bySource = bySource(reportItems(summary));
    assertThat(bySource).containsOnlyKeys("uploads/castle.jpg", "uploads/red flower+1.jpg", "uploads/notes.jpg",
        "uploads/deleted-before-processing.jpg");
    assertIsThumbnail(bySource.get("uploads/castle.jpg").path("output").asText());
    assertIsThumbnail(bySource.get("uploads/red flower+1.jpg").path("output").asText());
    assertThat(bySource.get("uploads/notes.jpg").path("status").asText()).isEqualTo("failed");
    assertThat(bySource.get("uploads/notes.jpg").path("error").path("type").asText()).isNotEmpty();
    assertThat(bySource.get("uploads/deleted-before-processing.jpg").path("error").path("type").asText())
        .isEqualTo("ReadFailed");
  }

  @Test
  void throttledInvocationIsRetriedByTheStateMachineAndThenSucceeds() throws Exception {
    String key = "uploads/throttled-twice.jpg";
    put(sourceBucket, key, jpeg(400, 400));
    bridge.failNextCalls("ThumbnailFunction", key, "Lambda.TooManyRequestsException", 2);

    JsonNode summary = run(eventFor(key), "run-throttled").path("output");

    assertThat(summary.path("succeeded").asInt()).isEqualTo(1);
    assertThat(callsMentioning(key)).isEqualTo(3);
  }

  @Test
  void faultOutlastingEveryRetryBecomesAFailedItemAndTheRunStillReports() throws Exception {
    String key = "uploads/always-throttled.jpg";
    put(sourceBucket, key, jpeg(400, 400));
    bridge.failNextCalls("ThumbnailFunction", key, "Lambda.ServiceException", 1_000);

    JsonNode summary = run(eventFor(key), "run-retries-exhausted").path("output");

    assertThat(summary.path("images").asInt()).isEqualTo(1);
    assertThat(summary.path("failed").asInt()).isEqualTo(1);
    JsonNode item = reportItems(summary).get(0);
    assertThat(item.path("source").asText()).isEqualTo(key);
    // The report types every failure with an ErrorType name (as local mode does); the Step Functions
    // error that exhausted the retries stays in the message.
    assertThat(item.path("error").path("type").asText())
        .isIn(Arrays.stream(ErrorType.values()).map(Enum::name).toList());
    assertThat(item.path("error").path("message").asText()).contains("Lambda.ServiceException");
    // The first attempt plus MaxAttempts retries, as the definition (and so MapSettings) says.
    assertThat(callsMentioning(key)).isEqualTo(1 + MapSettings.fromDefinition().retry().maxAttempts());
  }

  @Test
  void distributedMapBatchGoesThroughTheChildWorkflowOneResultPerItem() throws Exception {
    JsonNode batch = JSON.readTree(MAP_BATCH.toFile());
    String bucket = batch.path("BatchInput").path("bucket").asText();
    List<String> keys = new ArrayList<>();
    batch.path("Items").forEach(i -> keys.add(i.path("Key").asText()));
    put(bucket, keys.get(0), jpeg(800, 600));
    put(bucket, keys.get(1), java.util.Arrays.copyOf(jpeg(800, 600), 300));
    // keys.get(2) stays missing, as the sample says.
    put(bucket, keys.get(3), png(640, 640));

    JsonNode results = run(MAP_BATCH, "child-batch", "ThumbnailPrefix").path("output");

    assertThat(results).hasSize(keys.size());
    List<String> statuses = new ArrayList<>();
    results.forEach(r -> statuses.add(r.path("source").asText() + "=" + r.path("status").asText()));
    assertThat(statuses).containsExactly(keys.get(0) + "=ok", keys.get(1) + "=failed", keys.get(2) + "=failed",
        keys.get(3) + "=ok");
    assertIsThumbnail(results.get(0).path("output").asText());
  }

  @Test
  void batchWhoseLambdaKeepsFailingRecordsEveryItemAsFailedInsteadOfFailingTheChild() throws Exception {
    JsonNode batch = JSON.readTree(MAP_BATCH.toFile());
    String marker = batch.path("Items").get(0).path("Key").asText();
    bridge.failNextCalls("ThumbnailFunction", marker, "io.thumbflow.lambda.s3.S3FaultException", 1_000);

    JsonNode results = run(MAP_BATCH, "child-batch-failing", "ThumbnailPrefix").path("output");

    assertThat(results).hasSize(batch.path("Items").size());
    for (int i = 0; i < results.size(); i++) {
      assertThat(results.get(i).path("source").asText()).isEqualTo(batch.path("Items").get(i).path("Key").asText());
      assertThat(results.get(i).path("status").asText()).isEqualTo("failed");
      assertThat(results.get(i).path("error").path("type").asText())
          .isEqualTo("io.thumbflow.lambda.s3.S3FaultException");
    }
    assertThat(callsMentioning(marker)).isEqualTo(1 + MapSettings.fromDefinition().retry().maxAttempts());
  }

  // ---------------------------------------------------------------- helpers

  private static byte[] png(int width, int height) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    g.setPaint(new GradientPaint(0, 0, Color.GREEN, width, height, Color.MAGENTA));
    g.fillOval(0, 0, width, height);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private JsonNode run(Path input, String executionName) throws Exception {
    return run(input, executionName, null);
  }

  /** Runs the definition, or with {@code processorOf} the ItemProcessor of that Map state. */
  private JsonNode run(Path input, String executionName, String processorOf) throws Exception {
    Path script = Path.of(getClass().getResource("/interpreter/run-asl.mjs").toURI());
    Path stdout = temp.resolve(executionName + ".out.json");
    Path stderr = temp.resolve(executionName + ".err.txt");
    ProcessBuilder pb = new ProcessBuilder(NODE.toString(), script.toString(), ASL.toString(),
        bridge.url().toString(), input.toString(), executionName)
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile());
    pb.environment().put("THUMBFLOW_NODE_MODULES", NODE_MODULES.toString());
    pb.environment().put("THUMBFLOW_THUMBS_BUCKET", THUMBS);
    pb.environment().put("THUMBFLOW_SOURCE_BUCKET", sourceBucket);
    if (processorOf != null) {
      pb.environment().put("THUMBFLOW_PROCESSOR_OF", processorOf);
    }
    Process process = pb.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the interpreter did not finish in 120 s: " + Files.readString(stderr));
    }
    assertThat(process.exitValue())
        .as("interpreter exit code; stderr: %s; stdout: %s", Files.readString(stderr), Files.readString(stdout))
        .isZero();
    return JSON.readTree(stdout.toFile());
  }

  private Path eventFor(String key) throws IOException {
    ObjectNode event = (ObjectNode) JSON.readTree(EVENTBRIDGE_EVENT.toFile());
    ((ObjectNode) event.path("detail").path("bucket")).put("name", sourceBucket);
    ObjectNode object = (ObjectNode) event.path("detail").path("object");
    object.put("key", key);
    object.remove("etag");
    Path file = temp.resolve(key.replace('/', '_') + ".event.json");
    JSON.writeValue(file.toFile(), event);
    return file;
  }

  private List<JsonNode> reportItems(JsonNode summary) throws IOException {
    String bucket = summary.path("reportBucket").asText();
    String key = summary.path("reportKey").asText();
    assertThat(bucket).isEqualTo(THUMBS);
    assertThat(key).startsWith("reports/" + summary.path("runId").asText() + "/");
    JsonNode report = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
    assertThat(s3.headObject(b -> b.bucket(bucket).key(summary.path("htmlKey").asText())).contentType())
        .startsWith("text/html");
    List<JsonNode> items = new ArrayList<>();
    report.path("items").forEach(items::add);
    assertThat(items).hasSize(summary.path("images").asInt());
    return items;
  }

  private static Map<String, JsonNode> bySource(List<JsonNode> items) {
    Map<String, JsonNode> map = new java.util.TreeMap<>();
    items.forEach(i -> map.put(i.path("source").asText(), i));
    return map;
  }

  private void assertIsThumbnail(String s3Uri) throws IOException {
    assertThat(s3Uri).startsWith("s3://" + THUMBS + "/");
    String key = s3Uri.substring(("s3://" + THUMBS + "/").length());
    ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(b -> b.bucket(THUMBS).key(key));
    assertThat(object.response().contentType()).isEqualTo("image/jpeg");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(object.asByteArray()));
    assertThat(image).as("thumbnail %s decodes", s3Uri).isNotNull();
    assertThat(Math.max(image.getWidth(), image.getHeight())).isEqualTo(50);
  }

  private long callsMentioning(String key) {
    return bridge.calls().stream().filter(c -> c.startsWith("ThumbnailFunction ") && c.contains(key)).count();
  }

  private void put(String bucket, String key, byte[] bytes) {
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
  }

  private static byte[] jpeg(int width, int height) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setPaint(new GradientPaint(0, 0, Color.ORANGE, width, height, Color.BLUE));
    g.fillRect(0, 0, width, height);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "jpg", out);
    return out.toByteArray();
  }
}
