package io.thumbflow.core;

import java.time.Duration;

/**
 * Bounds applied to every image before and while it is decoded.
 *
 * @param maxPixels largest declared width x height accepted (px); larger images are refused unread
 * @param deadline wall-clock budget for decode and processing of one image
 * @param maxInputBytes largest source accepted (bytes)
 * @param maxJpegScans largest number of JPEG scans (SOS markers) accepted; progressive JPEGs use
 *     about 10
 */
public record Limits(long maxPixels, Duration deadline, long maxInputBytes, int maxJpegScans) {
  public static final long DEFAULT_MAX_PIXELS = 50_000_000L;
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(5);

  /**
   * 64 MiB: a 50 MP photo is 10-30 MB as JPEG and rarely over 60 MB as PNG; a source is held in
   * memory whole (twice, briefly, while read), once per worker, inside a heap of 512 MB.
   */
  public static final long DEFAULT_MAX_INPUT_BYTES = 64L * 1024 * 1024;

  public static final int DEFAULT_MAX_JPEG_SCANS = 100;

  public static final Limits DEFAULT =
      new Limits(
          DEFAULT_MAX_PIXELS, DEFAULT_DEADLINE, DEFAULT_MAX_INPUT_BYTES, DEFAULT_MAX_JPEG_SCANS);

  public Limits {
    if (maxPixels <= 0)
      throw new IllegalArgumentException("maxPixels must be positive, was " + maxPixels);
    if (deadline == null || deadline.isNegative() || deadline.isZero())
      throw new IllegalArgumentException("deadline must be positive, was " + deadline);
    if (maxInputBytes <= 0)
      throw new IllegalArgumentException("maxInputBytes must be positive, was " + maxInputBytes);
    if (maxJpegScans <= 0)
      throw new IllegalArgumentException("maxJpegScans must be positive, was " + maxJpegScans);
  }

  private static final java.util.regex.Pattern DURATION =
      java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)?");
  private static final java.util.regex.Pattern PIXELS =
      java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(m|mp)?");

  /**
   * A per-image deadline as the command line and the Lambda's {@code THUMBFLOW_DEADLINE_MS} both
   * write it: {@code 5s}, {@code 1500ms}, {@code 1.5s}, {@code 2m}; a bare number is milliseconds.
   * Must be positive.
   *
   * @throws IllegalArgumentException with the accepted forms
   */
  public static Duration parseDeadline(String text) {
    java.util.regex.Matcher m =
        DURATION.matcher(text.trim().toLowerCase(java.util.Locale.ROOT).replace("_", ""));
    if (m.matches()) {
      double n = Double.parseDouble(m.group(1));
      String unit = m.group(2) == null ? "ms" : m.group(2);
      double ms =
          switch (unit) {
            case "s" -> n * 1000;
            case "m" -> n * 60_000;
            default -> n;
          };
      if (ms >= 1 && ms < Long.MAX_VALUE) {
        return Duration.ofMillis(Math.round(ms));
      }
    }
    throw new IllegalArgumentException(
        "must be a positive duration such as 5s, 1500ms or 2m, was '" + text + "'");
  }

  /**
   * A pixel cap as the command line and {@code THUMBFLOW_MAX_PIXELS} both write it: {@code
   * 50000000}, {@code 50_000_000}, {@code 50M} or {@code 50MP}. Must be positive.
   *
   * @throws IllegalArgumentException with the accepted forms
   */
  public static long parseMaxPixels(String text) {
    java.util.regex.Matcher m =
        PIXELS.matcher(text.trim().toLowerCase(java.util.Locale.ROOT).replace("_", ""));
    if (m.matches()) {
      double n = Double.parseDouble(m.group(1)) * (m.group(2) == null ? 1 : 1_000_000);
      if (n >= 1 && n < Long.MAX_VALUE) {
        return Math.round(n);
      }
    }
    throw new IllegalArgumentException(
        "must be a positive pixel count such as 50000000 or 50M, was '" + text + "'");
  }

  public Limits withMaxPixels(long value) {
    return new Limits(value, deadline, maxInputBytes, maxJpegScans);
  }

  public Limits withDeadline(Duration value) {
    return new Limits(maxPixels, value, maxInputBytes, maxJpegScans);
  }
}
