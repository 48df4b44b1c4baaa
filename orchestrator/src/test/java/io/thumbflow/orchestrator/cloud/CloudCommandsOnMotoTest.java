package io.thumbflow.orchestrator.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thumbflow.orchestrator.cli.ThumbflowCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * The cloud commands' CloudFormation, Step Functions and S3 calls against moto's server: a stack
 * with the template's output keys, a stand-in state machine executed by moto (standin.asl.json)
 * that writes a report like the aggregate step. Needs Python with moto (preinstalled here, {@code
 * pip install 'moto[server]'} elsewhere); skipped without it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CloudCommandsOnMotoTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STACK = "thumbflow-moto";
  private static final String SOURCE = "thumbflow-moto-source";
  private static final String THUMBS = "thumbflow-moto-thumbs";
  private static final Pattern STARTED =
      Pattern.compile("started (arn:\\S+:execution:\\S+:(run-\\S+))");

  private static final String STATE_MACHINE =
      "arn:aws:states:us-east-1:123456789012:stateMachine:" + STACK;

  /**
   * A stand-in that reads the manifest it is given (a Distributed Map with ItemReader, as
   * thumbflow.asl.json does) and fails the images named *unreadable* (ReadFailed) or *slow*
   * (Timeout) every time, the others succeed; it writes the report like the aggregate step.
   */
  private static final String MANIFEST_READER =
      """
      {"StartAt": "Thumbnail",
       "States": {
        "Thumbnail": {"Type": "Map",
          "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
            "Parameters": {"Bucket.$": "$.manifest.bucket", "Key.$": "$.manifest.key"}},
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Classify",
            "States": {
              "Classify": {"Type": "Choice", "Default": "Ok", "Choices": [
                {"Variable": "$.key", "StringMatches": "*unreadable*", "Next": "Unreadable"},
                {"Variable": "$.key", "StringMatches": "*slow*", "Next": "TooSlow"}]},
              "Ok": {"Type": "Pass", "End": true,
                "Parameters": {"source.$": "$.key", "status": "ok", "width": 50, "height": 50}},
              "Unreadable": {"Type": "Pass", "End": true, "Parameters": {"source.$": "$.key", "status": "failed",
                "error": {"type": "ReadFailed", "message": "stand-in"}}},
              "TooSlow": {"Type": "Pass", "End": true, "Parameters": {"source.$": "$.key", "status": "failed",
                "error": {"type": "Timeout", "message": "stand-in"}}}}},
          "ResultPath": "$.items", "Next": "ShapeReport"},
        "ShapeReport": {"Type": "Pass", "Next": "WriteReport",
          "Parameters": {"report": {"items.$": "$.items", "wallMs": 1000, "run": {"mode": "moto manifest reader"}}}},
        "WriteReport": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:putObject",
          "Parameters": {"Bucket": "%s",
            "Key.$": "States.Format('reports/{}/report.json', $$.Execution.Name)",
            "Body.$": "States.JsonToString($.report)"},
          "ResultPath": null, "End": true}}}
      """
          .formatted(THUMBS);

  @TempDir Path temp;

  private MotoServer moto;
  private CloudClients clients;

  @BeforeAll
  void startMotoWithAStack() throws Exception {
    moto = MotoServer.start(Files.createTempFile("moto", ".log"));
    assumeTrue(moto != null, "Python with moto is not installed (pip install 'moto[server]')");
    // moto accepts any credentials; the SDK only needs some.
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
    clients = CloudClients.create(new CloudOptions("us-east-1", moto.endpoint()));
    String template = resource("/cloud/moto-stack.json");
    clients.cloudFormation().createStack(r -> r.stackName(STACK).templateBody(template));
    clients
        .cloudFormation()
        .createStack(
            r ->
                r.stackName("not-thumbflow")
                    .templateBody(
                        "{\"Resources\":{\"B\":{\"Type\":\"AWS::S3::Bucket\"}},\"Outputs\":{\"SourceBucketName\":{\"Value\":{\"Ref\":\"B\"}}}}"));
  }

  /**
   * (Re)creates the stand-in state machine under the ARN the stack names, so every test starts from
   * a machine without executions.
   */
  @BeforeEach
  void freshStateMachine() throws Exception {
    String arn = "arn:aws:states:us-east-1:123456789012:stateMachine:" + STACK;
    try {
      clients.sfn().deleteStateMachine(r -> r.stateMachineArn(arn));
    } catch (SfnException e) {
      // first test: nothing to delete
    }
    String definition = resource("/cloud/standin.asl.json").replace("${ThumbsBucket}", THUMBS);
    clients
        .sfn()
        .createStateMachine(
            r ->
                r.name(STACK)
                    .definition(definition)
                    .roleArn("arn:aws:iam::123456789012:role/thumbflow-moto"));
  }

  @AfterAll
  void stopMoto() throws Exception {
    if (clients != null) {
      clients.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  @Test
  void runDirUploadsTheFolderWritesAManifestAndPrintsTheReport() throws Exception {
    Path photos = Files.createDirectories(temp.resolve("photos"));
    Files.write(photos.resolve("harbour.jpg"), new byte[] {1, 2, 3});
    Files.createDirectories(photos.resolve("2026/trip"));
    Files.write(photos.resolve("2026/trip/beach day.png"), new byte[] {4, 5});
    Files.write(photos.resolve(".DS_Store"), new byte[] {0});

    Result r = thumbflow("run", "--stack", STACK, "--dir", photos.toString());

    assertThat(r.exitCode).as(r.text()).isZero();
    String run = r.runName();
    assertThat(keys(SOURCE, "batches/" + run + "/"))
        .containsExactly(
            "batches/" + run + "/2026/trip/beach day.png", "batches/" + run + "/harbour.jpg");
    JsonNode manifest =
        JSON.readTree(
            clients
                .s3()
                .getObjectAsBytes(b -> b.bucket(SOURCE).key("manifests/" + run + ".json"))
                .asByteArray());
    assertThat(manifest).hasSize(2);
    assertThat(manifest.get(1).path("bucket").asText()).isEqualTo(SOURCE);
    assertThat(manifest.get(1).path("key").asText()).isEqualTo("batches/" + run + "/harbour.jpg");
    JsonNode input =
        JSON.readTree(
            clients.sfn().describeExecution(b -> b.executionArn(r.executionArn())).input());
    assertThat(input.path("manifest").path("key").asText()).isEqualTo("manifests/" + run + ".json");
    assertThat(r.out)
        .contains("Thumbnailed 2 of 2 images in 1.00 s")
        .contains("report: s3://" + THUMBS + "/reports/" + run + "/report.json")
        .doesNotContain("failed:");
  }

  @Test
  void runPrefixStartsABackfillAndExitsOneWhenImagesFailed() throws Exception {
    for (String key : List.of("backfill/a.jpg", "backfill/b.jpg", "backfill/c.jpg")) {
      clients
          .s3()
          .putObject(b -> b.bucket(SOURCE).key(key), RequestBody.fromString("not an image"));
    }

    Result r = thumbflow("run", "--stack", STACK, "--prefix", "s3://" + SOURCE + "/backfill/");

    assertThat(r.exitCode).as(r.text()).isEqualTo(1);
    JsonNode input =
        JSON.readTree(
            clients.sfn().describeExecution(b -> b.executionArn(r.executionArn())).input());
    assertThat(input.path("prefix").path("bucket").asText()).isEqualTo(SOURCE);
    assertThat(input.path("prefix").path("prefix").asText()).isEqualTo("backfill/");
    assertThat(r.out)
        .contains("Thumbnailed 0 of 3 images")
        .contains("3 failed:")
        .containsPattern("NotAnImage +3  \\(backfill/a.jpg, backfill/b.jpg, backfill/c.jpg\\)");
  }

  @Test
  void failedExecutionExitsOneAndTellsHowToRedrive() throws Exception {
    Result r =
        thumbflow(
            "run", "--stack", STACK, "--manifest", "s3://" + SOURCE + "/manifests/broken.json");

    assertThat(r.exitCode).as(r.text()).isEqualTo(1);
    assertThat(r.out)
        .contains("FAILED")
        .contains("States.ItemReaderFailed")
        .contains("thumbflow redrive --stack " + STACK + " " + r.runName());
  }

  @Test
  void redriveCallsRedriveExecutionOnTheNamedExecutionThenReportsItsState() throws Exception {
    Result failed =
        thumbflow(
            "run", "--stack", STACK, "--manifest", "s3://" + SOURCE + "/manifests/broken.json");
    assertThat(failed.exitCode).isEqualTo(1);

    try (RedriveProxy proxy = new RedriveProxy(moto.endpoint())) {
      Result r =
          thumbflowAt(
              proxy.endpoint(),
              "redrive",
              "--stack",
              STACK,
              failed.runName(),
              "--poll-seconds",
              "1");

      assertThat(proxy.redriveRequests()).hasSize(1);
      assertThat(JSON.readTree(proxy.redriveRequests().get(0)).path("executionArn").asText())
          .isEqualTo(failed.executionArn());
      // The first answers after the redrive are stale (still FAILED, no redrive): the command waits
      // them out rather than reporting them, then follows the redriven execution. moto does not
      // really run it again: it is still FAILED, so the command says so.
      assertThat(proxy.describesAfterRedrive(failed.executionArn()))
          .isGreaterThan(RedriveProxy.STALE_ANSWERS);
      assertThat(r.exitCode).as(r.text()).isEqualTo(1);
      assertThat(r.out).contains("redriving " + failed.executionArn()).contains("FAILED");
    }
  }

  @Test
  void redriveOfASucceededExecutionRerunsOnlyItsFailedImagesFromAManifest() throws Exception {
    useStateMachine(MANIFEST_READER);
    Result first =
        thumbflow(
            "run",
            "--stack",
            STACK,
            "--manifest",
            manifest(
                "day.json",
                "photos/harbour.jpg",
                "photos/unreadable-beach.jpg",
                "photos/slow-sunset.jpg"));
    assertThat(first.exitCode).as(first.text()).isEqualTo(1);
    assertThat(first.out)
        .contains("Thumbnailed 1 of 3 images")
        .contains(
            "run the failed images again with: thumbflow redrive --stack "
                + STACK
                + " "
                + first.runName());

    Result r = thumbflow("redrive", "--stack", STACK, first.runName(), "--poll-seconds", "1");

    List<String> manifests = keys(SOURCE, "manifests/" + first.runName() + "-redrive-");
    assertThat(manifests).as(r.text()).hasSize(1);
    JsonNode written =
        JSON.readTree(
            clients
                .s3()
                .getObjectAsBytes(b -> b.bucket(SOURCE).key(manifests.get(0)))
                .asByteArray());
    assertThat(written).hasSize(2);
    assertThat(written.findValuesAsText("key"))
        .containsExactly("photos/unreadable-beach.jpg", "photos/slow-sunset.jpg");
    assertThat(written.findValuesAsText("bucket")).containsExactly(SOURCE, SOURCE);
    assertThat(r.executionArn()).isNotEqualTo(first.executionArn());
    JsonNode input =
        JSON.readTree(
            clients.sfn().describeExecution(b -> b.executionArn(r.executionArn())).input());
    assertThat(input.path("manifest").path("bucket").asText()).isEqualTo(SOURCE);
    assertThat(input.path("manifest").path("key").asText()).isEqualTo(manifests.get(0));
    // The stand-in fails these keys every time: the new run's report has exactly the two re-run
    // images.
    assertThat(r.exitCode).as(r.text()).isEqualTo(1);
    assertThat(r.out)
        .contains("re-running 2 of 3 images of " + first.runName() + " (ReadFailed 1, Timeout 1)")
        .contains("Thumbnailed 0 of 2 images")
        .containsPattern("ReadFailed +1  \\(photos/unreadable-beach.jpg\\)")
        .containsPattern("Timeout +1  \\(photos/slow-sunset.jpg\\)")
        .doesNotContain("harbour");
  }

  @Test
  void redriveOnlyTypeRerunsOnlyFailuresOfThatType() throws Exception {
    useStateMachine(MANIFEST_READER);
    Result first =
        thumbflow(
            "run",
            "--stack",
            STACK,
            "--manifest",
            manifest(
                "types.json",
                "photos/harbour.jpg",
                "photos/unreadable-beach.jpg",
                "photos/slow-sunset.jpg"));
    assertThat(first.exitCode).as(first.text()).isEqualTo(1);

    Result r =
        thumbflow(
            "redrive", "--stack", STACK, first.runName(), "--only-type", "Timeout", "--no-wait");

    assertThat(r.exitCode).as(r.text()).isZero();
    List<String> manifests = keys(SOURCE, "manifests/" + first.runName() + "-redrive-");
    assertThat(manifests).as(r.text()).hasSize(1);
    JsonNode written =
        JSON.readTree(
            clients
                .s3()
                .getObjectAsBytes(b -> b.bucket(SOURCE).key(manifests.get(0)))
                .asByteArray());
    assertThat(written.findValuesAsText("key")).containsExactly("photos/slow-sunset.jpg");
    JsonNode input =
        JSON.readTree(
            clients.sfn().describeExecution(b -> b.executionArn(r.executionArn())).input());
    assertThat(input.path("manifest").path("key").asText()).isEqualTo(manifests.get(0));
  }

  @Test
  void redriveOfAnExecutionWithoutFailuresSaysSoAndStartsNothing() throws Exception {
    useStateMachine(MANIFEST_READER);
    Result first =
        thumbflow(
            "run",
            "--stack",
            STACK,
            "--manifest",
            manifest("clean.json", "photos/harbour.jpg", "photos/pier.jpg"));
    assertThat(first.exitCode).as(first.text()).isZero();

    Result r = thumbflow("redrive", "--stack", STACK, first.runName());

    assertThat(r.exitCode).as(r.text()).isZero();
    assertThat(r.out)
        .contains("nothing to redrive: all 2 images of " + first.runName() + " succeeded");
    assertThat(keys(SOURCE, "manifests/" + first.runName() + "-redrive-")).isEmpty();
    assertThat(clients.sfn().listExecutions(b -> b.stateMachineArn(STATE_MACHINE)).executions())
        .extracting(e -> e.name())
        .containsExactly(first.runName());
  }

  @Test
  void redriveOfARunningExecutionIsAUsageError() throws Exception {
    useStateMachine(
        "{\"StartAt\":\"Wait\",\"States\":{\"Wait\":{\"Type\":\"Wait\",\"Seconds\":600,"
            + "\"End\":true}}}");
    String running =
        clients
            .sfn()
            .startExecution(
                b -> b.stateMachineArn(STATE_MACHINE).name("run-still-going").input("{}"))
            .executionArn();

    Result r = thumbflow("redrive", "--stack", STACK, running);

    assertThat(r.exitCode).as(r.text()).isEqualTo(2);
    assertThat(r.err).contains("execution run-still-going is still running");
    assertThat(keys(SOURCE, "manifests/run-still-going")).isEmpty();
  }

  @Test
  void stackWithoutTheOutputsIsRefusedNamingTheMissingKeys() throws Exception {
    Result r = thumbflow("run", "--stack", "not-thumbflow", "--prefix", "s3://" + SOURCE + "/x/");

    assertThat(r.exitCode).isEqualTo(1);
    assertThat(r.err).contains("has no output ThumbsBucketName, StateMachineArn");
  }

  @Test
  void runNeedsExactlyOneSource() throws Exception {
    Result r = thumbflow("run", "--stack", STACK);

    assertThat(r.exitCode).isEqualTo(2);
    assertThat(r.err).contains("exactly one of --manifest");
  }

  @Test
  void manifestOfAPrefixListsEveryObjectAsCsv() throws Exception {
    for (String key :
        List.of("listing/one.jpg", "listing/sub/two, with comma.jpg", "listing/folder/")) {
      clients.s3().putObject(b -> b.bucket(SOURCE).key(key), RequestBody.fromString("x"));
    }
    Path out = temp.resolve("listing.csv");

    Result r = thumbflow("manifest", "s3://" + SOURCE + "/listing/", "--out", out.toString());

    assertThat(r.exitCode).as(r.text()).isZero();
    assertThat(Files.readString(out))
        .isEqualTo(
            "bucket,key\n"
                + SOURCE
                + ",listing/one.jpg\n"
                + SOURCE
                + ",\"listing/sub/two, with comma.jpg\"\n");
  }

  @Test
  void runHelpDocumentsTheCloudCommands() {
    Result r = thumbflow("run", "--help");

    assertThat(r.out)
        .contains(
            "--stack",
            "--manifest",
            "--prefix",
            "--dir",
            "--endpoint-url",
            "thumbflow redrive",
            "thumbflow manifest");
  }

  @Test
  void redriveHelpExplainsBothWaysOfRedriving() {
    Result r = thumbflow("redrive", "--help");

    assertThat(r.out)
        .contains(
            "--only-type",
            "RedriveExecution",
            "manifests/EXECUTION-redrive-TIME.json",
            "RUNNING execution is refused");
  }

  // ---------------------------------------------------------------- helpers

  private Result thumbflow(String... args) {
    return thumbflowAt(moto.endpoint(), args);
  }

  private Result thumbflowAt(java.net.URI endpoint, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (!all.contains("--help")) {
      all.addAll(List.of("--endpoint-url", endpoint.toString(), "--region", "us-east-1"));
    }
    if (args[0].equals("run") && !all.contains("--help")) {
      all.addAll(List.of("--poll-seconds", "1"));
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = ThumbflowCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(all.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  /**
   * Replaces the stand-in's definition; unlike re-creating the machine this keeps its executions.
   */
  private void useStateMachine(String definition) {
    clients.sfn().updateStateMachine(b -> b.stateMachineArn(STATE_MACHINE).definition(definition));
  }

  /** Writes a JSON manifest of {@code keys} in the source bucket; returns its s3:// URI. */
  private String manifest(String name, String... keys) {
    Manifest manifest =
        new Manifest(
            java.util.Arrays.stream(keys).map(k -> new Manifest.Entry(SOURCE, k)).toList());
    clients
        .s3()
        .putObject(
            b -> b.bucket(SOURCE).key("manifests/" + name),
            RequestBody.fromBytes(manifest.toBytes(Manifest.Format.JSON)));
    return "s3://" + SOURCE + "/manifests/" + name;
  }

  private List<String> keys(String bucket, String prefix) {
    return clients
        .s3()
        .listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))
        .contents()
        .stream()
        .map(S3Object::key)
        .sorted()
        .toList();
  }

  private static String resource(String name) throws Exception {
    try (var in = CloudCommandsOnMotoTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private record Result(int exitCode, String out, String err) {
    String text() {
      return "exit " + exitCode + "\nout:\n" + out + "\nerr:\n" + err;
    }

    String executionArn() {
      Matcher m = STARTED.matcher(out);
      assertThat(m.find()).as("an execution was started: %s", text()).isTrue();
      return m.group(1);
    }

    String runName() {
      Matcher m = STARTED.matcher(out);
      assertThat(m.find()).as("an execution was started: %s", text()).isTrue();
      return m.group(2);
    }
  }
}
