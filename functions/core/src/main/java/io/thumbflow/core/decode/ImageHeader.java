package io.thumbflow.core.decode;

import io.thumbflow.core.ImageFormat;

/**
 * What an image declares about itself, read from its header before any pixels are decoded.
 *
 * @param format the sniffed format
 * @param width stored width (px), before EXIF orientation
 * @param height stored height (px), before EXIF orientation
 * @param frames number of frames or pages (1 for still images; a lower bound where counting is
 *     costly)
 * @param orientation EXIF orientation 1..8 (1 when absent or invalid)
 */
public record ImageHeader(ImageFormat format, int width, int height, int frames, int orientation) {

  /** True when the orientation swaps width and height (EXIF 5..8). */
  public boolean transposed() {
    return orientation >= 5 && orientation <= 8;
  }

  /** Width as displayed, after orientation (px). */
  public int uprightWidth() {
    return transposed() ? height : width;
  }

  /** Height as displayed, after orientation (px). */
  public int uprightHeight() {
    return transposed() ? width : height;
  }

  public long pixels() {
    return (long) width * height;
  }
}
