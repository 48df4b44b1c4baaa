package io.thumbflow.orchestrator.cloud;

import io.thumbflow.core.ImageResult;
import io.thumbflow.core.report.RunReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * {@code thumbflow redrive --stack NAME EXECUTION}: re-runs only the images that failed in an
 * execution, by Step Functions' RedriveExecution when the execution itself failed, else by a new
 * execution over a manifest of the failed images read from its run report.
 */
@Command(
    name = "redrive",
    mixinStandardHelpOptions = true,
    description = {
      "Re-run only the images that failed in an execution of the stack's state machine, then wait and "
          + "print the run report.",
      "",
      "Usually the execution SUCCEEDED with some failed images (a bad image is recorded in the report, "
          + "never fatal): redrive reads its report (s3://THUMBS/reports/EXECUTION/report.json), writes "
          + "the failed images' keys to s3://SOURCE/manifests/EXECUTION-redrive-TIME.json (a JSON array "
          + "of {\"bucket\",\"key\"}) and starts a new execution on it, as thumbflow run --manifest does. "
          + "Images that succeeded are not touched. With --only-type only failures of those error types "
          + "are retried (e.g. ReadFailed,Timeout; NotAnImage or Corrupt would fail again).",
      "",
      "A FAILED, TIMED_OUT or ABORTED execution is redriven in place (Step Functions RedriveExecution): "
          + "steps that succeeded are kept; a Distributed Map run re-runs only its failed or unfinished "
          + "child executions. A RUNNING execution is refused."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every re-run image done, or nothing failed",
      "1:some images failed again, or the execution did not succeed",
      "2:usage error (e.g. the execution is still running)"
    })
public final class RedriveCommand extends AwsCommand {
  /**
   * Where the manifests of re-runs go in the source bucket: manifests/<run>-redrive-<time>.json.
   */
  static final String REDRIVE_MANIFEST = "-redrive-";

  @Option(
      names = "--stack",
      paramLabel = "NAME",
      required = true,
      defaultValue = "${env:THUMBFLOW_STACK}",
      description = "The thumbflow stack (default: $THUMBFLOW_STACK).")
  String stack;

  @Parameters(
      paramLabel = "EXECUTION",
      description =
          "The execution name (as thumbflow run printed it, e.g. run-20261124-181500-a1b2c3) or ARN.")
  String execution;

  @Option(
      names = "--only-type",
      paramLabel = "TYPE",
      split = ",",
      description =
          "For a succeeded execution: re-run only images whose error.type is one of these "
              + "(e.g. ReadFailed,Timeout; default: every failed image).")
  List<String> onlyTypes = new ArrayList<>();

  @Option(
      names = "--no-wait",
      description = "Only start the re-run (default: wait and print the report).")
  boolean noWait;

  @Option(
      names = "--poll-seconds",
      paramLabel = "S",
      defaultValue = "5",
      description = "Seconds between progress checks (default: ${DEFAULT-VALUE}).")
  int pollSeconds;

  @Option(
      names = "--timeout-minutes",
      paramLabel = "M",
      defaultValue = "60",
      description = "Stop waiting after M minutes (default: ${DEFAULT-VALUE}).")
  int timeoutMinutes;

