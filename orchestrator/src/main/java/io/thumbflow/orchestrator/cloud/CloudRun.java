package io.thumbflow.orchestrator.cloud;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLConnection;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * {@code thumbflow run --stack NAME (--manifest | --prefix | --dir)}: starts one execution of the
 * deployed state machine with the matching input, follows it and prints the run report.
 */
public final class CloudRun {
  /**
   * Where --dir uploads go in the source bucket; the upload trigger only watches its own prefix
   * (uploads/).
   */
  public static final String BATCH_PREFIX = "batches/";

  /** Where --dir writes the run's manifest in the source bucket: manifests/<run>.json. */
  public static final String MANIFEST_PREFIX = "manifests/";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final CloudRunOptions options;
  private final PrintWriter out;

  public CloudRun(CloudRunOptions options, PrintWriter out) {
    this.options = options;
    this.out = out;
  }

  /**
   * Runs {@code thumbflow run --stack ...}; failures become a one-line message on {@code err}.
   *
   * @return 0 every image done, 1 some failed (or the execution did not succeed), 2 usage error
   */
  public static int execute(CloudRunOptions options, PrintWriter out, PrintWriter err)
      throws IOException, InterruptedException {
    try {
      return new CloudRun(options, out).call();
    } catch (CloudCommandException e) {
      return e.report(err);
    }
  }

  /**
   * Runs the command.
   *
   * @return 0 every image done, 1 some failed (or the execution did not succeed), 2 usage error
   */
  public int call() throws IOException, InterruptedException {
    int sources =
        (options.manifest() != null ? 1 : 0)
            + (options.prefix() != null ? 1 : 0)
            + (options.dir() != null ? 1 : 0);
    if (sources != 1) {
      throw new CloudUsageException(
          "with --stack give exactly one of --manifest s3://b/k, --prefix s3://b/p/ "
              + "or --dir LOCAL_DIR");
    }
    try (CloudClients clients = CloudClients.create(options.cloud())) {
      return call(clients, StackResources.resolve(clients.cloudFormation(), options.stack()));
    }
  }

  /**
   * Runs the command with clients already open on a resolved stack (thumbflow redrive starts its
   * new execution of the failed images through here).
   *
   * @return 0 every image done, 1 some failed (or the execution did not succeed), 2 usage error
   */
  int call(CloudClients clients, StackResources stack) throws IOException, InterruptedException {
    String name = executionName();
    ObjectNode input = input(clients, stack, name);
    String executionArn;
    try {
      executionArn =
          clients
              .sfn()
              .startExecution(
                  r ->
                      r.stateMachineArn(stack.stateMachineArn()).name(name).input(input.toString()))
              .executionArn();
    } catch (SfnException e) {
      throw new CloudCommandException(
          "cannot start " + stack.stateMachineArn() + ": " + e.getMessage(), e);
    }
    out.printf("started %s with %s%n", executionArn, input);
    out.flush();
    if (!options.waitForEnd()) {
      return 0;
    }
    return new ExecutionFollower(
            clients,
            stack,
            out,
            Duration.ofSeconds(Math.max(1, options.pollSeconds())),
            Duration.ofMinutes(options.timeoutMinutes()))
        .follow(executionArn);
  }

  /** The state machine input for the chosen source; --dir uploads first. */
  ObjectNode input(CloudClients clients, StackResources stack, String runName) throws IOException {
    ObjectNode input = JSON.createObjectNode();
    if (options.manifest() != null) {
      S3Uri manifest = parse(options.manifest(), "--manifest");
      if (manifest.key().isEmpty() || manifest.key().endsWith("/")) {
        throw new CloudUsageException("--manifest must name an object, was " + options.manifest());
      }
      input.putObject("manifest").put("bucket", manifest.bucket()).put("key", manifest.key());
    } else if (options.prefix() != null) {
      S3Uri prefix = parse(options.prefix(), "--prefix");
      input.putObject("prefix").put("bucket", prefix.bucket()).put("prefix", prefix.key());
    } else {
      S3Uri manifest =
          upload(
              clients,
              stack,
              options.dir(),
              BATCH_PREFIX + runName + "/",
              MANIFEST_PREFIX + runName + ".json");
      input.putObject("manifest").put("bucket", manifest.bucket()).put("key", manifest.key());
    }
    return input;
  }

  /**
   * Uploads every file of {@code dir} under {@code keyPrefix} and a JSON manifest of them; returns
   * the manifest.
   */
  S3Uri upload(
      CloudClients clients, StackResources stack, Path dir, String keyPrefix, String manifestKey)
      throws IOException {
    List<Path> files = Manifest.imageFiles(dir);
    if (files.isEmpty()) {
      throw new CloudUsageException(dir + " has no files to process");
    }
    out.printf(
        "uploading %d files from %s to s3://%s/%s%n",
        files.size(), dir, stack.sourceBucket(), keyPrefix);
    out.flush();
    for (Path file : files) {
      String key = keyPrefix + Manifest.relativeName(dir, file);
      String type = URLConnection.guessContentTypeFromName(file.getFileName().toString());
      clients
          .s3()
          .putObject(
              r ->
                  r.bucket(stack.sourceBucket())
                      .key(key)
                      .contentType(type == null ? "application/octet-stream" : type),
              RequestBody.fromFile(file));
    }
    Manifest manifest = Manifest.fromDirectory(dir, stack.sourceBucket(), keyPrefix);
    clients
        .s3()
        .putObject(
            r -> r.bucket(stack.sourceBucket()).key(manifestKey).contentType("application/json"),
            RequestBody.fromBytes(manifest.toBytes(Manifest.Format.JSON)));
    return new S3Uri(stack.sourceBucket(), manifestKey);
  }

  /** The current UTC time as yyyyMMdd-HHmmss, the time stamp in execution and manifest names. */
  static String timestamp() {
    return NAME_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
  }

  /**
   * A unique, sortable execution name (also the run id of the report): run-yyyyMMdd-HHmmss-xxxxxx.
   */
  static String executionName() {
    byte[] random = new byte[3];
    new SecureRandom().nextBytes(random);
    return "run-" + timestamp() + "-" + HexFormat.of().formatHex(random);
  }

  private static S3Uri parse(String text, String option) {
    try {
      return S3Uri.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CloudUsageException(option + ": " + e.getMessage());
    }
  }
}
