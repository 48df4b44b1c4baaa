package io.thumbflow.core.report;

import io.thumbflow.core.ImageResult;
import io.thumbflow.core.cost.RunCost;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The summary of one run, identical whichever engine ran it (local pool or Step Functions Map).
 *
 * @param run metadata of the run (mode, recipe, workers, startedAt, input, ...); never null
 * @param images number of items that are images to process (every item but the ignored ones)
 * @param succeeded items with status {@code ok}
 * @param failed items with status {@code failed}
 * @param skipped items with status {@code skipped} (every output was already up to date)
 * @param ignored items with status {@code ignored}: entries that are not images to process (folder
 *     markers, links, sidecar documents), each with its reason
 * @param wallMs wall-clock time of the whole run (ms)
 * @param sumMs sum over items of their stage times (ms): the time one worker would have needed
 * @param speedup {@code sumMs / wallMs}: how much the fan-out paid (0 when wallMs is 0)
 * @param imagesPerSecond {@code images / wall seconds}, failures included (0 when wallMs is 0)
 * @param stages per stage (read, decode, blur, resize, encode, write): p50/p95/max over ok items,
 *     each item counting its renditions' blur, resize, encode and write together
 * @param renditions per rendition name: outputs made, bytes and its own stage times
 * @param errors per error type: count and the first sources, sorted by type name
 * @param cost what the run cost (cloud) or would cost on Lambda (local), or null when not priced
 * @param items one result per source, in input order (empty in a summary whose items are written
 *     apart)
 */
public record RunReport(
    Map<String, Object> run,
    int images,
    int succeeded,
    int failed,
    int skipped,
    int ignored,
    long wallMs,
    double sumMs,
    double speedup,
    double imagesPerSecond,
    Map<String, StageStats> stages,
    Map<String, RenditionStats> renditions,
    Map<String, ErrorGroup> errors,
    RunCost cost,
    List<ImageResult> items) {

  public RunReport {
    run = Collections.unmodifiableMap(new LinkedHashMap<>(run));
    stages = Collections.unmodifiableMap(new LinkedHashMap<>(stages));
    renditions =
        renditions == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(renditions));
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
    ReportAccumulator acc = new ReportAccumulator();
    items.forEach(acc::add);
    return acc.report(wallMs, run, null, items);
  }

  /** This report with {@code runCost} as its cost. */
  public RunReport withCost(RunCost runCost) {
    return new RunReport(
        run,
        images,
        succeeded,
        failed,
        skipped,
        ignored,
        wallMs,
        sumMs,
        speedup,
        imagesPerSecond,
        stages,
        renditions,
        errors,
        runCost,
        items);
  }

  /** True when no item failed (skipped items count as success). */
  public boolean allSucceeded() {
    return failed == 0;
  }
}
