package io.thumbflow.lambda;

import static io.thumbflow.lambda.support.SampleEvents.SOURCE_BUCKET;
import static io.thumbflow.lambda.support.SampleEvents.THUMBS_BUCKET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageResult;
import io.thumbflow.core.Limits;
import io.thumbflow.core.Recipe;
import io.thumbflow.core.Rendition;
import io.thumbflow.core.RenditionResult;
import io.thumbflow.core.RenditionTimings;
import io.thumbflow.core.RequestCounts;
import io.thumbflow.core.StageTimings;
import io.thumbflow.lambda.aggregate.RunSummary;
import io.thumbflow.lambda.config.AggregateConfig;
import io.thumbflow.lambda.config.ThumbnailConfig;
import io.thumbflow.lambda.input.ObjectRef;
import io.thumbflow.lambda.s3.ThumbnailMetadata;
import io.thumbflow.lambda.snapstart.S3ClientPriming;
import io.thumbflow.lambda.support.FakeContext;
import io.thumbflow.lambda.support.SampleEvents;
import io.thumbflow.lambda.support.TestImages;
import io.thumbflow.lambda.telemetry.PipelineMetrics;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The handler scenarios of issue 3, run by subclasses against a real S3 API: s3proxy in-process
 * ({@link ThumbflowS3ProxyTest}, always) and LocalStack in Docker ({@link
 * ThumbflowLocalStackTest}). Every scenario starts from empty source and thumbs buckets named as in
 * {@code events/}.
 */
abstract class ThumbflowScenarios {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REQUEST_ID = "6f0e9d1c-8b7a-4c5d-9e3f-2a1b0c9d8e7f";

  /** A client for the S3 API under test. */
  protected abstract S3Client s3();

  private S3Client s3;

