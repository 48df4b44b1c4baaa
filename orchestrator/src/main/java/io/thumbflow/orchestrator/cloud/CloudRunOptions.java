package io.thumbflow.orchestrator.cloud;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of {@code thumbflow run} that select the cloud engine: with {@code --stack} the run
 * goes to the deployed state machine instead of the local pool. Mixed into the run command.
 */
public final class CloudRunOptions {
  @Option(
      names = "--stack",
      paramLabel = "NAME",
      defaultValue = "${env:THUMBFLOW_STACK}",
      description =
          "The thumbflow stack to run on (sam deploy --stack-name); give one of --manifest, "
              + "--prefix or --dir with it (default: $THUMBFLOW_STACK).")
  String stack;

  @Option(
      names = "--manifest",
      paramLabel = "s3://BUCKET/KEY",
      description =
          "Process the images listed in this manifest (JSON array of {\"bucket\",\"key\"} "
              + "or CSV with a bucket,key header; write one with thumbflow manifest). Must be in the source bucket.")
  String manifest;

  @Option(
      names = "--prefix",
      paramLabel = "s3://BUCKET/PREFIX/",
      description = "Process every object under this prefix of the source bucket (backfill).")
  String prefix;

  @Option(
      names = "--dir",
      paramLabel = "LOCAL_DIR",
      description =
          "Upload the files of LOCAL_DIR to the source bucket under batches/<run>/, write "
              + "manifests/<run>.json listing them and process it.")
  Path dir;

  @Option(
      names = "--no-wait",
      description = "Only start the execution (default: wait for it and print its report).")
  boolean noWait;

  @Option(
      names = "--poll-seconds",
      paramLabel = "S",
      defaultValue = "5",
      description = "Seconds between progress checks (default: ${DEFAULT-VALUE}).")
  int pollSeconds = 5;

  @Option(
      names = "--timeout-minutes",
      paramLabel = "M",
      defaultValue = "60",
      description =
          "Stop waiting after M minutes; the execution goes on (default: ${DEFAULT-VALUE}).")
  int timeoutMinutes = 60;

  @Mixin CloudOptions cloud = new CloudOptions();

  public CloudRunOptions() {}

  /**
   * The options of {@code thumbflow run --stack STACK --manifest MANIFEST}, for commands that start
   * a run of their own (thumbflow redrive).
   */
  static CloudRunOptions forManifest(
      String stack,
      S3Uri manifest,
      boolean waitForEnd,
      int pollSeconds,
      int timeoutMinutes,
      CloudOptions cloud) {
    CloudRunOptions options = new CloudRunOptions();
    options.stack = stack;
    options.manifest = manifest.toString();
    options.noWait = !waitForEnd;
    options.pollSeconds = pollSeconds;
    options.timeoutMinutes = timeoutMinutes;
    options.cloud = cloud;
    return options;
  }

  /** True when the user asked for the cloud engine. */
  public boolean isCloud() {
    return stack != null && !stack.isBlank();
  }

  public String stack() {
    return stack;
  }

  public String manifest() {
    return manifest;
  }

  public String prefix() {
    return prefix;
  }

  public Path dir() {
    return dir;
  }

  public boolean waitForEnd() {
    return !noWait;
  }

  public int pollSeconds() {
    return pollSeconds;
  }

  public int timeoutMinutes() {
    return timeoutMinutes;
  }

  public CloudOptions cloud() {
    return cloud;
  }
}
