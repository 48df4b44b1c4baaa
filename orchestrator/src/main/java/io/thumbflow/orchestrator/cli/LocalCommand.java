package io.thumbflow.orchestrator.cli;

import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.ImageResult;
import io.thumbflow.core.Limits;
import io.thumbflow.core.Recipe;
import io.thumbflow.core.Rendition;
import io.thumbflow.core.cost.RunCost;
import io.thumbflow.core.render.Encoder;
import io.thumbflow.core.report.RunReport;
import io.thumbflow.orchestrator.local.AtomicFile;
import io.thumbflow.orchestrator.local.IgnoredEntry;
import io.thumbflow.orchestrator.local.InputException;
import io.thumbflow.orchestrator.local.InputResolver;
import io.thumbflow.orchestrator.local.JournalEntry;
import io.thumbflow.orchestrator.local.LocalRunner;
import io.thumbflow.orchestrator.local.OutputFolder;
import io.thumbflow.orchestrator.local.Progress;
import io.thumbflow.orchestrator.local.ProgressBar;
import io.thumbflow.orchestrator.local.RunState;
import io.thumbflow.orchestrator.local.UpToDate;
import io.thumbflow.orchestrator.local.WorkItem;
import io.thumbflow.orchestrator.statemachine.MapSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code thumbflow local}: thumbnails a folder, manifest or S3 event on this machine with a bounded
 * worker pool that mirrors the state machine's Map state, then writes the run report (JSON + HTML).
 * Runs are crash-safe and incremental: see {@link RunState}, {@link UpToDate} and {@link
 * AtomicFile}.
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
      "  a folder: every regular, non-hidden file below it, recognised by content; links to regular files inside "
          + "the folder are followed; every other entry (notes and data files such as README.md or *.csv, hidden "
          + "files, links leading elsewhere, pipes, sockets, devices) is listed in the report as not processed;",
      "  a manifest: JSON array of paths or of {\"key\": ...} / {\"path\": ...} objects, or CSV with one "
          + "path per line (optional header naming a key/path column), relative to the manifest's folder "
          + "or --bucket-dir;",
      "  an S3 event JSON (S3 notification or EventBridge Object Created): its keys are read below --bucket-dir.",
      "Entries that would leave that folder ('..', absolute paths elsewhere) fail as ReadFailed and are never read.",
      "",
      "Each output is written whole (a temporary file, then a rename) and each result is recorded in the journal "
          + "DIR/"
          + RunState.FOLDER
          + "/"
          + RunState.JOURNAL
          + " as soon as its outputs are in place, so a killed "
          + "run can be re-run: sources already done are skipped (see --force), and 'thumbflow report DIR' "
          + "rebuilds the report of a run that never finished.",
      "",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every image succeeded",
      "1:some images failed (see the report)",
      "2:usage error"
    })
