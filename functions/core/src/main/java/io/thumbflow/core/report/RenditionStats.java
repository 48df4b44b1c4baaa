package io.thumbflow.core.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One rendition over a run: how many were made, how many bytes they take, and its own stage times.
 *
 * @param made outputs written (ok items)
 * @param bytes their encoded size in all (bytes)
 * @param stages blur, resize, encode and write: p50/p95/max over the outputs written (ms)
 */
public record RenditionStats(int made, long bytes, Map<String, StageStats> stages) {
  public RenditionStats {
    stages = Collections.unmodifiableMap(new LinkedHashMap<>(stages));
  }
}
