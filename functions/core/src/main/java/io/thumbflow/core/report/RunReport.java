package io.thumbflow.core.report;

import io.thumbflow.core.ImageResult;
import io.thumbflow.core.StageTimings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The summary of one run, identical whichever engine ran it (local pool or Step Functions Map).
 *
 * @param run metadata of the run (mode, recipe, workers, startedAt, input, ...); never null
 * @param images number of items
 * @param succeeded items with status {@code ok}
 * @param failed items with status {@code failed}
 * @param skipped items with status {@code skipped} (an up-to-date thumbnail already existed)
 * @param wallMs wall-clock time of the whole run (ms)
 * @param sumMs sum over items of their stage times (ms): the time one worker would have needed
 * @param speedup {@code sumMs / wallMs}: how much the fan-out paid (0 when wallMs is 0)
 * @param imagesPerSecond {@code images / wall seconds}, failures included (0 when wallMs is 0)
 * @param stages per stage (read, decode, blur, resize, encode, write): p50/p95/max over ok items
 * @param errors per error type: count and the first sources, sorted by type name
 * @param items one result per source, in input order
 */
public record RunReport(
    Map<String, Object> run,
    int images,
    int succeeded,
    int failed,
    int skipped,
    long wallMs,
    double sumMs,
    double speedup,
    double imagesPerSecond,
    Map<String, StageStats> stages,
    Map<String, ErrorGroup> errors,
    List<ImageResult> items) {

  public RunReport {
    run = Collections.unmodifiableMap(new LinkedHashMap<>(run));
    stages = Collections.unmodifiableMap(new LinkedHashMap<>(stages));
    errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    items = List.copyOf(items);
  }

  /**
   * Summarises {@code items}.
   *
   * @param items per-image results in input order; none may be null
   * @param wallMs wall-clock duration of the run (ms, >= 0)
   * @param run metadata copied into the report as is; null means none
   */
  public static RunReport of(List<ImageResult> items, long wallMs, Map<String, Object> run) {
    if (wallMs < 0) {
      throw new IllegalArgumentException("wallMs must be >= 0, was " + wallMs);
    }
    int ok = 0;
    int failed = 0;
    int skipped = 0;
    double sum = 0;
    Map<String, List<String>> sourcesByType = new TreeMap<>();
    Map<String, Integer> countByType = new TreeMap<>();
    List<ImageResult> okItems = new ArrayList<>();
    for (ImageResult item : items) {
      if (item.isOk()) {
        ok++;
        okItems.add(item);
      } else if (item.isFailed()) {
        failed++;
        String type = item.error() == null || item.error().type() == null ? "Unknown" : item.error().type();
        countByType.merge(type, 1, Integer::sum);
        List<String> sources = sourcesByType.computeIfAbsent(type, t -> new ArrayList<>());
        if (sources.size() < ErrorGroup.MAX_SOURCES) {
          sources.add(item.source());
        }
      } else if (ImageResult.SKIPPED.equals(item.status())) {
        skipped++;
      }
      if (item.timingsMs() != null) {
        sum += item.timingsMs().total();
      }
    }

    // Failed items stop part-way, so their zeros would drag the percentiles down: ok items only.
    Map<String, StageStats> stages = new LinkedHashMap<>();
    for (String stage : StageTimings.STAGES) {
      double[] values = okItems.stream()
          .filter(i -> i.timingsMs() != null)
          .mapToDouble(i -> i.timingsMs().get(stage))
          .toArray();
      stages.put(stage, StageStats.of(values));
    }
    Map<String, ErrorGroup> errors = new LinkedHashMap<>();
    countByType.forEach((type, count) -> errors.put(type, new ErrorGroup(count, sourcesByType.get(type))));

    double speedup = wallMs == 0 ? 0 : sum / wallMs;
    double perSecond = wallMs == 0 ? 0 : items.size() * 1000.0 / wallMs;
    return new RunReport(run == null ? Map.of() : run, items.size(), ok, failed, skipped, wallMs,
        round(sum), round(speedup), round(perSecond), stages, errors, items);
  }

  /** True when no item failed (skipped items count as success). */
  public boolean allSucceeded() {
    return failed == 0;
  }

  private static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}
