package io.thumbflow.core.report;

import java.util.Arrays;

/**
 * Distribution of one stage's time over the images that completed it, rounded to 0.001 ms.
 *
 * @param p50 median (ms, nearest-rank)
 * @param p95 95th percentile (ms, nearest-rank)
 * @param max slowest (ms)
 */
public record StageStats(double p50, double p95, double max) {
  public static final StageStats EMPTY = new StageStats(0, 0, 0);

  /** Stats of {@code valuesMs} (any order; not modified). Empty input gives all zeros. */
  public static StageStats of(double[] valuesMs) {
    if (valuesMs.length == 0) {
      return EMPTY;
    }
    double[] sorted = valuesMs.clone();
    Arrays.sort(sorted);
    return new StageStats(
        round(percentile(sorted, 50)),
        round(percentile(sorted, 95)),
        round(sorted[sorted.length - 1]));
  }

  /** Microsecond resolution is plenty for a report. */
  private static double round(double ms) {
    return Math.round(ms * 1000.0) / 1000.0;
  }

  /**
   * Nearest-rank percentile: the smallest value with at least {@code p} percent of the data at or
   * below it (for 1..100, p50 = 50 and p95 = 95).
   */
  static double percentile(double[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