  @BeforeEach
  void emptyBuckets() {
    s3 = s3();
    for (String bucket : List.of(SOURCE_BUCKET, THUMBS_BUCKET)) {
      try {
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
          s3.deleteObject(b -> b.bucket(bucket).key(o.key()));
        }
      } catch (NoSuchBucketException e) {
        s3.createBucket(b -> b.bucket(bucket));
      }
    }
  }

  // ---- thumbnail function ----

  @Test
  void writesTheThumbnailWithAnImageContentTypeAndTheSourceEtagAndRecipeHashAsMetadata()
      throws Exception {
    upload("photos/harbour.jpg", TestImages.jpeg(600, 400));

    JsonNode answer = invokeThumbnail(handler(config()), SampleEvents.load("map-item.json"));

    ImageResult r = result(answer);
    assertThat(r.status()).isEqualTo(ImageResult.OK);
    assertThat(r.source()).isEqualTo("photos/harbour.jpg");
    assertThat(r.renditions())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.name()).isEqualTo(Recipe.SINGLE_NAME);
              assertThat(x.output())
                  .as("left out of Step Functions state; the aggregate fills it in")
                  .isNull();
              assertThat(x.bytes()).isPositive();
            });
    assertThat(r.requests())
        .as("the item names no ETag: a HEAD of the source, one of the output")
        .isEqualTo(new RequestCounts(1, 2, 1));
    assertThat(r.invocation().requestId()).isEqualTo(REQUEST_ID);
    assertThat(r.invocation().memoryMb())
        .isEqualTo(new FakeContext(REQUEST_ID).getMemoryLimitInMB());
    assertThat(r.worker()).isEqualTo(REQUEST_ID);
    assertThat(r.timingsMs().read()).isPositive();
    assertThat(r.timingsMs().write()).isPositive();
    HeadObjectResponse thumb =
        s3.headObject(b -> b.bucket(THUMBS_BUCKET).key("thumbs/photos/harbour.jpg"));
    HeadObjectResponse source =
        s3.headObject(b -> b.bucket(SOURCE_BUCKET).key("photos/harbour.jpg"));
    assertThat(thumb.contentType()).isEqualTo("image/jpeg");
    assertThat(thumb.metadata())
        .containsEntry(ThumbnailMetadata.SOURCE_ETAG, ObjectRef.bareEtag(source.eTag()))
        .containsEntry(ThumbnailMetadata.RECIPE_HASH, Recipe.DEFAULT.primary().hash());
    BufferedImage img =
        ImageIO.read(
            new ByteArrayInputStream(
                s3.getObjectAsBytes(b -> b.bucket(THUMBS_BUCKET).key("thumbs/photos/harbour.jpg"))
                    .asByteArray()));
    assertThat(img.getWidth()).isEqualTo(r.width()).isLessThanOrEqualTo(50);
    assertThat(img.getHeight()).isEqualTo(r.height()).isLessThanOrEqualTo(50);
  }

  @Test
  void skipsTheSecondRunOfTheSameSourceAndRecipeButRedoesItWhenTheRecipeChanges() throws Exception {
    upload("photos/harbour.jpg", TestImages.jpeg(600, 400));
    ThumbnailHandler handler = handler(config());
    ImageResult first = result(invokeThumbnail(handler, SampleEvents.load("map-item.json")));

    ImageResult second = result(invokeThumbnail(handler, SampleEvents.load("map-item.json")));

    assertThat(first.status()).isEqualTo(ImageResult.OK);
    assertThat(second.status()).isEqualTo(ImageResult.SKIPPED);
    assertThat(second.requests())
        .as("HEADs of the source and of the up-to-date output, no GET")
        .isEqualTo(new RequestCounts(0, 2, 0));
    assertThat(second.width()).isEqualTo(first.width());
    assertThat(second.height()).isEqualTo(first.height());
    assertThat(second.timingsMs().decode()).isZero();

    ObjectNode bigger = (ObjectNode) SampleEvents.load("map-item.json");
    ((ObjectNode) bigger.get("config")).put("size", "64x64");
    ImageResult third = result(invokeThumbnail(handler, bigger));
    assertThat(third.status()).isEqualTo(ImageResult.OK);
    assertThat(third.width()).isEqualTo(64);
  }

  @Test
  void aCorruptObjectFailsOnlyItsOwnItemAndTheBatchContinues() throws Exception {
    upload("photos/harbour.jpg", TestImages.jpeg(600, 400));
    upload("photos/corrupt.jpg", TestImages.truncatedJpeg());
    upload("photos/street.png", TestImages.png(300, 200));

    JsonNode answer = invokeThumbnail(handler(config()), SampleEvents.load("map-batch.json"));

    List<ImageResult> results = results(answer);
    assertThat(results)
        .extracting(ImageResult::source)
        .containsExactly(
            "photos/harbour.jpg",
            "photos/corrupt.jpg",
            "photos/missing.jpg",
            "photos/",
            "photos/street.png");
    assertThat(results)
        .extracting(ImageResult::status)
        .containsExactly(
            ImageResult.OK,
            ImageResult.FAILED,
            ImageResult.FAILED,
            ImageResult.IGNORED,
            ImageResult.OK);
    assertThat(results.get(1).error().type())
        .isIn(ErrorType.Truncated.name(), ErrorType.Corrupt.name());
    assertThat(results.get(3).reason()).contains("folder marker");
    assertThat(results)
        .extracting(r -> r.requests() == null ? -1 : r.requests().head())
        .as("listObjectsV2 items carry their Etag: no HEAD of the source, one of each output")
        .containsExactly(1, 1, 1, -1, 1);
    assertThat(
            s3.headObject(b -> b.bucket(THUMBS_BUCKET).key("thumbs/photos/street.png"))
                .contentType())
        .isEqualTo("image/png");
    assertThat(thumbKeys())
        .containsExactlyInAnyOrder("thumbs/photos/harbour.jpg", "thumbs/photos/street.png");
  }

  @Test
  void aMissingObjectIsATypedReadFailureNamingTheObject() throws Exception {
    JsonNode answer = invokeThumbnail(handler(config()), SampleEvents.load("map-item.json"));

    ImageResult r = result(answer);
    assertThat(r.status()).isEqualTo(ImageResult.FAILED);
    assertThat(r.error().type()).isEqualTo(ErrorType.ReadFailed.name());
    assertThat(r.error().message())
        .contains("no such object s3://" + SOURCE_BUCKET + "/photos/harbour.jpg");
    assertThat(thumbKeys()).isEmpty();
  }

  @Test
  void decodesS3NotificationKeysSoSpacesPlusSignsAndUnicodeRoundTrip() throws Exception {
    String key = "uploads/My Trip/café +1.jpg";
    upload(key, TestImages.jpeg(320, 240));

    JsonNode answer = invokeThumbnail(handler(config()), SampleEvents.load("s3-put.json"));

    List<ImageResult> results = results(answer);
    assertThat(results).hasSize(1);
    assertThat(results.get(0).status()).isEqualTo(ImageResult.OK);
    assertThat(results.get(0).source()).isEqualTo(key);
    assertThat(thumbKeys()).containsExactly("thumbs/" + key);
  }

  @Test
  void takesEventBridgeObjectCreatedKeysVerbatim() throws Exception {
    upload("uploads/beach day.jpg", TestImages.jpeg(320, 240));

    JsonNode answer =
        invokeThumbnail(handler(config()), SampleEvents.load("eventbridge-object-created.json"));

    ImageResult r = result(answer);
    assertThat(r.status()).isEqualTo(ImageResult.OK);
    assertThat(thumbKeys()).containsExactly("thumbs/uploads/beach day.jpg");
  }

  @Test
  void refusesObjectsOutsideTheSourceBucketsAndKeysThatEscapeTheOutputPrefix() throws Exception {
    ObjectNode foreign = (ObjectNode) SampleEvents.load("map-item.json");
    ((ObjectNode) foreign.get("item")).put("bucket", THUMBS_BUCKET);
    ObjectNode escaping = (ObjectNode) SampleEvents.load("map-item.json");
    ((ObjectNode) escaping.get("item")).put("key", "photos/../../reports/x.jpg");
    upload("photos/../../reports/x.jpg", TestImages.jpeg(100, 100));
    ThumbnailHandler handler = handler(config());

    ImageResult refusedBucket = result(invokeThumbnail(handler, foreign));
    ImageResult refusedKey = result(invokeThumbnail(handler, escaping));

    assertThat(refusedBucket.status()).isEqualTo(ImageResult.FAILED);
    assertThat(refusedBucket.error().message()).contains("is not a source bucket");
    assertThat(refusedKey.status()).isEqualTo(ImageResult.FAILED);
    assertThat(refusedKey.error().message()).contains("escape the output prefix");
    assertThat(thumbKeys()).isEmpty();
  }

  @Test
  void snapStartPrimingReachesS3WithoutNeedingThePrimingKeyToExist() {
    assertThat(new S3ClientPriming(s3, THUMBS_BUCKET, "thumbs/.thumbflow-priming").prime())
        .isTrue();
    assertThat(new S3ClientPriming(s3, "no-such-bucket-for-priming", "x").prime()).isTrue();
  }

  // ---- aggregate function ----

  @Test
  void aggregateWritesReportJsonAndHtmlToTheThumbsBucketWithTheRightCounts() throws Exception {
    JsonNode event = SampleEvents.load("aggregate-input.json");

    RunSummary summary = invokeAggregate(event);

    assertThat(summary.runId()).isEqualTo("example-run");
    assertThat(summary.images()).isEqualTo(5);
    assertThat(summary.succeeded()).isEqualTo(2);
    assertThat(summary.failed()).isEqualTo(2);
    assertThat(summary.skipped()).isEqualTo(1);
    assertThat(summary.reportKey()).isEqualTo("reports/example-run/report.json");
    ResponseBytes<GetObjectResponse> json =
        s3.getObjectAsBytes(b -> b.bucket(THUMBS_BUCKET).key("reports/example-run/report.json"));
    assertThat(json.response().contentType()).startsWith("application/json");
    String reportText = json.asUtf8String();
    assertThat(reportText).contains("photos/throttled.jpg").contains("photos/old.jpg");
    ResponseBytes<GetObjectResponse> html =
        s3.getObjectAsBytes(b -> b.bucket(THUMBS_BUCKET).key("reports/example-run/report.html"));
    assertThat(html.response().contentType()).startsWith("text/html");
    assertThat(html.asUtf8String()).contains("../../thumbs/photos/harbour.jpg");
    JsonNode report = JSON.readTree(reportText);
    assertThat(report.at("/items/0/renditions/0/output").asText())
        .isEqualTo("s3://" + THUMBS_BUCKET + "/thumbs/photos/harbour.jpg");
    assertThat(report.at("/items/4/error/type").asText()).isEqualTo(ErrorType.ReadFailed.name());
    assertThat(report.at("/cost/basis").asText()).isEqualTo("measured");
    assertThat(report.at("/cost/lambda/requests").asLong())
        .as("four thumbnail invocations and this one")
        .isEqualTo(5);
    assertThat(report.at("/cost/s3/get").asLong()).isEqualTo(3);
  }

  @Test
  void makesEveryRenditionOfTheRecipeInThePayloadUnderItsOwnName() throws Exception {
    upload("photos/harbour.jpg", TestImages.jpeg(600, 400));
    ObjectNode event = (ObjectNode) SampleEvents.load("map-item.json");
    ((ObjectNode) event.get("config"))
        .put("renditions", "lqip:40x40,card:64x64:cover:png")
        .put("placeholder", "true")
        .put("outputPrefix", "t/");

    ImageResult r = result(invokeThumbnail(handler(config()), event));

    assertThat(r.renditions()).extracting(RenditionResult::name).containsExactly("lqip", "card");
    assertThat(r.renditions()).extracting(RenditionResult::width).containsExactly(40, 64);
    assertThat(r.placeholder()).isNotNull();
    assertThat(thumbKeys())
        .containsExactlyInAnyOrder("t/lqip/photos/harbour.jpg", "t/card/photos/harbour.png");
    HeadObjectResponse card =
        s3.headObject(b -> b.bucket(THUMBS_BUCKET).key("t/card/photos/harbour.png"));
    assertThat(card.contentType()).isEqualTo("image/png");
    assertThat(card.metadata())
        .containsEntry("blurhash", r.placeholder().blurhash())
        .containsEntry(
            ThumbnailMetadata.RECIPE_HASH, Rendition.parse("card:64x64:cover:png", 2).hash());

    ImageResult again = result(invokeThumbnail(handler(config()), event));
    assertThat(again.status()).isEqualTo(ImageResult.SKIPPED);
    assertThat(again.placeholder()).isEqualTo(r.placeholder());
  }

  @Test
  void refusesAPayloadConfigItCannotReadWithoutTouchingAnyObject() throws Exception {
    ObjectNode event = (ObjectNode) SampleEvents.load("map-item.json");
    ((ObjectNode) event.get("config")).put("outputPrefix", "reports/");

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> invokeThumbnail(handler(config()), event))
        .isInstanceOf(io.thumbflow.lambda.input.InvalidEventException.class)
        .hasMessageContaining("reports/");
    assertThat(thumbKeys()).isEmpty();
  }

  @Test
  void readsACsvManifestRowWhoseLineEndedInACarriageReturn() throws Exception {
    upload("photos/harbour.jpg", TestImages.jpeg(600, 400));
    JsonNode event =
        JSON.readTree(
            """
        {"BatchInput": {"bucket": "%s"}, "Items": [{"bucket": "%s", "key\\r": "photos/harbour.jpg\\r"}]}"""
                .formatted(SOURCE_BUCKET, SOURCE_BUCKET));

    List<ImageResult> results = results(invokeThumbnail(handler(config()), event));

    assertThat(results)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.source()).isEqualTo("photos/harbour.jpg");
              assertThat(r.status()).isEqualTo(ImageResult.OK);
            });
  }

  @Test
  void aggregateReadsADistributedMapResultWriterManifestAndItsResultFiles() throws Exception {
    String prefix = "map-results/run-7/0f1e2d3c/";
    ImageResult a = ok("photos/a.jpg");
    ImageResult b = ok("photos/b.jpg");
    ImageResult c = ok("photos/c.jpg");
    String succeeded =
        JSON.writeValueAsString(
            List.of(
                execution(
                    "SUCCEEDED",
                    batchInput("photos/a.jpg", "photos/b.jpg"),
                    JSON.writeValueAsString(java.util.Map.of("results", List.of(a, b)))),
                execution(
                    "SUCCEEDED",
                    JSON.writeValueAsString(
                        java.util.Map.of("bucket", SOURCE_BUCKET, "key", "photos/c.jpg")),
                    JSON.writeValueAsString(c))));
    ObjectNode failedExecution =
        execution("FAILED", batchInput("photos/d.jpg", "photos/e.jpg"), null);
    failedExecution.put("Error", "States.Timeout");
    failedExecution.put("Cause", "Task timed out after 60.00 seconds");
    String failed = JSON.writeValueAsString(List.of(failedExecution));
    String manifest =
        """
        {"DestinationBucket": "%s", "MapRunArn": "arn:aws:states:us-east-1:123456789012:mapRun:sm/Map:0f1e2d3c",
         "ResultFiles": {"FAILED": [{"Key": "%sFAILED_0.json", "Size": %d}], "PENDING": [],
                         "SUCCEEDED": [{"Key": "%sSUCCEEDED_0.json", "Size": %d}]}}
        """
            .formatted(THUMBS_BUCKET, prefix, failed.length(), prefix, succeeded.length());
    putText(THUMBS_BUCKET, prefix + "manifest.json", manifest);
    putText(THUMBS_BUCKET, prefix + "SUCCEEDED_0.json", succeeded);
    putText(THUMBS_BUCKET, prefix + "FAILED_0.json", failed);
    ObjectNode event = JSON.createObjectNode();
    event.put("executionId", "arn:aws:states:us-east-1:123456789012:execution:sm:run-7");
    event.putObject("manifest").put("bucket", THUMBS_BUCKET).put("key", prefix + "manifest.json");

    RunSummary summary = invokeAggregate(event);

    assertThat(summary.runId()).isEqualTo("run-7");
    assertThat(summary.succeeded()).isEqualTo(3);
    assertThat(summary.failed()).isEqualTo(2);
    String report =
        s3.getObjectAsBytes(x -> x.bucket(THUMBS_BUCKET).key("reports/run-7/report.json"))
            .asUtf8String();
    assertThat(report)
        .contains("photos/d.jpg")
        .contains("photos/e.jpg")
        .contains(ErrorType.Timeout.name())
        .contains("s3://" + THUMBS_BUCKET + "/thumbs/photos/a.jpg");
  }

  // ---- helpers ----

  private ThumbnailConfig config() {
    return new ThumbnailConfig(
        THUMBS_BUCKET,
        List.of(SOURCE_BUCKET),
        "thumbs/",
        Recipe.DEFAULT,
        Limits.DEFAULT,
        null,
        false);
  }

  private ThumbnailHandler handler(ThumbnailConfig config) {
    return new ThumbnailHandler(config, s3, PipelineMetrics.fromEnvironment());
  }

  private JsonNode invokeThumbnail(ThumbnailHandler handler, JsonNode event) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(JSON.writeValueAsBytes(event)), out, new FakeContext(REQUEST_ID));
    return JSON.readTree(out.toByteArray());
  }

  private RunSummary invokeAggregate(JsonNode event) throws IOException {
    AggregateHandler handler =
        new AggregateHandler(new AggregateConfig(THUMBS_BUCKET, "reports/", null), s3);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(JSON.writeValueAsBytes(event)), out, new FakeContext(REQUEST_ID));
    return JSON.readValue(out.toByteArray(), RunSummary.class);
  }

  private static ImageResult result(JsonNode answer) throws IOException {
    assertThat(answer.has("results"))
        .as("single-item input answers one result: %s", answer)
        .isFalse();
    return JSON.treeToValue(answer, ImageResult.class);
  }

  private static List<ImageResult> results(JsonNode answer) throws IOException {
    assertThat(answer.has("results"))
        .as("batch input answers {results: [...]}: %s", answer)
        .isTrue();
    return List.of(JSON.treeToValue(answer.get("results"), ImageResult[].class));
  }

  private void upload(String key, byte[] data) {
    s3.putObject(
        b -> b.bucket(SOURCE_BUCKET).key(key).contentType("application/octet-stream"),
        RequestBody.fromBytes(data));
  }

  private void putText(String bucket, String key, String text) {
    s3.putObject(
        b -> b.bucket(bucket).key(key), RequestBody.fromString(text, StandardCharsets.UTF_8));
  }

  private List<String> thumbKeys() {
    return s3.listObjectsV2Paginator(b -> b.bucket(THUMBS_BUCKET)).contents().stream()
        .map(S3Object::key)
        .toList();
  }

  private static ImageResult ok(String key) {
    long now = System.currentTimeMillis();
    return new ImageResult(
        key,
        ImageResult.OK,
        "JPEG",
        500,
        400,
        List.of(
            new RenditionResult(
                Recipe.SINGLE_NAME, null, 50, 40, "JPEG", 900, new RenditionTimings(2, 1, 1, 9))),
        null,
        new StageTimings(10, 20, 2, 1, 1, 9),
        null,
        "req-1",
        now,
        now + 43,
        30,
        new RequestCounts(1, 1, 1),
        null,
        null);
  }

  private static String batchInput(String... keys) throws IOException {
    ObjectNode batch = JSON.createObjectNode();
    batch.putObject("BatchInput").put("bucket", SOURCE_BUCKET);
    var items = batch.putArray("Items");
    for (String k : keys) {
      items.addObject().put("Key", k).put("Size", 1000);
    }
    return JSON.writeValueAsString(batch);
  }

  private static ObjectNode execution(String status, String input, String output) {
    ObjectNode e = JSON.createObjectNode();
    e.put(
        "ExecutionArn",
        "arn:aws:states:us-east-1:123456789012:execution:sm/Map:" + Math.abs(input.hashCode()));
    e.put("Input", input);
    e.putObject("InputDetails").put("Included", true);
    e.put("Name", Integer.toHexString(input.hashCode()));
    if (output != null) {
      e.put("Output", output);
      e.putObject("OutputDetails").put("Included", true);
    }
    e.put("RedriveCount", 0);
    e.put("RedriveStatus", "NOT_REDRIVABLE");
    e.put("StartDate", "2026-11-24T18:00:00.000Z");
    e.put("StateMachineArn", "arn:aws:states:us-east-1:123456789012:stateMachine:sm/Map");
    e.put("Status", status);
    e.put("StopDate", "2026-11-24T18:00:01.000Z");
    return e;
  }
}
