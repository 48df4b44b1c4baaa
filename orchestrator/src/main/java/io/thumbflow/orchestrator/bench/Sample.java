package io.thumbflow.orchestrator.bench;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One whole-process run of one contender at one size.
 *
 * @param contender the contender's name
 * @param size the bounding box, e.g. {@code 50x50}
 * @param batch the input batch's name (see {@link BenchCorpus.Batch#name()})
 * @param round 1-based round number
 * @param images images in the input folder
 * @param wallSeconds wall time of the whole process, s
 * @param cpuSeconds user+system CPU of the process tree, s (NaN when unknown)
 * @param maxRssKb peak RSS of the largest single process, KiB (-1 when unknown)
 * @param exitCode the process's exit status
 */
record Sample(
    String contender,
    String size,
    String batch,
    int round,
    int images,
    double wallSeconds,
    double cpuSeconds,
    long maxRssKb,
    int exitCode) {

  double imagesPerSecond() {
    return images / wallSeconds;
  }

  OptionalDouble cpuMsPerImage() {
    return Double.isNaN(cpuSeconds) || images == 0
        ? OptionalDouble.empty()
        : OptionalDouble.of(cpuSeconds * 1000 / images);
  }

  OptionalLong maxRss() {
    return maxRssKb < 0 ? OptionalLong.empty() : OptionalLong.of(maxRssKb);
  }
}
