package io.thumbflow.orchestrator.cli;

import io.thumbflow.core.ImageResult;
import io.thumbflow.core.cost.CostModel;
import io.thumbflow.core.cost.RunCost;
import io.thumbflow.core.report.HtmlReport;
import io.thumbflow.core.report.ReportAccumulator;
import io.thumbflow.core.report.ReportJson;
import io.thumbflow.core.report.RunReport;
import io.thumbflow.orchestrator.local.AtomicFile;
import io.thumbflow.orchestrator.statemachine.MapSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The local run report: summarised from the results (with what the run would cost on Lambda) and
 * written as JSON plus an HTML page beside it, each file replaced atomically.
 */
final class LocalReport {
  private LocalReport() {}

  /**
   * The report of {@code items}.
   *
   * @param run metadata copied into the report
   * @param wallMs the run's wall-clock time (ms)
   * @param renditionsPerImage the recipe's renditions, for the cost estimate
   */
  static RunReport build(
      Map<String, Object> run,
      List<ImageResult> items,
      long wallMs,
      int renditionsPerImage,
      MapSettings map) {
    ReportAccumulator accumulator = new ReportAccumulator();
    items.forEach(accumulator::add);
    RunCost cost =
        CostModel.localEstimate(
            accumulator.costFacts(),
            CloudDefaults.THUMBNAIL_MEMORY_MB,
            CloudDefaults.ARCHITECTURE,
            map.itemsPerBatch(),
            renditionsPerImage);
    return accumulator.report(wallMs, run, cost, items);
  }

  /**
   * Writes {@code report} to {@code reportFile} and the HTML page beside it ({@link #htmlBeside}).
   */
  static void write(RunReport report, Path reportFile) throws IOException {
    Path parent = reportFile.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    AtomicFile.write(
        reportFile,
        (ReportJson.toJson(report) + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
    Path html = htmlBeside(reportFile);
    AtomicFile.write(
        html, HtmlReport.render(report, outputLink(html)).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * {@code report.json} -> {@code report.html}; any other name gets {@code .html} in place of its
   * extension, except that a report already named {@code .html} keeps its JSON and gets {@code
   * report.html.html}.
   */
  static Path htmlBeside(Path reportFile) {
    String name = reportFile.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    String html = base + ".html";
    return reportFile.resolveSibling(html.equals(name) ? name + ".html" : html);
  }

  /** Links from the HTML report's folder to each output (a path), URL-encoded. */
  static Function<String, String> outputLink(Path htmlFile) {
    Path from = htmlFile.toAbsolutePath().normalize().getParent();
    return output -> {
      if (output == null) return null;
      Path target = Path.of(output).toAbsolutePath().normalize();
      return HtmlReport.href(
          from.relativize(target).toString().replace(target.getFileSystem().getSeparator(), "/"));
    };
  }
}
