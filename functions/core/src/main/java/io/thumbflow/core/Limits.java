package io.thumbflow.core;

import java.time.Duration;

/**
 * Bounds applied to every image before and while it is decoded.
 *
 * @param maxPixels largest declared width x height accepted (px); larger images are refused unread
 * @param deadline wall-clock budget for decode and processing of one image
 * @param maxInputBytes largest source accepted (bytes)
 * @param maxJpegScans largest number of JPEG scans (SOS markers) accepted; progressive JPEGs use about 10
 */
public record Limits(long maxPixels, Duration deadline, long maxInputBytes, int maxJpegScans) {
  public static final long DEFAULT_MAX_PIXELS = 50_000_000L;
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(5);
  /**
   * 64 MiB: a 50 MP photo is 10-30 MB as JPEG and rarely over 60 MB as PNG; a source is held in memory
   * whole (twice, briefly, while read), once per worker, inside a heap of 512 MB.
   */
  public static final long DEFAULT_MAX_INPUT_BYTES = 64L * 1024 * 1024;
  public static final int DEFAULT_MAX_JPEG_SCANS = 100;

  public static final Limits DEFAULT =
      new Limits(DEFAULT_MAX_PIXELS, DEFAULT_DEADLINE, DEFAULT_MAX_INPUT_BYTES, DEFAULT_MAX_JPEG_SCANS);

  public Limits {
    if (maxPixels <= 0) throw new IllegalArgumentException("maxPixels must be positive, was " + maxPixels);
    if (deadline == null || deadline.isNegative() || deadline.isZero())
      throw new IllegalArgumentException("deadline must be positive, was " + deadline);
    if (maxInputBytes <= 0) throw new IllegalArgumentException("maxInputBytes must be positive, was " + maxInputBytes);
    if (maxJpegScans <= 0) throw new IllegalArgumentException("maxJpegScans must be positive, was " + maxJpegScans);
  }

  public Limits withMaxPixels(long value) {
    return new Limits(value, deadline, maxInputBytes, maxJpegScans);
  }

  public Limits withDeadline(Duration value) {
    return new Limits(maxPixels, value, maxInputBytes, maxJpegScans);
  }
}
