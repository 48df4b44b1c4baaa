package io.thumbflow.orchestrator.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Peak signal-to-noise ratio of two 8-bit RGB images, in dB; alpha is flattened onto white first.
 */
final class Psnr {
  /** Reported for identical images, where PSNR is infinite. */
  static final double IDENTICAL_DB = 100.0;

  private Psnr() {}

  /**
   * PSNR of {@code candidate} against {@code reference}. When their sizes differ (thumbnail sizes
   * may round differently by a pixel) the candidate is first resampled bilinearly to the
   * reference's size.
   */
  static double of(BufferedImage reference, BufferedImage candidate) {
    int w = reference.getWidth();
    int h = reference.getHeight();
    int[] ref = rgbOnWhite(reference, w, h);
    int[] cand = rgbOnWhite(candidate, w, h);
    double sum = 0;
    for (int i = 0; i < ref.length; i++) {
      int a = ref[i];
      int b = cand[i];
      int dr = ((a >> 16) & 0xff) - ((b >> 16) & 0xff);
      int dg = ((a >> 8) & 0xff) - ((b >> 8) & 0xff);
      int db = (a & 0xff) - (b & 0xff);
      sum += dr * dr + dg * dg + db * db;
    }
    double mse = sum / (3.0 * ref.length);
    return mse == 0 ? IDENTICAL_DB : 10 * Math.log10(255.0 * 255.0 / mse);
  }

  private static int[] rgbOnWhite(BufferedImage image, int width, int height) {
    BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = rgb.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(image, 0, 0, width, height, null);
    g.dispose();
    return rgb.getRGB(0, 0, width, height, null, 0, width);
  }
}
