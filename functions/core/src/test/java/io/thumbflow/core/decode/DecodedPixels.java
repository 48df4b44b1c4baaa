package io.thumbflow.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.thumbflow.core.render.PackedPixels;
import java.awt.image.BufferedImage;

/** Comparisons of a decoded image with the pixels a test wrote. */
final class DecodedPixels {
  private DecodedPixels() {}

  /**
   * Asserts that {@code image} is {@code expected} (ARGB, w x h) point-subsampled by {@code factor}
   * from the top-left pixel, within {@code tolerance} per channel; colours are compared where the
   * expected alpha is 255 (a translucent pixel's colour may be stored premultiplied or matted),
   * alpha everywhere when {@code alpha}.
   */
  static void assertSubsampled(
      BufferedImage image, int[] expected, int w, int h, int factor, boolean alpha, int tolerance) {
    assertThat(image.getType())
        .isEqualTo(alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    int[] px = PackedPixels.of(image);
    int iw = image.getWidth();
    int worst = 0;
    String where = "";
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < iw; x++) {
        int e = expected[(y * factor) * w + x * factor];
        int a = px[y * iw + x];
        int diff = 0;
        if (e >>> 24 == 255) {
          for (int s = 0; s < 24; s += 8) {
            diff = Math.max(diff, Math.abs(((e >> s) & 0xFF) - ((a >> s) & 0xFF)));
          }
        }
        if (alpha) {
          diff = Math.max(diff, Math.abs((e >>> 24) - (a >>> 24)));
        }
        if (diff > worst) {
          worst = diff;
          where =
              x
                  + ","
                  + y
                  + ": expected "
                  + Integer.toHexString(e)
                  + ", was "
                  + Integer.toHexString(a);
        }
      }
    }
    assertThat(worst).as("largest channel difference (%s)", where).isLessThanOrEqualTo(tolerance);
  }
}
