package io.thumbflow.orchestrator.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thumbflow.core.ImageResult;
import io.thumbflow.core.report.ReportJson;
import io.thumbflow.core.report.RunReport;
import io.thumbflow.orchestrator.cli.RunSummary;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.MapRunItemCounts;
import software.amazon.awssdk.services.sfn.model.MapRunListItem;

/**
 * Follows one execution of the thumbflow state machine to its end, printing progress (status and,
 * for Distributed Map runs, item counts), then fetches the run report the aggregate step wrote to
 * the thumbs bucket and prints its summary.
 */
public final class ExecutionFollower {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CloudClients clients;
  private final StackResources stack;
  private final PrintWriter out;
  private final Duration pollInterval;
  private final Duration timeout;

  /**
   * @param pollInterval time between DescribeExecution calls
   * @param timeout how long to wait before giving up (the execution goes on)
   */
  public ExecutionFollower(
      CloudClients clients,
      StackResources stack,
      PrintWriter out,
      Duration pollInterval,
      Duration timeout) {
    this.clients = clients;
    this.stack = stack;
    this.out = out;
    this.pollInterval = pollInterval;
    this.timeout = timeout;
  }

  /**
   * Waits for the execution and prints its report.
   *
   * @return the CLI exit code: 0 every image done, 1 some failed or the execution did not succeed
   */
  public int follow(String executionArn) throws IOException, InterruptedException {
    DescribeExecutionResponse execution = waitForEnd(executionArn);
    if (execution.status() != ExecutionStatus.SUCCEEDED) {
      out.printf(
          "execution %s %s: %s%n",
          execution.name(),
          execution.statusAsString(),
          firstNonBlank(execution.error(), "no error name")
              + " "
              + firstNonBlank(execution.cause(), ""));
      if (execution.status() == ExecutionStatus.RUNNING) {
        out.printf(
            "still running after %d s; follow it with: aws stepfunctions describe-execution "
                + "--execution-arn %s%n",
            timeout.toSeconds(), executionArn);
      } else {
        out.printf(
            "re-run only what failed with: thumbflow redrive --stack %s %s%n",
            stack.stackName(), execution.name());
      }
      out.flush();
      return 1;
    }
    RunReport report = fetchReport(execution);
    printSummary(report, execution);
    return report.allSucceeded() ? 0 : 1;
  }

  /**
   * Polls until the execution leaves RUNNING or the timeout passes; prints each change of progress.
   */
  DescribeExecutionResponse waitForEnd(String executionArn) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    String lastProgress = null;
    while (true) {
      DescribeExecutionResponse d =
          clients.sfn().describeExecution(r -> r.executionArn(executionArn));
      String progress = d.statusAsString() + mapRunProgress(executionArn);
      if (!progress.equals(lastProgress)) {
        out.printf("%s %s%n", d.name(), progress);
        out.flush();
        lastProgress = progress;
      }
      if (d.status() != ExecutionStatus.RUNNING || Instant.now().isAfter(deadline)) {
        return d;
      }
      Thread.sleep(pollInterval.toMillis());
    }
  }

  /**
   * Item counts of the execution's Distributed Map runs, or "" when it has none (or the API is
   * absent).
   */
  private String mapRunProgress(String executionArn) {
    try {
      List<MapRunListItem> runs =
          clients.sfn().listMapRuns(r -> r.executionArn(executionArn)).mapRuns();
      StringBuilder sb = new StringBuilder();
      for (MapRunListItem run : runs) {
        MapRunItemCounts c =
            clients.sfn().describeMapRun(r -> r.mapRunArn(run.mapRunArn())).itemCounts();
        sb.append(
            String.format(
                "  map run: %d/%d items done, %d running, %d failed",
                c.succeeded() + c.failed() + c.aborted() + c.timedOut(),
                c.total(),
                c.running(),
                c.failed() + c.timedOut() + c.aborted()));
      }
      return sb.toString();
    } catch (SdkException e) {
      // Emulators may not implement map runs; the execution status is still shown.
      return "";
    }
  }

  /**
   * Downloads the report named by the aggregate step's output (else reports/<execution
   * name>/report.json).
   */
  RunReport fetchReport(DescribeExecutionResponse execution) throws IOException {
    String bucket = stack.thumbsBucket();
    String key = "reports/" + execution.name() + "/report.json";
    if (execution.output() != null && !execution.output().isBlank()) {
      JsonNode summary = JSON.readTree(execution.output());
      bucket = summary.path("reportBucket").asText(bucket);
      key = summary.path("reportKey").asText(key);
    }
    byte[] bytes;
    try {
      String b = bucket;
      String k = key;
      bytes = clients.s3().getObjectAsBytes(r -> r.bucket(b).key(k)).asByteArray();
    } catch (NoSuchKeyException e) {
      throw new CloudCommandException(
          "the execution succeeded but s3://" + bucket + "/" + key + " does not exist");
    }
    JsonNode root = JSON.readTree(bytes);
    List<ImageResult> items = ReportJson.readItems(new ByteArrayInputStream(bytes));
    Map<String, Object> run = new LinkedHashMap<>();
    root.path("run")
        .fields()
        .forEachRemaining(e -> run.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class)));
    run.put("report", "s3://" + bucket + "/" + key);
    return RunReport.of(items, root.path("wallMs").asLong(0), run);
  }

  /** The summary lines of thumbflow local, with the report's S3 location and the execution. */
  private void printSummary(RunReport r, DescribeExecutionResponse execution) {
    RunSummary.print(
        out,
        r,
        "Step Functions Map",
        String.valueOf(r.run().get("report")),
        r.failed() + " failed:");
    if (r.failed() > 0) {
      out.printf(
          "run the failed images again with: thumbflow redrive --stack %s %s%n",
          stack.stackName(), execution.name());
    }
    out.printf("execution: %s%n", execution.executionArn());
    out.flush();
  }

  private static String firstNonBlank(String a, String b) {
    return a == null || a.isBlank() ? b : a;
  }
}