  @Override
  int run() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (CloudClients clients = CloudClients.create(cloud)) {
      StackResources resources = StackResources.resolve(clients.cloudFormation(), stack);
      String arn = executionArn(resources.stateMachineArn(), execution);
      DescribeExecutionResponse described = describe(clients, arn);
      if (described.stateMachineArn() != null
          && !described.stateMachineArn().equals(resources.stateMachineArn())) {
        throw new CloudUsageException(
            arn
                + " is an execution of "
                + described.stateMachineArn()
                + ", not of stack "
                + stack
                + "'s state machine "
                + resources.stateMachineArn());
      }
      switch (described.status()) {
        case FAILED, TIMED_OUT, ABORTED:
          return redriveInPlace(clients, resources, arn, described, out);
        case SUCCEEDED:
          return rerunFailedImages(clients, resources, described, out);
        case RUNNING:
          throw new CloudUsageException(
              "execution "
                  + described.name()
                  + " is still running: wait for it to end "
                  + "(or stop it), then redrive it");
        case PENDING_REDRIVE:
          throw new CloudUsageException(
              "execution " + described.name() + " is already being redriven");
        default:
          throw new CloudUsageException(
              "execution "
                  + described.name()
                  + " is "
                  + described.statusAsString()
                  + ": only FAILED, TIMED_OUT, ABORTED or SUCCEEDED executions can be redriven");
      }
    }
  }

  private static DescribeExecutionResponse describe(CloudClients clients, String arn) {
    try {
      return clients.sfn().describeExecution(r -> r.executionArn(arn));
    } catch (ExecutionDoesNotExistException e) {
      throw new CloudUsageException("no execution " + arn);
    } catch (SfnException e) {
      throw new CloudCommandException("cannot describe " + arn + ": " + e.getMessage(), e);
    }
  }

  /** Step Functions re-runs the failed or unfinished part of a failed execution. */
  private int redriveInPlace(
      CloudClients clients,
      StackResources resources,
      String arn,
      DescribeExecutionResponse before,
      PrintWriter out)
      throws IOException, InterruptedException {
    try {
      clients.sfn().redriveExecution(r -> r.executionArn(arn));
    } catch (SfnException e) {
      throw new CloudCommandException("cannot redrive " + arn + ": " + e.getMessage(), e);
    }
    out.printf("redriving %s%n", arn);
    out.flush();
    if (noWait) {
      return 0;
    }
    if (!awaitRedrive(
        () -> describe(clients, arn), before, REDRIVE_VISIBLE_WITHIN, Duration.ofSeconds(1))) {
      throw new CloudCommandException(
          "Step Functions accepted the redrive of "
              + arn
              + " but the execution did not"
              + " show it within "
              + REDRIVE_VISIBLE_WITHIN.toSeconds()
              + " s; check it with thumbflow run's report later");
    }
    return follower(clients, resources, out).follow(arn);
  }

  /** How long a redrive may take to show in DescribeExecution, which is eventually consistent. */
  static final Duration REDRIVE_VISIBLE_WITHIN = Duration.ofSeconds(60);

  /**
   * Waits until DescribeExecution shows the redrive: RUNNING, or a redrive count or date newer than
   * {@code before}'s. Right after RedriveExecution it can still answer the old FAILED state (it is
   * eventually consistent), and following that answer would report a failure while the redrive
   * runs.
   *
   * @return true once visible, false after {@code within}
   */
  static boolean awaitRedrive(
      java.util.function.Supplier<DescribeExecutionResponse> describe,
      DescribeExecutionResponse before,
      Duration within,
      Duration poll)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    int count = before.redriveCount() == null ? 0 : before.redriveCount();
    while (true) {
      DescribeExecutionResponse now = describe.get();
      boolean visible =
          now.status() == software.amazon.awssdk.services.sfn.model.ExecutionStatus.RUNNING
              || (now.redriveCount() != null && now.redriveCount() > count)
              || (now.redriveDate() != null
                  && (before.redriveDate() == null
                      || now.redriveDate().isAfter(before.redriveDate())));
      if (visible) return true;
      if (System.nanoTime() > deadline) return false;
      Thread.sleep(poll.toMillis());
    }
  }

  /**
   * A succeeded execution cannot be redriven: its failed images go to a new run over a manifest of
   * them.
   */
  private int rerunFailedImages(
      CloudClients clients,
      StackResources resources,
      DescribeExecutionResponse described,
      PrintWriter out)
      throws IOException, InterruptedException {
    String runId = described.name();
    RunReport report = follower(clients, resources, out).fetchReport(described);
    Manifest manifest = failedImages(report, resources.sourceBucket(), Set.copyOf(onlyTypes));
    if (manifest.entries().isEmpty()) {
      if (report.failed() == 0) {
        out.printf("nothing to redrive: all %d images of %s succeeded%n", report.images(), runId);
      } else {
        out.printf(
            "nothing to redrive: none of the %d failed images of %s failed with %s (their types: %s)%n",
            report.failed(),
            runId,
            String.join(", ", onlyTypes),
            String.join(", ", report.errors().keySet()));
      }
      out.flush();
      return 0;
    }
    S3Uri manifestUri =
        new S3Uri(
            resources.sourceBucket(),
            CloudRun.MANIFEST_PREFIX + runId + REDRIVE_MANIFEST + CloudRun.timestamp() + ".json");
    try {
      clients
          .s3()
          .putObject(
              r ->
                  r.bucket(manifestUri.bucket())
                      .key(manifestUri.key())
                      .contentType("application/json"),
              RequestBody.fromBytes(manifest.toBytes(Manifest.Format.JSON)));
    } catch (S3Exception e) {
      throw new CloudCommandException("cannot write " + manifestUri + ": " + e.getMessage(), e);
    }
    out.printf(
        "re-running %d of %d images of %s (%s): manifest %s%n",
        manifest.entries().size(),
        report.images(),
        runId,
        typeCounts(report, Set.copyOf(onlyTypes)),
        manifestUri);
    out.flush();
    CloudRunOptions run =
        CloudRunOptions.forManifest(
            stack, manifestUri, !noWait, pollSeconds, timeoutMinutes, cloud);
    return new CloudRun(run, out).call(clients, resources);
  }

  /**
   * The failed images of {@code report} as a manifest on {@code bucket}, each key once, in report
   * order.
   *
   * @param types error types to keep; empty keeps every failed image
   */
  static Manifest failedImages(RunReport report, String bucket, Set<String> types) {
    Set<String> keys = new LinkedHashSet<>();
    for (ImageResult item : report.items()) {
      if (item.isFailed()
          && item.source() != null
          && !item.source().isEmpty()
          && matches(item, types)) {
        keys.add(item.source());
      }
    }
    return new Manifest(keys.stream().map(k -> new Manifest.Entry(bucket, k)).toList());
  }

  private static boolean matches(ImageResult item, Set<String> types) {
    return types.isEmpty() || item.error() != null && types.contains(item.error().type());
  }

  /** "ReadFailed 1, Timeout 2" over the failed images that are re-run. */
  private static String typeCounts(RunReport report, Set<String> types) {
    Map<String, Long> counts =
        report.items().stream()
            .filter(i -> i.isFailed() && matches(i, types))
            .collect(
                Collectors.groupingBy(
                    i -> i.error() == null ? "unknown" : i.error().type(),
                    TreeMap::new,
                    Collectors.counting()));
    return counts.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private ExecutionFollower follower(
      CloudClients clients, StackResources resources, PrintWriter out) {
    return new ExecutionFollower(
        clients,
        resources,
        out,
        Duration.ofSeconds(Math.max(1, pollSeconds)),
        Duration.ofMinutes(timeoutMinutes));
  }

  /**
   * The ARN of an execution given by name or ARN: {@code arn:...:stateMachine:M} and name {@code N}
   * give {@code arn:...:execution:M:N}.
   */
  static String executionArn(String stateMachineArn, String execution) {
    if (execution.startsWith("arn:")) {
      return execution;
    }
    int at = stateMachineArn.indexOf(":stateMachine:");
    if (at < 0) {
      throw new CloudCommandException("not a state machine ARN: " + stateMachineArn);
    }
    return stateMachineArn.substring(0, at)
        + ":execution:"
        + stateMachineArn.substring(at + ":stateMachine:".length())
        + ":"
        + execution;
  }
}
