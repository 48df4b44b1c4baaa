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
 * The production state machine (orchestrator/statemachine/thumbflow.asl.json, substituted as
 * template.yaml does, with the test-only rewrites of {@link TestDefinition}) executed by moto's
 * Step Functions interpreter, its Lambda tasks answered by the real ThumbnailHandler and
 * AggregateHandler, all S3 traffic (ItemReader, ResultWriter, the handlers) on moto's S3. Needs
 * Python with moto ({@code pip install 'moto[server]'}); skipped without it.
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
    ObjectNode event =
        (ObjectNode) JSON.readTree(REPO.resolve("events/eventbridge-object-created.json").toFile());
    ((ObjectNode) event.path("detail").path("object"))
        .put("key", key)
        .put("etag", etag.replace("\"", ""));

    Execution run = thumbflow.run("run-upload", event.toString());

    assertThat(run.status())
        .as("%s %s %s", run.error(), run.cause(), cloud.log())
        .isEqualTo(ExecutionStatus.SUCCEEDED);
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
    assertThat(cloud.lambda().invocationsOf(THUMBNAIL_FUNCTION))
        .extracting(Invocation::qualifier)
        .containsExactly(ThumbflowDeployment.ALIAS);
    // The history has every state's input and output (moto records them): none may pass 256 KiB.
    assertThat(run.payloads())
        .as(run.payloadTable())
        .isNotEmpty()
        .allSatisfy((state, p) -> assertThat(p.maxInputBytes()).isPositive());
    assertThat(run.largestPayloadBytes()).as(run.payloadTable()).isLessThan(STATE_PAYLOAD_LIMIT);
  }

  @Test
  void jsonManifestReportsTheGoodImageAndTypesEachBadOne() throws Exception {
    byte[] good = jpeg(800, 600);
    thumbflow.putSource("photos/harbour.jpg", good);
    thumbflow.putSource("photos/corrupt.jpg", Arrays.copyOf(good, 300));
    thumbflow.putSource(
        "photos/notes.jpg", "shopping list: not an image".getBytes(StandardCharsets.UTF_8));
    ArrayNode manifest = JSON.createArrayNode();
    for (String key : List.of("photos/harbour.jpg", "photos/corrupt.jpg", "photos/notes.jpg")) {
      manifest.addObject().put("key", key);
    }
    thumbflow.putSource("manifests/day.json", JSON.writeValueAsBytes(manifest));

    Execution run = thumbflow.run("run-json-manifest", manifestInput("manifests/day.json"));

    assertThat(run.status())
        .as("%s %s", run.error(), run.cause())
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(run.output().path("images").asInt()).isEqualTo(3);
    assertThat(run.output().path("succeeded").asInt()).isEqualTo(1);
    assertThat(run.output().path("failed").asInt()).isEqualTo(2);
    Map<String, JsonNode> items = bySource(thumbflow.report("run-json-manifest"));
    assertThat(items)
        .containsOnlyKeys("photos/harbour.jpg", "photos/corrupt.jpg", "photos/notes.jpg");
    assertIsJpegThumbnail(items.get("photos/harbour.jpg").at("/renditions/0/output").asText(), 50);
    assertThat(items.get("photos/corrupt.jpg").path("error").path("type").asText())
        .isIn(ErrorType.Truncated.name(), ErrorType.Corrupt.name());
    assertThat(items.get("photos/notes.jpg").path("error").path("type").asText())
        .isEqualTo(ErrorType.NotAnImage.name());
    // The aggregate step read the ResultWriter export: a manifest naming a SUCCEEDED_0.json of
    // child records.
    JsonNode resultManifest = resultWriterManifest(run);
    assertThat(resultManifest.path("ResultFiles").path("SUCCEEDED")).hasSize(1);
    JsonNode children =
        cloud.readJson(
            THUMBS_BUCKET,
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

    Execution run =
        thumbflow.run(
            "run-backfill",
            Files.readString(REPO.resolve("orchestrator/statemachine/inputs/prefix.json")));

    assertThat(run.status())
        .as("%s %s", run.error(), run.cause())
        .isEqualTo(ExecutionStatus.SUCCEEDED);
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
    assertThat(batches)
        .extracting(i -> JSON.readTree(i.payload()).path("Items").size())
        .containsExactlyInAnyOrder(25, 5);
  }

  @Test
  void s3FaultOutlastingEveryRetryBecomesAFailedItemAndTheRunStillReports() throws Exception {
    String key = "uploads/throttled.jpg";
    String etag = thumbflow.putSource(key, jpeg(400, 300));
    thumbflow.s3().failNext("getObject", key, 1_000);
    ObjectNode event =
        (ObjectNode) JSON.readTree(REPO.resolve("events/eventbridge-object-created.json").toFile());
    ((ObjectNode) event.path("detail").path("object"))
        .put("key", key)
        .put("etag", etag.replace("\"", ""));

    Execution run = thumbflow.run("run-s3-fault", event.toString());

    assertThat(run.status())
        .as("%s %s", run.error(), run.cause())
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    // The first attempt and every retry reached the handler, and each failed with S3FaultException.
    List<Invocation> calls = cloud.lambda().invocationsOf(THUMBNAIL_FUNCTION);
    assertThat(calls).hasSize(1 + RETRIES);
    assertThat(calls)
        .extracting(Invocation::error)
        .containsOnly("io.thumbflow.lambda.s3.S3FaultException");
    assertThat(thumbflow.s3().injected()).isEqualTo(1 + RETRIES);
    assertThat(run.output().path("failed").asInt()).isEqualTo(1);
    JsonNode item = thumbflow.report("run-s3-fault").path("items").get(0);
    assertThat(item.path("source").asText()).isEqualTo(key);
    assertThat(item.path("status").asText()).isEqualTo("failed");
    assertThat(item.path("error").path("type").asText())
        .isIn(Arrays.stream(ErrorType.values()).map(Enum::name).toList());
    assertThat(item.path("error").path("message").asText())
        .contains("io.thumbflow.lambda.s3.S3FaultException");
  }

  @Test
  void batchWhoseS3FaultOutlastsTheRetriesRecordsEveryItemOfTheBatchAsFailed() throws Exception {
    thumbflow.putSource("faulty/a.jpg", jpeg(200, 150));
    thumbflow.putSource("faulty/b.jpg", jpeg(200, 150));
    thumbflow.putSource(
        "manifests/faulty.json",
        JSON.writeValueAsBytes(
            JSON.createArrayNode()
                .add(JSON.createObjectNode().put("key", "faulty/a.jpg"))
                .add(JSON.createObjectNode().put("key", "faulty/b.jpg"))));
    thumbflow.s3().failNext("getObject", "faulty/b.jpg", 1_000);

    Execution run = thumbflow.run("run-batch-fault", manifestInput("manifests/faulty.json"));

    assertThat(run.status())
        .as("%s %s", run.error(), run.cause())
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(cloud.lambda().invocationsOf(THUMBNAIL_FUNCTION)).hasSize(1 + BATCH_RETRIES);
    assertThat(run.output().path("images").asInt()).isEqualTo(2);
    assertThat(run.output().path("failed").asInt()).isEqualTo(2);
    Map<String, JsonNode> items = bySource(thumbflow.report("run-batch-fault"));
    assertThat(items).containsOnlyKeys("faulty/a.jpg", "faulty/b.jpg");
    assertThat(items.values())
        .allSatisfy(
            i ->
                assertThat(i.path("error").path("message").asText())
                    .contains("io.thumbflow.lambda.s3.S3FaultException"));
  }

  @Test
  void pipeBatchOfSqsMessagesTakesTheQueuedUploadPath() throws Exception {
    thumbflow.putSource("uploads/castle.jpg", jpeg(1200, 800));
    thumbflow.putSource("uploads/red flower+1.jpg", jpeg(300, 900));
    thumbflow.putSource("uploads/notes.jpg", "not an image".getBytes(StandardCharsets.UTF_8));
    // uploads/deleted-before-processing.jpg is named by the batch but never stored.

    Execution run =
        thumbflow.run(
            "run-pipe-batch",
            Files.readString(REPO.resolve("orchestrator/statemachine/inputs/pipe-sqs-batch.json")));

    assertThat(run.status())
        .as("%s %s", run.error(), run.cause())
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(run.payloads()).containsKey("ParseQueuedEvents");
    assertThat(run.output().path("images").asInt()).isEqualTo(4);
    assertThat(run.output().path("succeeded").asInt()).isEqualTo(2);
    Map<String, JsonNode> items = bySource(thumbflow.report("run-pipe-batch"));
    assertIsJpegThumbnail(
        items.get("uploads/red flower+1.jpg").at("/renditions/0/output").asText(), 50);
    assertThat(
            items.get("uploads/deleted-before-processing.jpg").path("error").path("type").asText())
        .isEqualTo(ErrorType.ReadFailed.name());
    assertThat(run.largestPayloadBytes()).as(run.payloadTable()).isLessThan(STATE_PAYLOAD_LIMIT);
  }

  /**
   * A Pipe batch of 100 messages (its maximum) whose keys are 1,024 bytes, S3's maximum, as Pipes
   * delivers SQS messages: every state's input and output stays under Step Functions' 256 KiB. Half
   * the keys leave no room for an output key and fail at once; the other half (1,000 bytes) are
   * thumbnailed.
   */
  @Test
  void hundredQueuedUploadsWithKeysOfS3sMaximumLengthKeepEveryStateUnder256KiB() throws Exception {
    byte[] small = jpeg(64, 48);
    ArrayNode batch = JSON.createArrayNode();
    for (int i = 0; i < 100; i++) {
      int bytes = i % 2 == 0 ? 1024 : 1000;
      String key = longKey(i, bytes);
      String etag =
          i % 2 == 0
              ? "0123456789abcdef0123456789abcdef"
              : thumbflow.putSource(key, small).replace("\"", "");
      batch.add(sqsMessage(i, key, etag));
    }
    String input = batch.toString();
    assertThat((long) input.getBytes(StandardCharsets.UTF_8).length)
        .as("the Pipe's input itself")
        .isLessThan(STATE_PAYLOAD_LIMIT);

    Execution run = thumbflow.run("run-100-long-keys", input);

    assertThat(run.status())
        .as("%s %s", run.error(), run.cause())
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    System.out.println(
        "100 queued uploads, 1,024-byte keys (input "
            + input.length()
            + " bytes):\n"
            + run.payloadTable());
    assertThat(run.largestPayloadBytes()).as(run.payloadTable()).isLessThan(STATE_PAYLOAD_LIMIT);
    assertThat(run.payloads())
        .containsKeys("ParseQueuedEvents", "ThumbnailUploads", "AggregateUploads");
    JsonNode report = thumbflow.report("run-100-long-keys");
    assertThat(report.path("images").asInt()).isEqualTo(100);
    assertThat(report.path("succeeded").asInt()).isEqualTo(50);
    assertThat(report.path("failed").asInt()).isEqualTo(50);
    assertThat(report.path("errors").path(ErrorType.WriteFailed.name()).path("count").asInt())
        .isEqualTo(50);
    for (JsonNode item : report.path("items")) {
      if (item.path("status").asText().equals("ok")) {
        assertIsJpegThumbnail(item.at("/renditions/0/output").asText(), 50);
      } else {
        assertThat(item.path("source").asText().getBytes(StandardCharsets.UTF_8)).hasSize(1024);
      }
    }
  }

  @Test
  void csvManifestsWithLfOrCrlfLineEndsAndAnyCaseOfTheirExtensionAreRead() throws Exception {
    thumbflow.putSource("photos/a.jpg", jpeg(300, 200));
    thumbflow.putSource("photos/b, with comma.jpg", jpeg(200, 300));
    String rows = "key\nphotos/a.jpg\n\"photos/b, with comma.jpg\"\n";
    thumbflow.putSource("manifests/lf.csv", rows.getBytes(StandardCharsets.UTF_8));
    thumbflow.putSource(
        "manifests/CRLF.CSV", rows.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    thumbflow.putSource(
        "manifests/both.Csv",
        ("bucket,key\r\n" + SOURCE_BUCKET + ",photos/a.jpg\r\n,photos/b, with comma.jpg\r\n")
            .replace(",photos/b, with comma.jpg", ",\"photos/b, with comma.jpg\"")
            .getBytes(StandardCharsets.UTF_8));

    for (String manifest :
        List.of("manifests/lf.csv", "manifests/CRLF.CSV", "manifests/both.Csv")) {
      String runId = "run-csv-" + manifest.replaceAll("[^A-Za-z]", "-");
      Execution run = thumbflow.run(runId, manifestInput(manifest));

      assertThat(run.status())
          .as("%s: %s %s", manifest, run.error(), run.cause())
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(run.payloads()).as(manifest).containsKey("ThumbnailCsvManifest");
      Map<String, JsonNode> items = bySource(thumbflow.report(runId));
      assertThat(items).as(manifest).containsOnlyKeys("photos/a.jpg", "photos/b, with comma.jpg");
      assertThat(items.values())
          .as(manifest)
          .allSatisfy(i -> assertThat(i.path("status").asText()).isIn("ok", "skipped"));
    }
  }

  @Test
  void aPrefixBackfillReportsAFolderMarkerAsNotAnImageNotAFailure() throws Exception {
    thumbflow.putSource("albums/2026/", new byte[0]);
    thumbflow.putSource("albums/2026/one.jpg", jpeg(200, 100));
    ObjectNode input = JSON.createObjectNode();
    input.putObject("prefix").put("bucket", SOURCE_BUCKET).put("prefix", "albums/");

    Execution run = thumbflow.run("run-folder-marker", input.toString());

    assertThat(run.status())
        .as("%s %s", run.error(), run.cause())
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode report = thumbflow.report("run-folder-marker");
    assertThat(report.path("images").asInt()).isEqualTo(1);
    assertThat(report.path("failed").asInt()).isZero();
    assertThat(report.path("ignored").asInt()).isEqualTo(1);
    Map<String, JsonNode> items = bySource(report);
    assertThat(items.get("albums/2026/").path("status").asText()).isEqualTo("ignored");
    assertThat(items.get("albums/2026/").path("reason").asText()).contains("folder marker");
    // The listObjectsV2 items carry their Etag: the function HEADs the output only, never the
    // source.
    assertThat(thumbflow.s3().calls()).doesNotContain("headObject albums/2026/one.jpg");
    assertThat(report.at("/cost/s3/list").asLong()).isPositive();
  }

  @Test
  void anEmptyPrefixEndsWithAReportOfNoImagesNotAnError() throws Exception {
    ObjectNode input = JSON.createObjectNode();
    input.putObject("prefix").put("bucket", SOURCE_BUCKET).put("prefix", "nothing-here/");

    Execution run = thumbflow.run("run-empty-prefix", input.toString());

    assertThat(run.status())
        .as("%s %s", run.error(), run.cause())
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode report = thumbflow.report("run-empty-prefix");
    assertThat(report.path("images").asInt()).isZero();
    assertThat(report.at("/run/note").asText()).contains("no images").contains("prefix");
  }

  /**
   * Child workflows that fail (a runtime error no Catch takes) beyond ToleratedFailurePercentage
   * fail the Map Run; its Catch still leads to the aggregate step, and a report is published that
   * says so.
   */
  @Test
  void failuresAboveTheToleratedPercentageStillPublishAReport() throws Exception {
    ArrayNode manifest = JSON.createArrayNode();
    for (int i = 0; i < 60; i++) {
      String key = (i < 35 ? "poison/" : "fine/") + "img-" + i + ".jpg";
      thumbflow.putSource(key, jpeg(80, 60));
      manifest.addObject().put("key", key);
    }
    thumbflow.putSource("manifests/poisoned.json", JSON.writeValueAsBytes(manifest));
    thumbflow.answerMalformedTo(payload -> payload.contains("poison/"));

    Execution run = thumbflow.run("run-over-tolerance", manifestInput("manifests/poisoned.json"));

    assertThat(run.status())
        .as("%s %s", run.error(), run.cause())
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(run.payloads()).containsKey("AggregateMapRun");
    JsonNode report = thumbflow.report("run-over-tolerance");
    assertThat(report.at("/run/mapRunError").asText())
        .as("%s\n%s", report.path("run"), run.payloadTable())
        .contains("States.ExceedToleratedFailureThreshold");
    assertThat(report.at("/run/source").asText()).isEqualTo("manifest");
  }

  /**
   * The cloud CLI end to end on the emulated stack: {@code thumbflow run} over a manifest with bad
   * objects reports them failed; once the objects are fixed, {@code thumbflow redrive} re-runs only
   * those, and the second report shows them done.
   */
  @Test
  void runThenFixTheBadObjectsThenRedriveReportsThemDone() throws Exception {
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
    String stack = "thumbflow-emulated";
    cloud
        .cloudFormation()
        .createStack(
            r ->
                r.stackName(stack)
                    .templateBody(
                        """
        {"Resources": {"Marker": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "thumbflow-e2e-marker"}}},
         "Outputs": {"SourceBucketName": {"Value": "%s"}, "ThumbsBucketName": {"Value": "%s"},
                     "StateMachineArn": {"Value": "%s"}}}"""
                            .formatted(SOURCE_BUCKET, THUMBS_BUCKET, thumbflow.stateMachineArn())));
    thumbflow.putSource("e2e/good.jpg", jpeg(400, 300));
    thumbflow.putSource("e2e/cut.jpg", Arrays.copyOf(jpeg(400, 300), 200));
    thumbflow.putSource("e2e/text.jpg", "not yet a photo".getBytes(StandardCharsets.UTF_8));
    ArrayNode manifest = JSON.createArrayNode();
    for (String key : List.of("e2e/good.jpg", "e2e/cut.jpg", "e2e/text.jpg"))
      manifest.addObject().put("key", key);
    thumbflow.putSource("manifests/e2e.json", JSON.writeValueAsBytes(manifest));

    CliResult first =
        cli("run", "--stack", stack, "--manifest", "s3://" + SOURCE_BUCKET + "/manifests/e2e.json");

    assertThat(first.exitCode()).as(first.text()).isEqualTo(1);
    assertThat(first.out()).contains("Thumbnailed 1 of 3 images");
    String firstRun = first.runName();
    thumbflow.putSource("e2e/cut.jpg", jpeg(400, 300));
    thumbflow.putSource("e2e/text.jpg", jpeg(300, 400));

    CliResult second = cli("redrive", "--stack", stack, firstRun);

    assertThat(second.exitCode()).as(second.text()).isZero();
    assertThat(second.out())
        .contains("re-running 2 of 3 images")
        .contains("Thumbnailed 2 of 2 images");
    Map<String, JsonNode> redone = bySource(thumbflow.report(second.runName()));
    assertThat(redone).containsOnlyKeys("e2e/cut.jpg", "e2e/text.jpg");
    assertThat(redone.values())
        .allSatisfy(i -> assertThat(i.path("status").asText()).isEqualTo("ok"));
    assertIsJpegThumbnail(redone.get("e2e/text.jpg").at("/renditions/0/output").asText(), 50);
  }

  private CliResult cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--endpoint-url",
            cloud.endpoint().toString(),
            "--region",
            "us-east-1",
            "--poll-seconds",
            "1"));
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    picocli.CommandLine cli = io.thumbflow.orchestrator.cli.ThumbflowCli.commandLine();
    cli.setOut(new java.io.PrintWriter(out, true));
    cli.setErr(new java.io.PrintWriter(err, true));
    int code = cli.execute(all.toArray(String[]::new));
    return new CliResult(code, out.toString(), err.toString());
  }

  private record CliResult(int exitCode, String out, String err) {
    private static final java.util.regex.Pattern STARTED =
        java.util.regex.Pattern.compile("started arn:\\S+:execution:\\S+:(run-\\S+)");

    String text() {
      return "exit " + exitCode + "\nout:\n" + out + "\nerr:\n" + err;
    }

    String runName() {
      java.util.regex.Matcher m = STARTED.matcher(out);
      assertThat(m.find()).as("an execution was started: %s", text()).isTrue();
      return m.group(1);
    }
  }

  // ---------------------------------------------------------------- helpers

  /** A key of exactly {@code bytes} UTF-8 bytes, distinct per {@code i}, ending in .jpg. */
  private static String longKey(int i, int bytes) {
    String head = String.format("uploads/%03d/", i);
    String tail = ".jpg";
    return head + "k".repeat(bytes - head.length() - tail.length()) + tail;
  }

  /**
   * One SQS message as EventBridge Pipes hands it to Step Functions, its body the Object Created
   * event.
   */
  private static ObjectNode sqsMessage(int i, String key, String etag) {
    ObjectNode event = JSON.createObjectNode();
    event
        .put("version", "0")
        .put("id", "5f7c1c2e-0b7a-4f0e-9d61-0c7e2a1b" + String.format("%04d", i))
        .put("detail-type", "Object Created")
        .put("source", "aws.s3")
        .put("account", "123456789012")
        .put("time", "2026-12-05T18:00:00Z")
        .put("region", "us-east-1");
    event.putArray("resources").add("arn:aws:s3:::" + SOURCE_BUCKET);
    ObjectNode detail = event.putObject("detail");
    detail.put("version", "0").putObject("bucket").put("name", SOURCE_BUCKET);
    detail
        .putObject("object")
        .put("key", key)
        .put("size", 1234)
        .put("etag", etag)
        .put("sequencer", "0066A1B2C3D4E5F6" + String.format("%02X", i));
    detail
        .put("request-id", "N4N7GDK58NMKJ1" + String.format("%02d", i))
        .put("requester", "123456789012")
        .put("source-ip-address", "203.0.113.7")
        .put("reason", "PutObject");
    ObjectNode m = JSON.createObjectNode();
    m.put("messageId", String.format("00000000-0000-0000-0000-%012d", i));
    // Real receipt handles are a few hundred characters of base64.
    m.put("receiptHandle", "AQEB" + "x".repeat(380) + String.format("%04d", i));
    m.put("body", event.toString());
    ObjectNode attributes = m.putObject("attributes");
    attributes
        .put("ApproximateReceiveCount", "1")
        .put("SentTimestamp", "1764957600000")
        .put("SenderId", "AIDAIENQZJOLO23YVJ4VO")
        .put("ApproximateFirstReceiveTimestamp", "1764957600100");
    m.putObject("messageAttributes");
    m.put("md5OfBody", "2aeb014ed8c50da0ca178e993854753b")
        .put("eventSource", "aws:sqs")
        .put("eventSourceARN", "arn:aws:sqs:us-east-1:123456789012:thumbflow-UploadQueue")
        .put("awsRegion", "us-east-1");
    return m;
  }

  private static int batchRetries() {
    try {
      JsonNode asl =
          JSON.readTree(REPO.resolve("orchestrator/statemachine/thumbflow.asl.json").toFile());
      return asl.at(
              "/States/ThumbnailJsonManifest/ItemProcessor/States/ThumbnailJsonManifestBatch/Retry/0/MaxAttempts")
          .asInt();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String manifestInput(String key) {
    return JSON.createObjectNode()
        .set("manifest", JSON.createObjectNode().put("bucket", SOURCE_BUCKET).put("key", key))
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
    ResponseBytes<GetObjectResponse> object =
        cloud.s3().getObjectAsBytes(b -> b.bucket(THUMBS_BUCKET).key(key));
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
