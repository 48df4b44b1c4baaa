package io.thumbflow.orchestrator.cli;

import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.Limits;
import io.thumbflow.core.Recipe;
import io.thumbflow.core.Rendition;
import io.thumbflow.core.ThumbnailPipeline;
import io.thumbflow.core.report.HtmlReport;
import io.thumbflow.core.report.ReportJson;
import io.thumbflow.core.cost.CostModel;
import io.thumbflow.core.cost.RunCost;
import io.thumbflow.core.report.ReportAccumulator;
import io.thumbflow.core.report.RunReport;
import io.thumbflow.orchestrator.local.InputException;
import io.thumbflow.orchestrator.local.InputResolver;
import io.thumbflow.orchestrator.local.LocalRunner;
import io.thumbflow.orchestrator.local.OutputFolder;
import io.thumbflow.orchestrator.local.ProgressBar;
import io.thumbflow.orchestrator.local.Progress;
import io.thumbflow.orchestrator.statemachine.MapSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code thumbflow local}: thumbnails a folder, manifest or S3 event on this machine with a bounded
 * worker pool that mirrors the state machine's Map state, then writes the run report (JSON + HTML).
 */
@Command(
    name = "local",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    description = {
      "Thumbnail images on this machine: decode, Gaussian blur, fit a box, and write each thumbnail below --out "
          + "at its source's relative path. Sources are never modified.",
      "",
      "INPUT is one of:",
      "  a folder: every non-hidden file below it, recognised by content; notes and data files "
          + "(README.md, MANIFEST.tsv, *.txt, *.csv, *.json ...) are skipped and listed;",
      "  a manifest: JSON array of paths or of {\"key\": ...} / {\"path\": ...} objects, or CSV with one "
          + "path per line (optional header naming a key/path column), relative to the manifest's folder "
          + "or --bucket-dir;",
      "  an S3 event JSON (S3 notification or EventBridge Object Created): its keys are read below --bucket-dir.",
      "Entries that would leave that folder ('..', absolute paths elsewhere) fail as ReadFailed and are never read.",
      "",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every image succeeded", "1:some images failed (see the report)", "2:usage error"})
public final class LocalCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "INPUT", description = "Folder, manifest (JSON/CSV) or S3 event JSON.")
  Path input;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Output folder (created if missing); thumbnails mirror the sources' relative paths.")
  Path out;

  @Option(names = "--size", paramLabel = "WxH", defaultValue = "${env:THUMBFLOW_SIZE:-50x50}",
      description = "Bounding box of the one thumbnail, written at each source's relative path; aspect ratio kept, "
          + "never enlarged. Ignored when --rendition is given. Env: THUMBFLOW_SIZE.")
  String size;

  @Option(names = "--rendition", paramLabel = "NAME:WxH[:FIT][:FORMAT][:blur=R]",
      defaultValue = "${env:THUMBFLOW_RENDITIONS}", split = ",", showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER,
      description = "One output per source, repeatable, all from one decode, each written under DIR/NAME/: FIT is "
          + "contain (default: whole image, aspect kept) or cover (fills the box, centre crop); FORMAT jpeg, png or "
          + "webp (default: --format); blur=R overrides --blur-radius. E.g. --rendition lqip:50x50 "
          + "--rendition card:256x256:cover --rendition big:1024x1024:contain:webp. Env: THUMBFLOW_RENDITIONS "
          + "(comma-separated).")
  List<String> renditions;

  @Option(names = "--placeholder", defaultValue = "${env:THUMBFLOW_PLACEHOLDER:-false}",
      description = "Also compute a BlurHash and the dominant colour of each source for the report. "
          + "Env: THUMBFLOW_PLACEHOLDER.")
  boolean placeholder;

  @Option(names = "--blur-radius", paramLabel = "R", defaultValue = "${env:THUMBFLOW_BLUR_RADIUS:-2.0}",
      description = "Gaussian blur standard deviation in source pixels (Pillow GaussianBlur radius); 0 = no blur. "
          + "Env: THUMBFLOW_BLUR_RADIUS.")
  double blurRadius;

  @Option(names = "--workers", paramLabel = "N", defaultValue = "${env:THUMBFLOW_WORKERS}", showDefaultValue =
      picocli.CommandLine.Help.Visibility.NEVER,
      description = "Parallel workers. Default: the number of cores; capped by the state machine's "
          + "MaxConcurrency. Env: THUMBFLOW_WORKERS.")
  Integer workers;

  @Option(names = "--report", paramLabel = "FILE",
      description = "Run report JSON (default: DIR/report.json); the HTML report goes beside it (.html).")
  Path report;

  @Option(names = "--format", paramLabel = "F", defaultValue = "${env:THUMBFLOW_FORMAT}",
      showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER,
      description = "Output format: jpeg, png or webp (if a writer is installed). Default: the input's format "
          + "where writable, else JPEG. Env: THUMBFLOW_FORMAT.")
  String format;

  @Option(names = "--bucket-dir", paramLabel = "DIR", defaultValue = "${env:THUMBFLOW_BUCKET_DIR}",
      showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER,
      description = "Folder standing in for the source bucket: S3 event keys (and manifest entries) are read "
          + "below it. Env: THUMBFLOW_BUCKET_DIR.")
  Path bucketDir;

  @Option(names = "--max-pixels", paramLabel = "N",
      defaultValue = "${env:THUMBFLOW_MAX_PIXELS:-" + Limits.DEFAULT_MAX_PIXELS + "}",
      description = "Refuse images declaring more pixels (width x height) before decoding: 50000000 or 50M. "
          + "Env: THUMBFLOW_MAX_PIXELS.")
  String maxPixels;

  @Option(names = "--deadline", paramLabel = "TIME", defaultValue = "${env:THUMBFLOW_DEADLINE_MS:-5s}",
      description = "Per-image time budget for decoding and processing: 5s, 1500ms or 2m (a bare number is ms). "
          + "Env: THUMBFLOW_DEADLINE_MS.")
  String deadline;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();

    Recipe recipe = recipe();
    Limits limits = limits();
    try {
      new ThumbnailPipeline(recipe, limits); // fails fast when no writer exists for --format
    } catch (IllegalArgumentException e) {
      throw usage("--format: " + e.getMessage());
    }

    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw usage("--out is a file, not a folder: " + out);
    }
    InputResolver.Resolved resolved;
    try {
      resolved = InputResolver.resolve(input, bucketDir, out);
    } catch (InputException e) {
      throw usage(e.getMessage());
    }
    if (Files.isDirectory(out) && Files.isSameFile(out, resolved.base())) {
      throw usage("--out must not be the input folder (thumbnails would overwrite the sources): " + out);
    }
    OutputFolder outputs;
    try {
      outputs = new OutputFolder(out);
    } catch (IOException e) {
      throw usage("cannot create --out folder " + out + ": " + e.getMessage());
    }
    if (!resolved.ignored().isEmpty()) {
      stderr.printf("note: ignored %d non-image file%s in %s (%s)%n", resolved.ignored().size(),
          resolved.ignored().size() == 1 ? "" : "s", input, RunSummary.abbreviate(resolved.ignored(), 5));
    }

    if (resolved.items().isEmpty()) {
      stderr.printf("note: no images in %s%n", input);
    }

    MapSettings map = MapSettings.fromDefinition();
    int requested = workers == null ? 0 : workers;
    if (workers != null && workers < 1) {
      throw usage("--workers must be at least 1, was " + workers);
    }
    int poolSize = LocalRunner.effectiveWorkers(requested, map.maxConcurrency());
    if (workers != null && poolSize < workers) {
      stderr.printf("note: --workers %d capped to %d, the state machine's MaxConcurrency%n", workers, poolSize);
    }

    Progress progress = new ProgressBar(stderr, System.console() != null);
    LocalRunner runner = LocalRunner.of(recipe, limits, poolSize, map.retry());
    LocalRunner.Outcome outcome = runner.run(resolved.items(), outputs, progress);

    Path reportFile = report != null ? report : out.resolve("report.json");
    Path htmlFile = htmlBeside(reportFile);
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("mode", "local");
    run.put("startedAt", outcome.startedAt().toString());
    run.put("input", input.toString());
    run.put("inputKind", resolved.kind());
    run.put("out", out.toString());
    run.put("workers", poolSize);
    run.put("toleratedFailurePercentage", map.toleratedFailurePercentage());
    Map<String, Object> recipeInfo = new LinkedHashMap<>();
    recipeInfo.put("renditions", recipe.spec());
    recipeInfo.put("layout", recipe.layout().name().toLowerCase(Locale.ROOT));
    recipeInfo.put("placeholder", recipe.placeholder());
    run.put("recipe", recipeInfo);
    Map<String, Object> limitsInfo = new LinkedHashMap<>();
    limitsInfo.put("maxPixels", limits.maxPixels());
    limitsInfo.put("deadlineMs", limits.deadline().toMillis());
    run.put("limits", limitsInfo);
    if (!resolved.ignored().isEmpty()) {
      run.put("ignoredFiles", resolved.ignored().size());
    }
    run.put("report", reportFile.toString());
    ReportAccumulator accumulator = new ReportAccumulator();
    outcome.items().forEach(accumulator::add);
    RunCost cost = CostModel.localEstimate(accumulator.costFacts(), CloudDefaults.THUMBNAIL_MEMORY_MB,
        CloudDefaults.ARCHITECTURE, map.itemsPerBatch(), recipe.renditions().size());
    RunReport runReport = accumulator.report(outcome.wallMs(), run, cost, outcome.items());

    try {
      ReportJson.write(runReport, reportFile);
      Files.writeString(htmlFile, HtmlReport.render(runReport, outputLink(htmlFile)));
    } catch (IOException e) {
      printSummary(stdout, runReport, poolSize, map.toleratedFailurePercentage(), null);
      stderr.println("thumbflow: cannot write the report " + reportFile + ": " + e);
      stderr.flush();
      return ThumbflowCli.EXIT_SOME_FAILED;
    }
    printSummary(stdout, runReport, poolSize, map.toleratedFailurePercentage(), reportFile);
    return runReport.allSucceeded() ? ThumbflowCli.EXIT_OK : ThumbflowCli.EXIT_SOME_FAILED;
  }

  private Recipe recipe() {
    ImageFormat outFormat = null;
    if (format != null && !format.isBlank() && !format.equalsIgnoreCase("same")) {
      outFormat = ImageFormat.parse(format)
          .orElseThrow(() -> usage("unknown --format '" + format + "': use jpeg, png or webp"));
    }
    boolean named = renditions != null && renditions.stream().anyMatch(r -> !r.isBlank());
    if (!named) {
      try {
        Rendition.parseSize(size);
      } catch (IllegalArgumentException e) {
        throw usage("invalid --size '" + size + "': use WxH with positive whole numbers, e.g. 50x50 or 256x256");
      }
    }
    try {
      return Recipe.of(renditions, size, blurRadius, outFormat, placeholder);
    } catch (IllegalArgumentException e) {
      throw usage((named ? "--rendition: " : "--blur-radius: ") + e.getMessage());
    }
  }

  private Limits limits() {
    Limits limits;
    try {
      limits = Limits.DEFAULT.withMaxPixels(Limits.parseMaxPixels(maxPixels));
    } catch (IllegalArgumentException e) {
      throw usage("--max-pixels " + e.getMessage());
    }
    try {
      return limits.withDeadline(Limits.parseDeadline(deadline));
    } catch (IllegalArgumentException e) {
      throw usage("--deadline " + e.getMessage());
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /**
   * {@code report.json} -> {@code report.html}; any other name gets {@code .html} in place of its extension,
   * except that a report already named {@code .html} keeps its JSON and gets {@code report.html.html}.
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
      return HtmlReport.href(from.relativize(target).toString().replace(target.getFileSystem().getSeparator(), "/"));
    };
  }

  /** The run summary, with how the failures compare with the state machine's ToleratedFailurePercentage. */
  private static void printSummary(PrintWriter out, RunReport r, int workers, int toleratedPercent,
      Path reportFile) {
    double percent = r.images() == 0 ? 0 : 100.0 * r.failed() / r.images();
    String failedHeading = String.format(Locale.ROOT, "%d failed (%.1f%%, %s the state machine's tolerated %d%%):",
        r.failed(), percent, percent <= toleratedPercent ? "within" : "over", toleratedPercent);
    RunSummary.print(out, r, workers + (workers == 1 ? " worker" : " workers"),
        reportFile == null ? null : reportFile.toString(), failedHeading);
    RunCost c = r.cost();
    if (c != null && r.images() > 0) {
      out.printf(Locale.ROOT, "On Lambda (%s, %d MB, estimated from this machine's CPU time): $%.6f, $%.4f per 1,000"
          + " images%n", c.lambda().architecture(), c.lambda().memoryMb(), c.totalUsd(), c.usdPer1000Images());
      out.flush();
    }
  }
}
