package io.thumbflow.lambda.aggregate;

import io.thumbflow.core.report.RunReport;

/**
 * What the aggregation step returns to the state machine (the full report is in S3).
 *
 * @param runId the run's id, as used in the report folder
 * @param images number of item results
 * @param succeeded results with status ok
 * @param failed results with status failed
 * @param skipped results with status skipped (thumbnail already up to date)
 * @param reportBucket the thumbs bucket
 * @param reportKey key of report.json
 * @param htmlKey key of report.html
 */
public record RunSummary(
    String runId,
    int images,
    int succeeded,
    int failed,
    int skipped,
    String reportBucket,
    String reportKey,
    String htmlKey) {

  /**
   * The summary of {@code report}, published at {@code reportKey} and {@code htmlKey} in {@code
   * bucket}.
   */
  public static RunSummary of(
      String runId, RunReport report, String bucket, String reportKey, String htmlKey) {
    return new RunSummary(
        runId,
        report.images(),
        report.succeeded(),
        report.failed(),
        report.skipped(),
        bucket,
        reportKey,
        htmlKey);
  }
}
