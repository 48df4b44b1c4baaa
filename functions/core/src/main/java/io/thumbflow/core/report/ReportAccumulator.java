package io.thumbflow.core.report;

import io.thumbflow.core.ImageResult;
import io.thumbflow.core.RenditionResult;
import io.thumbflow.core.RenditionTimings;
import io.thumbflow.core.StageTimings;
import io.thumbflow.core.cost.CostFacts;
import io.thumbflow.core.cost.RunCost;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a {@link RunReport} one result at a time, keeping only what the summary needs (counts, the
 * stage times, the first sources per error type, cost facts) and a bounded sample of whole results
 * for the HTML page, so a run of any size is summarised in little memory. Not thread-safe.
 */
public final class ReportAccumulator {
  /** Whole results kept for the HTML page: the first ones in input order... */
  public static final int SAMPLE_ITEMS = HtmlReport.MAX_TIMELINE_BARS;

  /** ...and failures after those, up to this many. */
  public static final int SAMPLE_FAILURES = HtmlReport.MAX_FAILURE_ROWS;

  private int images;
  private int succeeded;
  private int failed;
  private int skipped;
  private int ignored;
  private double sumMs;
  private long firstStartMs = Long.MAX_VALUE;
  private long lastEndMs;
  private final Map<String, Samples> stages = new LinkedHashMap<>();
  private final Map<String, RenditionAccumulator> renditions = new LinkedHashMap<>();
  private final Map<String, Integer> countByType = new TreeMap<>();
  private final Map<String, List<String>> sourcesByType = new TreeMap<>();
  private final List<ImageResult> sample = new ArrayList<>();
  private int sampledFailures;
  private final CostFacts costFacts = new CostFacts();

  public ReportAccumulator() {
    for (String stage : StageTimings.STAGES) stages.put(stage, new Samples());
  }

  /** Takes one result (not null). */
  public void add(ImageResult item) {
    if (item.isIgnored()) {
      ignored++;
      if (sample.size() < SAMPLE_ITEMS) sample.add(item);
      return;
    }
    images++;
    if (item.isOk()) {
      succeeded++;
      if (item.timingsMs() != null) {
        for (String stage : StageTimings.STAGES) stages.get(stage).add(item.timingsMs().get(stage));
      }
      for (RenditionResult r : item.renditions()) {
        renditions.computeIfAbsent(r.name(), n -> new RenditionAccumulator()).add(r);
      }
    } else if (item.isFailed()) {
      failed++;
      String type =
          item.error() == null || item.error().type() == null ? "Unknown" : item.error().type();
      countByType.merge(type, 1, Integer::sum);
      List<String> sources = sourcesByType.computeIfAbsent(type, t -> new ArrayList<>());
      if (sources.size() < ErrorGroup.MAX_SOURCES)
        sources.add(item.source() == null ? "(unknown source)" : item.source());
    } else if (item.isSkipped()) {
      skipped++;
    }
    if (item.timingsMs() != null) sumMs += item.timingsMs().total();
    if (item.startMs() > 0) firstStartMs = Math.min(firstStartMs, item.startMs());
    lastEndMs = Math.max(lastEndMs, item.endMs());
    if (sample.size() < SAMPLE_ITEMS) {
      sample.add(item);
    } else if (item.isFailed() && sampledFailures < SAMPLE_FAILURES) {
      sample.add(item);
      sampledFailures++;
    }
    costFacts.add(item);
  }

  public int images() {
    return images;
  }

  /** Items that were not images to process (folder markers, links, sidecar documents). */
  public int ignored() {
    return ignored;
  }

  /** The results kept whole for the HTML page, in input order. */
  public List<ImageResult> sample() {
    return List.copyOf(sample);
  }

  public CostFacts costFacts() {
    return costFacts;
  }

  /** Wall time as the items saw it: first start to last end (ms); 0 when unknown. */
  public long itemWallMs() {
    return firstStartMs == Long.MAX_VALUE || lastEndMs < firstStartMs
        ? 0
        : lastEndMs - firstStartMs;
  }

  /**
   * The report of everything added so far.
   *
   * @param wallMs the run's wall-clock time (ms, >= 0)
   * @param run metadata copied into the report as is; null means none
   * @param cost what the run cost, or null
   * @param items the results to embed in the report, or an empty list when they are written
   *     separately
   */
  public RunReport report(
      long wallMs, Map<String, Object> run, RunCost cost, List<ImageResult> items) {
    if (wallMs < 0) throw new IllegalArgumentException("wallMs must be >= 0, was " + wallMs);
    Map<String, StageStats> stageStats = new LinkedHashMap<>();
    stages.forEach((stage, samples) -> stageStats.put(stage, samples.stats()));
    Map<String, RenditionStats> renditionStats = new LinkedHashMap<>();
    renditions.forEach((name, acc) -> renditionStats.put(name, acc.stats()));
    Map<String, ErrorGroup> errors = new LinkedHashMap<>();
    countByType.forEach(
        (type, count) -> errors.put(type, new ErrorGroup(count, sourcesByType.get(type))));
    double speedup = wallMs == 0 ? 0 : sumMs / wallMs;
    double perSecond = wallMs == 0 ? 0 : images * 1000.0 / wallMs;
    return new RunReport(
        run == null ? Map.of() : run,
        images,
        succeeded,
        failed,
        skipped,
        ignored,
        wallMs,
        round(sumMs),
        round(speedup),
        round(perSecond),
        stageStats,
        renditionStats,
        errors,
        cost,
        items);
  }

  private static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }

  /** A growable list of one stage's times. */
  private static final class Samples {
    private double[] values = new double[64];
    private int size;

    void add(double v) {
      if (size == values.length) values = Arrays.copyOf(values, size * 2);
      values[size++] = v;
    }

    StageStats stats() {
      return StageStats.of(Arrays.copyOf(values, size));
    }
  }

  private static final class RenditionAccumulator {
    private int made;
    private long bytes;
    private final Map<String, Samples> stages = new LinkedHashMap<>();

    RenditionAccumulator() {
      for (String stage : RenditionTimings.STAGES) stages.put(stage, new Samples());
    }

    void add(RenditionResult r) {
      made++;
      bytes += r.bytes();
      if (r.timingsMs() != null) {
        for (String stage : RenditionTimings.STAGES)
          stages.get(stage).add(r.timingsMs().get(stage));
      }
    }

    RenditionStats stats() {
      Map<String, StageStats> s = new LinkedHashMap<>();
      stages.forEach((stage, samples) -> s.put(stage, samples.stats()));
      return new RenditionStats(made, bytes, s);
    }
  }
}
