package io.thumbflow.orchestrator.cli;

import io.thumbflow.core.report.RunReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The short human summary that every run command prints at the end, as the original program printed
 * "It took N seconds": one line of counts and speed (and of the entries that were not images to
 * process), then failures grouped by type.
 */
public final class RunSummary {
  private RunSummary() {}

  /**
   * Prints the summary of {@code report}.
   *
   * @param engine who did the work, e.g. {@code "2 workers"} or {@code "Step Functions Map"}
   * @param reportLocation where the report is (path or s3:// URI); null when it could not be
   *     written
   * @param failedHeading the line introducing the failures (printed only when some failed)
   */
  public static void print(
      PrintWriter out,
      RunReport report,
      String engine,
      String reportLocation,
      String failedHeading) {
    String notProcessed =
        report.ignored() == 0
            ? ""
            : String.format(
                Locale.ROOT,
                ", %d other entr%s not processed",
                report.ignored(),
                report.ignored() == 1 ? "y" : "ies");
    out.printf(
        Locale.ROOT,
        "Thumbnailed %d of %d images in %.2f s (%.1f images/s, %s)%s%s%n",
        report.succeeded() + report.skipped(),
        report.images(),
        report.wallMs() / 1000.0,
        report.imagesPerSecond(),
        engine,
        notProcessed,
        reportLocation == null ? "" : "; report: " + reportLocation);
    if (report.skipped() > 0) {
      out.printf("%d already up to date (skipped)%n", report.skipped());
    }
    if (report.failed() > 0) {
      out.println(failedHeading);
      report
          .errors()
          .forEach(
              (type, group) ->
                  out.printf(
                      "  %-18s %d  (%s)%n", type, group.count(), abbreviate(group.sources(), 3)));
    }
    out.flush();
  }

  /** The first {@code max} names, comma-separated, with ", ..." when there are more. */
  public static String abbreviate(List<String> names, int max) {
    String shown = String.join(", ", names.subList(0, Math.min(max, names.size())));
    return names.size() > max ? shown + ", ..." : shown;
  }
}
