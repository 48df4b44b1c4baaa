package io.thumbflow.core.placeholder;

import java.util.Locale;

/**
 * The most common colour of an image, as sharp's {@code stats().dominant} finds it: pixels binned
 * by the top 4 bits of each channel (4,096 bins), the fullest bin's mean colour. Transparent pixels
 * are left out unless the image has nothing else.
 */
public final class DominantColour {
  private DominantColour() {}

  /**
   * {@code #rrggbb} of packed {@code 0xAARRGGBB} pixels; {@code alpha} says whether the alpha byte
   * counts.
   */
  public static String of(int[] argb, int count, boolean alpha) {
    int[] n = new int[4096];
    long[] r = new long[4096];
    long[] g = new long[4096];
    long[] b = new long[4096];
    boolean anyOpaque = false;
    for (int pass = 0; pass < 2 && !anyOpaque; pass++) {
      boolean skipTransparent = alpha && pass == 0;
      for (int i = 0; i < count; i++) {
        int p = argb[i];
        if (skipTransparent && (p >>> 24) < 128) continue;
        anyOpaque = true;
        int bin = ((p >>> 20) & 0xf) << 8 | ((p >>> 12) & 0xf) << 4 | ((p >>> 4) & 0xf);
        n[bin]++;
        r[bin] += (p >>> 16) & 0xff;
        g[bin] += (p >>> 8) & 0xff;
        b[bin] += p & 0xff;
      }
    }
    int best = 0;
    for (int bin = 1; bin < n.length; bin++) {
      if (n[bin] > n[best]) best = bin;
    }
    if (n[best] == 0) return "#000000";
    return String.format(
        Locale.ROOT,
        "#%02x%02x%02x",
        Math.round((double) r[best] / n[best]),
        Math.round((double) g[best] / n[best]),
        Math.round((double) b[best] / n[best]));
  }
}
