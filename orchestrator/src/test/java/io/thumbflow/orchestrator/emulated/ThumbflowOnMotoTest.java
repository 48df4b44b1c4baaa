package io.thumbflow.orchestrator.emulated;

import static io.thumbflow.orchestrator.emulated.ThumbflowDeployment.SOURCE_BUCKET;
import static io.thumbflow.orchestrator.emulated.ThumbflowDeployment.THUMBNAIL_FUNCTION;
import static io.thumbflow.orchestrator.emulated.ThumbflowDeployment.THUMBS_BUCKET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thumbflow.core.ErrorType;
import io.thumbflow.orchestrator.emulated.EmulatedCloud.Execution;
import io.thumbflow.orchestrator.emulated.LambdaEndpoint.Invocation;
import io.thumbflow.orchestrator.statemachine.MapSettings;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The production state machine (orchestrator/statemachine/thumbflow.asl.json, substituted as template.yaml
 * does, with the test-only rewrites of {@link TestDefinition}) executed by moto's Step Functions interpreter,
 * its Lambda tasks answered by the real ThumbnailHandler and AggregateHandler, all S3 traffic (ItemReader,
 * ResultWriter, the handlers) on moto's S3. Needs Python with moto ({@code pip install 'moto[server]'});
 * skipped without it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThumbflowOnMotoTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path REPO = Path.of(System.getProperty("thumbflow.repo", ".."));
  /** Step Functions' limit on a state's input or output (256 KiB). */
  private static final long STATE_PAYLOAD_LIMIT = 256 * 1024;
  private static final int RETRIES = MapSettings.fromDefinition().retry().maxAttempts();
  /** Retries of a Distributed Map child's task: fewer, to fit an Express child's five minutes. */
  private static final int BATCH_RETRIES = batchRetries();

  private EmulatedCloud cloud;
  private ThumbflowDeployment thumbflow;

  @BeforeAll
  void deployOnMoto() throws Exception {
    cloud = EmulatedCloud.start(Files.createTempDirectory("thumbflow-moto"));
    assumeTrue(cloud != null, "Python with moto is not installed (pip install 'moto[server]')");
    thumbflow = new ThumbflowDeployment(cloud, REPO).deploy();
  }

  @BeforeEach
  void noFaultsNoCalls() {
    thumbflow.reset();
  }

  @AfterAll
  void stop() throws Exception {
    if (cloud != null) {
      cloud.close();
    }
  }

  @Test
  void eventBridgeUploadBecomesAJpegThumbnailAndAOneImageReport() throws Exception {
    String key = "uploads/beach day.jpg";
    String etag = thumbflow.putSource(key, jpeg(640, 480));
    ObjectNode event = (ObjectNode) JSON.readTree(REPO.resolve("events/eventbridge-object-created.json").toFile());
    ((ObjectNode) event.path("detail").path("object")).put("key", key).put("etag", etag.replace("\"", ""));

    Execution run = thumbflow.run("run-upload", event.toString());

    assertThat(run.status()).as("%s %s %s", run.error(), run.cause(), cloud.log()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(run.output().path("runId").asText()).isEqualTo("run-upload");
    assertThat(run.output().path("images").asInt()).isEqualTo(1);
    assertThat(run.output().path("succeeded").asInt()).isEqualTo(1);
    JsonNode report = thumbflow.report("run-upload");
    assertThat(report.path("items")).hasSize(1);
    JsonNode item = report.path("items").get(0);
    assertThat(item.path("source").asText()).isEqualTo(key);
    assertThat(item.path("status").asText()).isEqualTo("ok");
    assertIsJpegThumbnail(item.at("/renditions/0/output").asText(), 50);
    // Both task forms reached the real handlers under the live alias.
    assertThat(cloud.lambda().invocationsOf(THUMBNAIL_FUNCTION)).extracting(Invocation::qualifier)
        .containsExactly(ThumbflowDeployment.ALIAS);
    // The history has every state's input and output (moto records them): none may pass 256 KiB.
    assertThat(run.payloads()).as(run.payloadTable()).isNotEmpty()
        .allSatisfy((state, p) -> assertThat(p.maxInputBytes()).isPositive());
    assertThat(run.largestPayloadBytes()).as(run.payloadTable()).isLessThan(STATE_PAYLOAD_LIMIT);
  }

  @Test
  void jsonManifestReportsTheGoodImageAndTypesEachBadOne() throws Exception {
    byte[] good = jpeg(800, 600);
    thumbflow.putSource("photos/harbour.jpg", good);
    thumbflow.putSource("photos/corrupt.jpg", Arrays.copyOf(good, 300));
    thumbflow.putSource("photos/notes.jpg", "shopping list: not an image".getBytes(StandardCharsets.UTF_8));
    ArrayNode manifest = JSON.createArrayNode();
    for (String key : List.of("photos/harbour.jpg", "photos/corrupt.jpg", "photos/notes.jpg")) {
      manifest.addObject().put("key", key);
    }
    thumbflow.putSource("manifests/day.json", JSON.writeValueAsBytes(manifest));

    Execution run = thumbflow.run("run-json-manifest", manifestInput("manifests/day.json"));

    assertThat(run.status()).as("%s %s", run.error(), run.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(run.output().path("images").asInt()).isEqualTo(3);
    assertThat(run.output().path("succeeded").asInt()).isEqualTo(1);
    assertThat(run.output().path("failed").asInt()).isEqualTo(2);
    Map<String, JsonNode> items = bySource(thumbflow.report("run-json-manifest"));
    assertThat(items).containsOnlyKeys("photos/harbour.jpg", "photos/corrupt.jpg", "photos/notes.jpg");
    assertIsJpegThumbnail(items.get("photos/harbour.jpg").at("/renditions/0/output").asText(), 50);
    assertThat(items.get("photos/corrupt.jpg").path("error").path("type").asText())
        .isIn(ErrorType.Truncated.name(), ErrorType.Corrupt.name());
    assertThat(items.get("photos/notes.jpg").path("error").path("type").asText()).isEqualTo(ErrorType.NotAnImage.name());
    // The aggregate step read the ResultWriter export: a manifest naming a SUCCEEDED_0.json of child records.
    JsonNode resultManifest = resultWriterManifest(run);
    assertThat(resultManifest.path("ResultFiles").path("SUCCEEDED")).hasSize(1);
    JsonNode children = cloud.readJson(THUMBS_BUCKET,
        resultManifest.path("ResultFiles").path("SUCCEEDED").get(0).path("Key").asText());
    assertThat(children).hasSize(1);
    assertThat(JSON.readTree(children.get(0).path("Input").asText()).path("Items")).hasSize(3);
    assertThat(JSON.readTree(children.get(0).path("Output").asText())).hasSize(3);
  }

  @Test
  void prefixBackfillThumbnailsEveryObjectUnderThePrefixInItemBatcherBatches() throws Exception {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      keys.add(String.format("backfill/2026/img-%02d.jpg", i));
      thumbflow.putSource(keys.get(i), jpeg(160, 120));
    }
    thumbflow.putSource("elsewhere/not-in-the-backfill.jpg", jpeg(160, 120));

    Execution run = thumbflow.run("run-backfill", Files.readString(
        REPO.resolve("orchestrator/statemachine/inputs/prefix.json")));

    assertThat(run.status()).as("%s %s", run.error(), run.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(run.output().path("images").asInt()).isEqualTo(30);
    assertThat(run.output().path("succeeded").asInt()).isEqualTo(30);
    Map<String, JsonNode> items = bySource(thumbflow.report("run-backfill"));
    assertThat(items).containsOnlyKeys(keys);
    for (JsonNode item : items.values()) {
      assertIsJpegThumbnail(item.at("/renditions/0/output").asText(), 50);
    }
    // MaxItemsPerBatch 25: two child workflows, one Lambda call each.
    List<Invocation> batches = cloud.lambda().invocationsOf(THUMBNAIL_FUNCTION);
    assertThat(batches).hasSize(2);
    assertThat(batches).extracting(i -> JSON.readTree(i.payload()).path("Items").size())
        .containsExactlyInAnyOrder(25, 5);
  }

  @Test
  void s3FaultOutlastingEveryRetryBecomesAFailedItemAndTheRunStillReports() throws Exception {
    String key = "uploads/throttled.jpg";
    String etag = thumbflow.putSource(key, jpeg(400, 300));
    thumbflow.s3().failNext("getObject", key, 1_000);
    ObjectNode event = (ObjectNode) JSON.readTree(REPO.resolve("events/eventbridge-object-created.json").toFile());
    ((ObjectNode) event.path("detail").path("object")).put("key", key).put("etag", etag.replace("\"", ""));

    Execution run = thumbflow.run("run-s3-fault", event.toString());

    assertThat(run.status()).as("%s %s", run.error(), run.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    // The first attempt and every retry reached the handler, and each failed with S3FaultException.
    List<Invocation> calls = cloud.lambda().invocationsOf(THUMBNAIL_FUNCTION);
    assertThat(calls).hasSize(1 + RETRIES);
    assertThat(calls).extracting(Invocation::error).containsOnly("io.thumbflow.lambda.s3.S3FaultException");
    assertThat(thumbflow.s3().injected()).isEqualTo(1 + RETRIES);
    assertThat(run.output().path("failed").asInt()).isEqualTo(1);
    JsonNode item = thumbflow.report("run-s3-fault").path("items").get(0);
    assertThat(item.path("source").asText()).isEqualTo(key);
    assertThat(item.path("status").asText()).isEqualTo("failed");
    assertThat(item.path("error").path("type").asText())
        .isIn(Arrays.stream(ErrorType.values()).map(Enum::name).toList());
    assertThat(item.path("error").path("message").asText()).contains("io.thumbflow.lambda.s3.S3FaultException");
  }

  @Test
  void batchWhoseS3FaultOutlastsTheRetriesRecordsEveryItemOfTheBatchAsFailed() throws Exception {
    thumbflow.putSource("faulty/a.jpg", jpeg(200, 150));
    thumbflow.putSource("faulty/b.jpg", jpeg(200, 150));
    thumbflow.putSource("manifests/faulty.json", JSON.writeValueAsBytes(JSON.createArrayNode()
        .add(JSON.createObjectNode().put("key", "faulty/a.jpg"))
        .add(JSON.createObjectNode().put("key", "faulty/b.jpg"))));
    thumbflow.s3().failNext("getObject", "faulty/b.jpg", 1_000);

    Execution run = thumbflow.run("run-batch-fault", manifestInput("manifests/faulty.json"));

    assertThat(run.status()).as("%s %s", run.error(), run.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(cloud.lambda().invocationsOf(THUMBNAIL_FUNCTION)).hasSize(1 + BATCH_RETRIES);
    assertThat(run.output().path("images").asInt()).isEqualTo(2);
    assertThat(run.output().path("failed").asInt()).isEqualTo(2);
    Map<String, JsonNode> items = bySource(thumbflow.report("run-batch-fault"));
    assertThat(items).containsOnlyKeys("faulty/a.jpg", "faulty/b.jpg");
    assertThat(items.values()).allSatisfy(i ->
        assertThat(i.path("error").path("message").asText()).contains("io.thumbflow.lambda.s3.S3FaultException"));
  }

  @Test
  void pipeBatchOfSqsMessagesTakesTheQueuedUploadPath() throws Exception {
    thumbflow.putSource("uploads/castle.jpg", jpeg(1200, 800));
    thumbflow.putSource("uploads/red flower+1.jpg", jpeg(300, 900));
    thumbflow.putSource("uploads/notes.jpg", "not an image".getBytes(StandardCharsets.UTF_8));
    // uploads/deleted-before-processing.jpg is named by the batch but never stored.

    Execution run = thumbflow.run("run-pipe-batch", Files.readString(
        REPO.resolve("orchestrator/statemachine/inputs/pipe-sqs-batch.json")));

    assertThat(run.status()).as("%s %s", run.error(), run.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(run.payloads()).containsKey("ParseQueuedEvents");
    assertThat(run.output().path("images").asInt()).isEqualTo(4);
    assertThat(run.output().path("succeeded").asInt()).isEqualTo(2);
    Map<String, JsonNode> items = bySource(thumbflow.report("run-pipe-batch"));
    assertIsJpegThumbnail(items.get("uploads/red flower+1.jpg").at("/renditions/0/output").asText(), 50);
    assertThat(items.get("uploads/deleted-before-processing.jpg").path("error").path("type").asText())
        .isEqualTo(ErrorType.ReadFailed.name());
    assertThat(run.largestPayloadBytes()).as(run.payloadTable()).isLessThan(STATE_PAYLOAD_LIMIT);
  }

  // ---------------------------------------------------------------- helpers

  private static int batchRetries() {
    try {
      JsonNode asl = JSON.readTree(REPO.resolve("orchestrator/statemachine/thumbflow.asl.json").toFile());
      return asl.at("/States/ThumbnailJsonManifest/ItemProcessor/States/ThumbnailJsonManifestBatch/Retry/0/MaxAttempts")
          .asInt();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String manifestInput(String key) {
    return JSON.createObjectNode().set("manifest", JSON.createObjectNode().put("bucket", SOURCE_BUCKET).put("key", key))
        .toString();
  }

  private JsonNode resultWriterManifest(Execution run) throws IOException {
    String uri = thumbflow.report(run.name()).path("run").path("resultWriterManifest").asText();
    assertThat(uri).startsWith("s3://" + THUMBS_BUCKET + "/map-runs/");
    return cloud.readJson(THUMBS_BUCKET, uri.substring(("s3://" + THUMBS_BUCKET + "/").length()));
  }

  private static Map<String, JsonNode> bySource(JsonNode report) {
    Map<String, JsonNode> items = new TreeMap<>();
    report.path("items").forEach(i -> items.put(i.path("source").asText(), i));
    assertThat(items).hasSize(report.path("items").size());
    return items;
  }

  private void assertIsJpegThumbnail(String s3Uri, int box) throws IOException {
    assertThat(s3Uri).startsWith("s3://" + THUMBS_BUCKET + "/thumbs/");
    String key = s3Uri.substring(("s3://" + THUMBS_BUCKET + "/").length());
    ResponseBytes<GetObjectResponse> object = cloud.s3().getObjectAsBytes(b -> b.bucket(THUMBS_BUCKET).key(key));
    assertThat(object.response().contentType()).isEqualTo("image/jpeg");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(object.asByteArray()));
    assertThat(image).as("thumbnail %s decodes", s3Uri).isNotNull();
    assertThat(Math.max(image.getWidth(), image.getHeight())).isEqualTo(box);
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
