package io.thumbflow.orchestrator.cli;

import io.thumbflow.core.ImageResult;
import io.thumbflow.core.report.RunReport;
import io.thumbflow.orchestrator.local.JournalEntry;
import io.thumbflow.orchestrator.local.RunState;
import io.thumbflow.orchestrator.statemachine.MapSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code thumbflow report DIR}: rebuilds the report of the latest local run into DIR from its
 * journal, e.g. after the run was killed before it could write one. Nothing is read or processed
 * again.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = {
      "Rebuild the run report (JSON + HTML) of the latest 'thumbflow local' run into DIR from its journal "
          + "(DIR/"
          + RunState.FOLDER
          + "/"
          + RunState.JOURNAL
          + "), e.g. after the run was killed. Lists what the run "
          + "finished before it stopped; run the same 'thumbflow local' command again to finish the rest.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no recorded image failed",
      "1:some recorded images failed",
      "2:usage error (no run in DIR)"
    })
public final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "The --out folder of a local run.")
  Path out;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description =
          "Where to write the report JSON (default: DIR/report.json); the HTML goes beside it.")
  Path report;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    RunState.LatestRun latest;
    try {
      latest = RunState.latest(out);
    } catch (NoSuchFileException e) {
      throw new ParameterException(
          spec.commandLine(),
          "no local run recorded in "
              + out
              + " (no "
              + RunState.FOLDER
              + "/"
              + RunState.RUN_INFO
              + ")");
    }
    List<ImageResult> items = latest.entries().stream().map(JournalEntry::result).toList();
    Map<String, Object> run = new LinkedHashMap<>(latest.run());
    run.remove("id");
    run.put("rebuiltFromJournal", RunState.folderOf(out).resolve(RunState.JOURNAL).toString());
    Path reportFile = report != null ? report : out.resolve("report.json");
    run.put("report", reportFile.toString());
    RunReport rebuilt =
        LocalReport.build(
            run, items, itemWallMs(items), renditionsOf(run), MapSettings.fromDefinition());
    LocalReport.write(rebuilt, reportFile);
    RunSummary.print(
        stdout,
        rebuilt,
        "rebuilt from the journal",
        reportFile.toString(),
        rebuilt.failed() + " failed:");
    return rebuilt.allSucceeded() ? ThumbflowCli.EXIT_OK : ThumbflowCli.EXIT_SOME_FAILED;
  }

  /**
   * First start to last end over the items (ms), the run's wall time as far as the journal tells.
   */
  private static long itemWallMs(List<ImageResult> items) {
    long first = Long.MAX_VALUE;
    long last = 0;
    for (ImageResult i : items) {
      if (i.startMs() > 0) first = Math.min(first, i.startMs());
      last = Math.max(last, i.endMs());
    }
    return first == Long.MAX_VALUE || last < first ? 0 : last - first;
  }

  private static int renditionsOf(Map<String, Object> run) {
    if (run.get("recipe") instanceof Map<?, ?> recipe
        && recipe.get("renditions") instanceof String spec) {
      return spec.split(",").length;
    }
    return 1;
  }
}
