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
 * with the template's output keys, a stand-in state machine executed by moto (standin.asl.json) that
 * writes a report like the aggregate step. Needs Python with moto (preinstalled here, {@code pip
 * install 'moto[server]'} elsewhere); skipped without it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CloudCommandsOnMotoTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STACK = "thumbflow-moto";
  private static final String SOURCE = "thumbflow-moto-source";
  private static final String THUMBS = "thumbflow-moto-thumbs";
  private static final Pattern STARTED = Pattern.compile("started (arn:\\S+:execution:\\S+:(run-\\S+))");

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
    clients.cloudFormation().createStack(r -> r.stackName("not-thumbflow").templateBody(
        "{\"Resources\":{\"B\":{\"Type\":\"AWS::S3::Bucket\"}},\"Outputs\":{\"SourceBucketName\":{\"Value\":{\"Ref\":\"B\"}}}}"));
  }

  /**
   * (Re)creates the stand-in state machine under the ARN the stack names. moto's executing engine
   * cannot start a second execution of a machine that already ran one (it deep-copies the machine
   * with its running threads), so every test starts from a fresh machine.
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
    clients.sfn().createStateMachine(r -> r.name(STACK).definition(definition)
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
        .containsExactly("batches/" + run + "/2026/trip/beach day.png", "batches/" + run + "/harbour.jpg");
    JsonNode manifest = JSON.readTree(clients.s3().getObjectAsBytes(
        b -> b.bucket(SOURCE).key("manifests/" + run + ".json")).asByteArray());
    assertThat(manifest).hasSize(2);
    assertThat(manifest.get(1).path("bucket").asText()).isEqualTo(SOURCE);
    assertThat(manifest.get(1).path("key").asText()).isEqualTo("batches/" + run + "/harbour.jpg");
    JsonNode input = JSON.readTree(clients.sfn().describeExecution(b -> b.executionArn(r.executionArn())).input());
    assertThat(input.path("manifest").path("key").asText()).isEqualTo("manifests/" + run + ".json");
    assertThat(r.out).contains("Thumbnailed 2 of 2 images in 1.00 s")
        .contains("report: s3://" + THUMBS + "/reports/" + run + "/report.json")
        .doesNotContain("failed:");
  }

  @Test
  void runPrefixStartsABackfillAndExitsOneWhenImagesFailed() throws Exception {
    for (String key : List.of("backfill/a.jpg", "backfill/b.jpg", "backfill/c.jpg")) {
      clients.s3().putObject(b -> b.bucket(SOURCE).key(key), RequestBody.fromString("not an image"));
    }

    Result r = thumbflow("run", "--stack", STACK, "--prefix", "s3://" + SOURCE + "/backfill/");

    assertThat(r.exitCode).as(r.text()).isEqualTo(1);
    JsonNode input = JSON.readTree(clients.sfn().describeExecution(b -> b.executionArn(r.executionArn())).input());
    assertThat(input.path("prefix").path("bucket").asText()).isEqualTo(SOURCE);
    assertThat(input.path("prefix").path("prefix").asText()).isEqualTo("backfill/");
    assertThat(r.out).contains("Thumbnailed 0 of 3 images").contains("3 failed:")
        .containsPattern("NotAnImage +3  \\(backfill/a.jpg, backfill/b.jpg, backfill/c.jpg\\)");
  }

  @Test
  void failedExecutionExitsOneAndTellsHowToRedrive() throws Exception {
    Result r = thumbflow("run", "--stack", STACK, "--manifest", "s3://" + SOURCE + "/manifests/broken.json");

    assertThat(r.exitCode).as(r.text()).isEqualTo(1);
    assertThat(r.out).contains("FAILED").contains("States.ItemReaderFailed")
        .contains("thumbflow redrive --stack " + STACK + " " + r.runName());
  }

  @Test
  void redriveCallsRedriveExecutionOnTheNamedExecutionThenReportsItsState() throws Exception {
    Result failed = thumbflow("run", "--stack", STACK, "--manifest", "s3://" + SOURCE + "/manifests/broken.json");
    assertThat(failed.exitCode).isEqualTo(1);

    try (RedriveProxy proxy = new RedriveProxy(moto.endpoint())) {
      Result r = thumbflowAt(proxy.endpoint(), "redrive", "--stack", STACK, failed.runName(), "--poll-seconds", "1");

      assertThat(proxy.redriveRequests()).hasSize(1);
      assertThat(JSON.readTree(proxy.redriveRequests().get(0)).path("executionArn").asText())
          .isEqualTo(failed.executionArn());
      // moto does not really redrive: the execution is still FAILED, so the command says so.
      assertThat(r.exitCode).as(r.text()).isEqualTo(1);
      assertThat(r.out).contains("redriving " + failed.executionArn()).contains("FAILED");
    }
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
    for (String key : List.of("listing/one.jpg", "listing/sub/two, with comma.jpg", "listing/folder/")) {
      clients.s3().putObject(b -> b.bucket(SOURCE).key(key), RequestBody.fromString("x"));
    }
    Path out = temp.resolve("listing.csv");

    Result r = thumbflow("manifest", "s3://" + SOURCE + "/listing/", "--out", out.toString());

    assertThat(r.exitCode).as(r.text()).isZero();
    assertThat(Files.readString(out)).isEqualTo("bucket,key\r\n" + SOURCE + ",listing/one.jpg\r\n"
        + SOURCE + ",\"listing/sub/two, with comma.jpg\"\r\n");
  }

  @Test
  void runHelpDocumentsTheCloudCommands() {
    Result r = thumbflow("run", "--help");

    assertThat(r.out).contains("--stack", "--manifest", "--prefix", "--dir", "--endpoint-url",
        "thumbflow redrive", "thumbflow manifest");
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
    CommandLine cli = new CommandLine(new ThumbflowCli());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(all.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  private List<String> keys(String bucket, String prefix) {
    return clients.s3().listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
        .map(S3Object::key).sorted().toList();
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