public final class LocalCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "INPUT",
      description = "Folder, manifest (JSON/CSV) or S3 event JSON.")
  Path input;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description =
          "Output folder (created if missing); thumbnails mirror the sources' relative paths.")
  Path out;

  @Option(
      names = "--size",
      paramLabel = "WxH",
      defaultValue = "${env:THUMBFLOW_SIZE:-50x50}",
      description =
          "Bounding box of the one thumbnail, written at each source's relative path; aspect ratio kept, "
              + "never enlarged. Ignored when --rendition is given. Env: THUMBFLOW_SIZE.")
  String size;

  @Option(
      names = "--rendition",
      paramLabel = "NAME:WxH[:FIT][:FORMAT][:blur=R]",
      defaultValue = "${env:THUMBFLOW_RENDITIONS}",
      split = ",",
      showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER,
      description =
          "One output per source, repeatable, all from one decode, each written under DIR/NAME/: FIT is "
              + "contain (default: whole image, aspect kept) or cover (fills the box, centre crop); FORMAT jpeg, png or "
              + "webp (default: --format); blur=R overrides --blur-radius. E.g. --rendition lqip:50x50 "
              + "--rendition card:256x256:cover --rendition big:1024x1024:contain:webp. Env: THUMBFLOW_RENDITIONS "
              + "(comma-separated).")
  List<String> renditions;

  @Option(
      names = "--placeholder",
      defaultValue = "${env:THUMBFLOW_PLACEHOLDER:-false}",
      description =
          "Also compute a BlurHash and the dominant colour of each source for the report. "
              + "Env: THUMBFLOW_PLACEHOLDER.")
  boolean placeholder;

  @Option(
      names = "--blur-radius",
      paramLabel = "R",
      defaultValue = "${env:THUMBFLOW_BLUR_RADIUS:-2.0}",
      description =
          "Gaussian blur standard deviation in source pixels (Pillow GaussianBlur radius); 0 = no blur. "
              + "Env: THUMBFLOW_BLUR_RADIUS.")
  double blurRadius;

  @Option(
      names = "--workers",
      paramLabel = "N",
      defaultValue = "${env:THUMBFLOW_WORKERS}",
      showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER,
      description =
          "Parallel workers. Default: the number of cores; capped by the state machine's "
              + "MaxConcurrency. Env: THUMBFLOW_WORKERS.")
  Integer workers;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description =
          "Run report JSON (default: DIR/report.json); the HTML report goes beside it (.html).")
  Path report;

  @Option(
      names = "--format",
      paramLabel = "F",
      defaultValue = "${env:THUMBFLOW_FORMAT}",
      showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER,
      description =
          "Output format: jpeg, png or webp (if a writer is installed). Default: the input's format "
              + "where writable, else JPEG. Env: THUMBFLOW_FORMAT.")
  String format;

  @Option(
      names = "--bucket-dir",
      paramLabel = "DIR",
      defaultValue = "${env:THUMBFLOW_BUCKET_DIR}",
      showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER,
      description =
          "Folder standing in for the source bucket: S3 event keys (and manifest entries) are read "
              + "below it. Env: THUMBFLOW_BUCKET_DIR.")
  Path bucketDir;

  @Option(
      names = "--max-pixels",
      paramLabel = "N",
      defaultValue = "${env:THUMBFLOW_MAX_PIXELS:-" + Limits.DEFAULT_MAX_PIXELS + "}",
      description =
          "Refuse images declaring more pixels (width x height) before decoding: 50000000 or 50M. "
              + "Env: THUMBFLOW_MAX_PIXELS.")
  String maxPixels;

  @Option(
      names = "--deadline",
      paramLabel = "TIME",
      defaultValue = "${env:THUMBFLOW_DEADLINE_MS:-5s}",
      description =
          "Per-image time budget for decoding and processing: 5s, 1500ms or 2m (a bare number is ms). "
              + "Env: THUMBFLOW_DEADLINE_MS.")
  String deadline;

  @Option(
      names = "--force",
      defaultValue = "${env:THUMBFLOW_FORCE:-false}",
      description =
          "Redo every source, even those whose outputs are up to date. Without it a re-run skips a source "
              + "when the journal in DIR/"
              + RunState.FOLDER
              + " shows outputs made from the same file (size and "
              + "modification time) with the same renditions, still as they were written. Env: THUMBFLOW_FORCE.")
  boolean force;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();

    Recipe recipe = recipe();
    Limits limits = limits();
    try {
      // Fails fast when no writer exists for --format, without waiting for the start-up warm-up,
      // which builds the first pipeline (its decoders) on the other core meanwhile.
      Encoder.requireWritable(recipe.renditions());
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
      throw usage(
          "--out must not be the input folder (thumbnails would overwrite the sources): " + out);
    }
    MapSettings map = MapSettings.fromDefinition();
    if (workers != null && workers < 1) {
      throw usage("--workers must be at least 1, was " + workers);
    }
    OutputFolder outputs;
    try {
      outputs = new OutputFolder(out);
    } catch (IOException e) {
      throw usage("cannot create --out folder " + out + ": " + e.getMessage());
    }
    RunState state;
    try {
      state = RunState.open(outputs.root());
    } catch (RunState.LockedException e) {
      throw usage(e.getMessage());
    }
    try (state) {
      return run(recipe, limits, resolved, outputs, state, map, stdout, stderr);
    }
  }

  private int run(
      Recipe recipe,
      Limits limits,
      InputResolver.Resolved resolved,
      OutputFolder outputs,
      RunState state,
      MapSettings map,
      PrintWriter stdout,
      PrintWriter stderr)
      throws IOException {
    Path reportFile = report != null ? report : out.resolve("report.json");
    removeLeftovers(outputs, resolved, reportFile);
    if (!resolved.ignored().isEmpty()) {
      stderr.printf(
          "note: %d entr%s in %s not processed (%s); the report lists why%n",
          resolved.ignored().size(),
          resolved.ignored().size() == 1 ? "y" : "ies",
          input,
          RunSummary.abbreviate(resolved.ignored().stream().map(IgnoredEntry::entry).toList(), 5));
    }
    if (resolved.items().isEmpty()) {
      stderr.printf("note: no images in %s%n", input);
    }
    int requested = workers == null ? 0 : workers;
    int poolSize = LocalRunner.effectiveWorkers(requested, map.maxConcurrency());
    if (workers != null && poolSize < workers) {
      stderr.printf(
          "note: --workers %d capped to %d, the state machine's MaxConcurrency%n",
          workers, poolSize);
    }

    Map<String, Object> run = runInfo(recipe, limits, resolved, poolSize, map, reportFile);
    state.describe(run);
    List<ImageResult> ignored = resolved.ignored().stream().map(IgnoredEntry::toResult).toList();
    for (ImageResult i : ignored) state.journal().append(new JournalEntry(state.runId(), i, null));
    outputs.protect(resolved.ignored().stream().map(IgnoredEntry::file).toList());

    Progress progress = new ProgressBar(stderr, System.console() != null);
    LocalRunner runner =
        LocalRunner.of(recipe, limits, poolSize, map.retry())
            .withJournal(state.journal(), state.runId())
            .withUpToDate(force ? UpToDate.NEVER : new UpToDate(state.previous(), recipe));
    LocalRunner.Outcome outcome = runner.run(resolved.items(), outputs, progress);

    Map<String, String> renamed = outputs.renamed();
    if (!renamed.isEmpty()) {
      List<Map<String, String>> list = new ArrayList<>();
      renamed.forEach(
          (output, source) -> {
            Map<String, String> one = new LinkedHashMap<>();
            one.put("source", source);
            one.put("output", output);
            list.add(one);
          });
      run.put("renamedOutputs", list);
      stderr.printf(
          "note: %d output%s renamed because another source wanted the same name (%s); see run.renamedOutputs"
              + " in the report%n",
          renamed.size(),
          renamed.size() == 1 ? "" : "s",
          RunSummary.abbreviate(
              renamed.entrySet().stream().map(e -> e.getValue() + " -> " + e.getKey()).toList(),
              3));
    }
    if (state.journal().failure() != null) {
      stderr.println(
          "warning: the journal "
              + state.journalFile()
              + " could not be written ("
              + state.journal().failure()
              + "); the next run will redo the sources done since");
    }
    List<ImageResult> items = new ArrayList<>(outcome.items());
    items.addAll(ignored);
    RunReport runReport =
        LocalReport.build(run, items, outcome.wallMs(), recipe.renditions().size(), map);
    try {
      LocalReport.write(runReport, reportFile);
    } catch (IOException e) {
      printSummary(stdout, runReport, poolSize, map.toleratedFailurePercentage(), null);
      stderr.println("thumbflow: cannot write the report " + reportFile + ": " + e);
      stderr.flush();
      return ThumbflowCli.EXIT_SOME_FAILED;
    }
    printSummary(stdout, runReport, poolSize, map.toleratedFailurePercentage(), reportFile);
    return runReport.allSucceeded() ? ThumbflowCli.EXIT_OK : ThumbflowCli.EXIT_SOME_FAILED;
  }

  /** The run metadata the report (and the state folder's {@code run.json}) carries. */
  private Map<String, Object> runInfo(
      Recipe recipe,
      Limits limits,
      InputResolver.Resolved resolved,
      int poolSize,
      MapSettings map,
      Path reportFile) {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("mode", "local");
    run.put("startedAt", Instant.now().toString());
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
    run.put("force", force);
    run.put("journal", RunState.folderOf(out).resolve(RunState.JOURNAL).toString());
    run.put("report", reportFile.toString());
    return run;
  }

  /**
   * Deletes the temporary files a killed run left: below the output folder (never inside the input
   * folder, nor a source of this run) and beside the report.
   */
  private static void removeLeftovers(
      OutputFolder outputs, InputResolver.Resolved resolved, Path reportFile) throws IOException {
    Path inputRoot = resolved.base().toRealPath();
    Set<String> sources = new HashSet<>();
    for (WorkItem item : resolved.items()) {
      if (!item.isRefused()) sources.add(UpToDate.keyOf(item.file()));
    }
    AtomicFile.removeLeftovers(
        outputs.root(), p -> p.equals(inputRoot) || sources.contains(UpToDate.keyOf(p)));
    AtomicFile.removeLeftoversOf(reportFile);
    AtomicFile.removeLeftoversOf(LocalReport.htmlBeside(reportFile));
  }

  private Recipe recipe() {
    ImageFormat outFormat = null;
    if (format != null && !format.isBlank() && !format.equalsIgnoreCase("same")) {
      outFormat =
          ImageFormat.parse(format)
              .orElseThrow(() -> usage("unknown --format '" + format + "': use jpeg, png or webp"));
    }
    boolean named = renditions != null && renditions.stream().anyMatch(r -> !r.isBlank());
    if (!named) {
      try {
        Rendition.parseSize(size);
      } catch (IllegalArgumentException e) {
        throw usage(
            "invalid --size '"
                + size
                + "': use WxH with positive whole numbers, e.g. 50x50 or 256x256");
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
   * The run summary, with how the failures compare with the state machine's
   * ToleratedFailurePercentage.
   */
  private static void printSummary(
      PrintWriter out, RunReport r, int workers, int toleratedPercent, Path reportFile) {
    double percent = r.images() == 0 ? 0 : 100.0 * r.failed() / r.images();
    String failedHeading =
        String.format(
            Locale.ROOT,
            "%d failed (%.1f%%, %s the state machine's tolerated %d%%):",
            r.failed(),
            percent,
            percent <= toleratedPercent ? "within" : "over",
            toleratedPercent);
    RunSummary.print(
        out,
        r,
        workers + (workers == 1 ? " worker" : " workers"),
        reportFile == null ? null : reportFile.toString(),
        failedHeading);
    RunCost c = r.cost();
    if (c != null && r.images() > 0) {
      out.printf(
          Locale.ROOT,
          "On Lambda (%s, %d MB, estimated from this machine's CPU time): $%.6f, $%.4f per 1,000"
              + " images%n",
          c.lambda().architecture(),
          c.lambda().memoryMb(),
          c.totalUsd(),
          c.usdPer1000Images());
      out.flush();
    }
  }
}
