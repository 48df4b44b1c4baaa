package io.thumbflow.core.decode.png;

import java.awt.image.IndexColorModel;
import java.util.Arrays;

/**
 * A PNG palette exactly as JDK ImageIO's PNG reader builds it: PLTE entries rounded up to 2, 4, 16
 * or 256 with black, then padded to {@code 2^bitDepth} with the last of those; tRNS alphas (at most
 * that rounded count) padded with 255.
 *
 * @param argb {@code 2^bitDepth} packed {@code 0xAARRGGBB} entries, as the image's getRGB gives
 *     them
 * @param alpha true when the resulting colour model has alpha
 */
record IndexedPalette(int[] argb, boolean alpha) {
  static IndexedPalette asImageIoBuildsIt(byte[] plte, byte[] trns, int bitDepth) {
    int entries = Math.min(plte.length / 3, 1 << bitDepth);
    int rounded = entries > 16 ? 256 : entries > 4 ? 16 : entries > 2 ? 4 : 2;
    byte[] r = new byte[rounded];
    byte[] g = new byte[rounded];
    byte[] b = new byte[rounded];
    for (int i = 0; i < entries; i++) {
      r[i] = plte[3 * i];
      g[i] = plte[3 * i + 1];
      b[i] = plte[3 * i + 2];
    }
    int size = 1 << bitDepth;
    if (rounded < size) {
      r = pad(r, size, r[rounded - 1]);
      g = pad(g, size, g[rounded - 1]);
      b = pad(b, size, b[rounded - 1]);
    }
    byte[] a = null;
    if (trns != null) {
      a = pad(Arrays.copyOf(trns, Math.min(trns.length, rounded)), r.length, (byte) 255);
    }
    // The colour model ImageTypeSpecifier.createIndexed makes; its getRGB is what the image
    // reports.
    IndexColorModel model =
        a == null
            ? new IndexColorModel(bitDepth, r.length, r, g, b)
            : new IndexColorModel(bitDepth, r.length, r, g, b, a);
    int[] argb = new int[r.length];
    model.getRGBs(argb);
    return new IndexedPalette(argb, model.hasAlpha());
  }

  private static byte[] pad(byte[] values, int size, byte fill) {
    if (values.length >= size) return values;
    byte[] out = Arrays.copyOf(values, size);
    Arrays.fill(out, values.length, size, fill);
    return out;
  }
}
