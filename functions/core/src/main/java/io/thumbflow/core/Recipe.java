package io.thumbflow.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What to make of each image: a Gaussian blur, then a thumbnail that fits a bounding box.
 *
 * <p>Defaults are the original program's: Pillow {@code GaussianBlur()} (radius 2, where the radius is
 * the standard deviation in source pixels) then {@code thumbnail((50, 50))}.
 *
 * @param maxWidth bounding-box width (px, >= 1)
 * @param maxHeight bounding-box height (px, >= 1)
 * @param blurRadius Gaussian standard deviation in source pixels (>= 0; 0 means no blur)
 * @param format output format, or null to follow the input's where it is writable
 */
public record Recipe(int maxWidth, int maxHeight, double blurRadius, ImageFormat format) {
  public static final int DEFAULT_SIZE = 50;
  public static final double DEFAULT_BLUR_RADIUS = 2.0;
  /** Largest accepted blur sigma (source px): far beyond any visible effect, well inside the blur's arrays. */
  public static final double MAX_BLUR_RADIUS = 1000.0;
  /** Bumped whenever output for the same inputs changes, so idempotency hashes change too. */
  public static final int ALGORITHM_VERSION = 1;

  public static final Recipe DEFAULT = new Recipe(DEFAULT_SIZE, DEFAULT_SIZE, DEFAULT_BLUR_RADIUS, null);

  public Recipe {
    if (maxWidth < 1 || maxHeight < 1)
      throw new IllegalArgumentException("thumbnail size must be at least 1x1, was " + maxWidth + "x" + maxHeight);
    if (!(blurRadius >= 0 && blurRadius <= MAX_BLUR_RADIUS))
      throw new IllegalArgumentException(
          "blur radius must be a number from 0 to " + (int) MAX_BLUR_RADIUS + ", was " + blurRadius);
  }

  /** Parses {@code WxH} (or {@code N} for a square box) as given on a command line. */
  public static int[] parseSize(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    String[] parts = t.split("x", -1);
    try {
      if (parts.length == 1) {
        int n = Integer.parseInt(parts[0]);
        if (n >= 1) return new int[] {n, n};
      } else if (parts.length == 2) {
        int w = Integer.parseInt(parts[0]);
        int h = Integer.parseInt(parts[1]);
        if (w >= 1 && h >= 1) return new int[] {w, h};
      }
    } catch (NumberFormatException e) {
      // fall through to the one message below
    }
    throw new IllegalArgumentException("size must be WxH with positive integers, e.g. 50x50, was '" + text + "'");
  }

  public Recipe withSize(int width, int height) {
    return new Recipe(width, height, blurRadius, format);
  }

  public Recipe withBlurRadius(double radius) {
    return new Recipe(maxWidth, maxHeight, radius, format);
  }

  public Recipe withFormat(ImageFormat outputFormat) {
    return new Recipe(maxWidth, maxHeight, blurRadius, outputFormat);
  }

  /** A short stable hash of everything that changes the output; stored beside thumbnails for idempotency. */
  public String hash() {
    String canonical = "v" + ALGORITHM_VERSION + ";" + maxWidth + "x" + maxHeight + ";blur=" + blurRadius
        + ";format=" + (format == null ? "same" : format.name());
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
