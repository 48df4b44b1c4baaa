package io.thumbflow.orchestrator.emulated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;

/**
 * An emulated AWS account for one test class: moto's server (S3, Step Functions with its
 * interpreter executing state machines) started by {@code emulated/moto_server.py} on a free
 * loopback port, and a {@link LambdaEndpoint} that answers the state machine's Lambda tasks with
 * in-process handlers.
 *
 * <p>{@link #start} returns null when no {@code python3}/{@code python} on PATH imports moto (the
 * caller skips); a moto that is present but does not start (e.g. a version the patches do not fit)
 * is an error, not a skip.
 */
public final class EmulatedCloud implements AutoCloseable {
  public static final Region REGION = Region.US_EAST_1;
  public static final String ACCOUNT = "123456789012";

  /**
   * Scale of Retry back-off sleeps (moto_server.py patch 3): the production 2..30 s become 20..300
   * ms.
   */
  public static final double RETRY_TIME_SCALE = 0.01;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration EXECUTION_DEADLINE = Duration.ofMinutes(3);

  private final Process process;
  private final URI endpoint;
  private final Path log;
  private final LambdaEndpoint lambda;
  private final S3Client s3;
  private final SfnClient sfn;
  private final software.amazon.awssdk.services.cloudformation.CloudFormationClient cloudFormation;

  private EmulatedCloud(Process process, URI endpoint, Path log, LambdaEndpoint lambda) {
    this.process = process;
    this.endpoint = endpoint;
    this.log = log;
    this.lambda = lambda;
    StaticCredentialsProvider credentials =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    this.s3 =
        S3Client.builder()
            .httpClient(UrlConnectionHttpClient.builder().build())
            .endpointOverride(endpoint)
            .forcePathStyle(true)
            .region(REGION)
            .credentialsProvider(credentials)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .build();
    this.sfn =
        SfnClient.builder()
            .httpClient(UrlConnectionHttpClient.builder().build())
            .endpointOverride(endpoint)
            .region(REGION)
            .credentialsProvider(credentials)
            .build();
    this.cloudFormation =
        software.amazon.awssdk.services.cloudformation.CloudFormationClient.builder()
            .httpClient(UrlConnectionHttpClient.builder().build())
            .endpointOverride(endpoint)
            .region(REGION)
            .credentialsProvider(credentials)
            .build();
  }

