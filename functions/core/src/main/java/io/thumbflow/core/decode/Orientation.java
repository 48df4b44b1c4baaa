package io.thumbflow.core.decode;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Applies an EXIF orientation (1..8) to an INT_RGB/INT_ARGB image so that it is displayed upright.
 */
final class Orientation {
  private Orientation() {}

  /**
   * Returns {@code src} itself for orientation 1 (or any invalid value), else a new upright image.
   */
  static BufferedImage upright(BufferedImage src, int orientation) {
    if (orientation < 2 || orientation > 8) {
      return src;
    }
    int w = src.getWidth();
    int h = src.getHeight();
    boolean transposed = orientation >= 5;
    int ow = transposed ? h : w;
    int oh = transposed ? w : h;
    BufferedImage out = new BufferedImage(ow, oh, src.getType());
    int[] in = ((DataBufferInt) src.getRaster().getDataBuffer()).getData();
    int[] dst = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
    for (int y = 0; y < h; y++) {
      int row = y * w;
      for (int x = 0; x < w; x++) {
        int ox;
        int oy;
        switch (orientation) {
          case 2 -> {
            ox = w - 1 - x;
            oy = y;
          } // mirror horizontally
          case 3 -> {
            ox = w - 1 - x;
            oy = h - 1 - y;
          } // rotate 180
          case 4 -> {
            ox = x;
            oy = h - 1 - y;
          } // mirror vertically
          case 5 -> {
            ox = y;
            oy = x;
          } // transpose
          case 6 -> {
            ox = h - 1 - y;
            oy = x;
          } // rotate 90 clockwise
          case 7 -> {
            ox = h - 1 - y;
            oy = w - 1 - x;
          } // transverse
          default -> {
            ox = y;
            oy = w - 1 - x;
          } // 8: rotate 90 counter-clockwise
        }
        dst[oy * ow + ox] = in[row + x];
      }
    }
    return out;
  }
}