  /**
   * Starts moto (patched) and the Lambda endpoint; null when no Python with moto is installed.
   *
   * @param workDir where the server script and its log go
   */
  public static EmulatedCloud start(Path workDir) throws IOException, InterruptedException {
    String python = Python.withModules("moto.server", "moto.stepfunctions.parser");
    if (python == null) {
      return null;
    }
    Files.createDirectories(workDir);
    Path script = workDir.resolve("moto_server.py");
    try (InputStream in = EmulatedCloud.class.getResourceAsStream("/emulated/moto_server.py")) {
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    Path log = workDir.resolve("moto.log");
    LambdaEndpoint lambda = new LambdaEndpoint(4);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ProcessBuilder pb =
        new ProcessBuilder(python, script.toString(), "127.0.0.1", String.valueOf(port))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("THUMBFLOW_LAMBDA_ENDPOINT", lambda.url().toString());
    pb.environment().put("THUMBFLOW_RETRY_TIME_SCALE", String.valueOf(RETRY_TIME_SCALE));
    pb.environment().remove("MOTO_PORT");
    Process p = pb.start();
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    EmulatedCloud cloud = new EmulatedCloud(p, endpoint, log, lambda);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!cloud.answers()) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        String output = Files.exists(log) ? Files.readString(log) : "";
        cloud.close();
        throw new IllegalStateException(
            "moto_server.py did not start on " + endpoint + ":\n" + output);
      }
      Thread.sleep(100);
    }
    return cloud;
  }

  public URI endpoint() {
    return endpoint;
  }

  /** moto's output (requests, interpreter errors). */
  public Path log() {
    return log;
  }

  public LambdaEndpoint lambda() {
    return lambda;
  }

  public S3Client s3() {
    return s3;
  }

  /** moto's CloudFormation, where a test can create a stack whose outputs name this deployment. */
  public software.amazon.awssdk.services.cloudformation.CloudFormationClient cloudFormation() {
    return cloudFormation;
  }

  public SfnClient sfn() {
    return sfn;
  }

  public void createBuckets(String... names) {
    for (String name : names) {
      s3.createBucket(b -> b.bucket(name));
    }
  }

  public byte[] read(String bucket, String key) {
    return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
  }

  public JsonNode readJson(String bucket, String key) throws IOException {
    return JSON.readTree(read(bucket, key));
  }

  /**
   * Creates state machine {@code name} with {@code definition}, or updates it when it exists; its
   * ARN.
   */
  public String deploy(String name, TestDefinition definition) {
    String arn = "arn:aws:states:" + REGION.id() + ":" + ACCOUNT + ":stateMachine:" + name;
    try {
      sfn.describeStateMachine(b -> b.stateMachineArn(arn));
      sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(definition.json()));
      return arn;
    } catch (StateMachineDoesNotExistException e) {
      return sfn.createStateMachine(
              b ->
                  b.name(name)
                      .definition(definition.json())
                      .roleArn("arn:aws:iam::" + ACCOUNT + ":role/thumbflow-emulated"))
          .stateMachineArn();
    }
  }

  /**
   * Starts an execution named {@code name} (the run id) and waits for it to end (a safety deadline
   * of a few minutes, not a performance bound: a hung execution fails the test with moto's log).
   */
  public Execution run(String stateMachineArn, String name, String input)
      throws IOException, InterruptedException {
    String arn =
        sfn.startExecution(b -> b.stateMachineArn(stateMachineArn).name(name).input(input))
            .executionArn();
    long deadline = System.nanoTime() + EXECUTION_DEADLINE.toNanos();
    DescribeExecutionResponse d = sfn.describeExecution(b -> b.executionArn(arn));
    while (d.status() == ExecutionStatus.RUNNING) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "execution " + arn + " still RUNNING after " + EXECUTION_DEADLINE + "; see " + log);
      }
      Thread.sleep(50);
      d = sfn.describeExecution(b -> b.executionArn(arn));
    }
    List<HistoryEvent> events = new ArrayList<>();
    sfn.getExecutionHistoryPaginator(b -> b.executionArn(arn).maxResults(1000))
        .events()
        .forEach(events::add);
    JsonNode output = d.output() == null ? null : JSON.readTree(d.output());
    return new Execution(arn, name, d.status(), output, d.error(), d.cause(), events);
  }

  /**
   * One ended execution.
   *
   * @param events the execution history (moto records StateEntered/StateExited with the state's
   *     input/output, and the events of inline Map iterations; Distributed Map children keep their
   *     events to themselves, as on AWS)
   */
  public record Execution(
      String arn,
      String name,
      ExecutionStatus status,
      JsonNode output,
      String error,
      String cause,
      List<HistoryEvent> events) {

    /**
     * Per state (in order of first entry): times entered and the largest input and output in UTF-8
     * bytes.
     */
    public Map<String, StatePayload> payloads() {
      Map<String, StatePayload> states = new LinkedHashMap<>();
      for (HistoryEvent e : events) {
        if (e.stateEnteredEventDetails() != null) {
          String name = e.stateEnteredEventDetails().name();
          long bytes = utf8(e.stateEnteredEventDetails().input());
          states.merge(
              name,
              new StatePayload(name, e.typeAsString().replace("StateEntered", ""), 1, bytes, -1),
              StatePayload::merge);
        } else if (e.stateExitedEventDetails() != null) {
          String name = e.stateExitedEventDetails().name();
          long bytes = utf8(e.stateExitedEventDetails().output());
          states.merge(
              name,
              new StatePayload(name, e.typeAsString().replace("StateExited", ""), 0, -1, bytes),
              StatePayload::merge);
        }
      }
      return states;
    }

    /** The largest state input or output of the execution, in bytes. */
    public long largestPayloadBytes() {
      return payloads().values().stream()
          .mapToLong(p -> Math.max(p.maxInputBytes(), p.maxOutputBytes()))
          .max()
          .orElse(0);
    }

    /** A one-line-per-state table for failure messages and reports. */
    public String payloadTable() {
      StringBuilder sb = new StringBuilder("state (type) entered: max input / max output bytes\n");
      payloads()
          .values()
          .forEach(
              p ->
                  sb.append(
                      String.format(
                          "  %s (%s) x%d: %d / %d%n",
                          p.state(),
                          p.type(),
                          p.entered(),
                          p.maxInputBytes(),
                          p.maxOutputBytes())));
      return sb.toString();
    }

    private static long utf8(String s) {
      return s == null ? -1 : s.getBytes(StandardCharsets.UTF_8).length;
    }
  }

  /** A state's payload sizes over an execution (-1: never seen). */
  public record StatePayload(
      String state, String type, int entered, long maxInputBytes, long maxOutputBytes) {
    StatePayload merge(StatePayload o) {
      return new StatePayload(
          state,
          type,
          entered + o.entered,
          Math.max(maxInputBytes, o.maxInputBytes),
          Math.max(maxOutputBytes, o.maxOutputBytes));
    }
  }

  private boolean answers() {
    try {
      HttpURLConnection c =
          (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
      c.setConnectTimeout(500);
      c.setReadTimeout(2000);
      return c.getResponseCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    s3.close();
    sfn.close();
    cloudFormation.close();
    lambda.close();
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
