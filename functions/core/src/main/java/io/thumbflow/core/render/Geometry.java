package io.thumbflow.core.render;

import io.thumbflow.core.Fit;

/**
 * Where a rendition's pixels come from and how large it is: the output size and the region of the
 * upright source it shows, in source px (fractional, since a centre crop need not fall on pixel
 * edges).
 *
 * @param size the output size (px)
 * @param x0 left edge of the region shown (source px)
 * @param y0 top edge (source px)
 * @param regionWidth width of the region shown (source px, > 0)
 * @param regionHeight height of the region shown (source px, > 0)
 */
public record Geometry(
    ThumbnailSize size, double x0, double y0, double regionWidth, double regionHeight) {

  /**
   * The geometry of a {@code boxWidth x boxHeight} rendition with {@code fit} of a {@code w x h}
   * source.
   */
  public static Geometry of(Fit fit, int w, int h, int boxWidth, int boxHeight) {
    return fit == Fit.COVER ? cover(w, h, boxWidth, boxHeight) : contain(w, h, boxWidth, boxHeight);
  }

  /**
   * Pillow's {@code thumbnail()}: the whole source, aspect kept, inside the box, never enlarged.
   */
  public static Geometry contain(int w, int h, int boxWidth, int boxHeight) {
    return new Geometry(ThumbnailSize.fit(w, h, boxWidth, boxHeight), 0, 0, w, h);
  }

  /**
   * Fills the box exactly with a centred crop of the source when the source covers the box;
   * otherwise (it would have to be enlarged) crops the source to the box's exact aspect ratio at
   * its own scale: the largest {@code k*bw/g x k*bh/g} (g = gcd of the box sides) that fits, so the
   * shape is always the box's.
   */
  public static Geometry cover(int w, int h, int boxWidth, int boxHeight) {
    if (w < 1 || h < 1)
      throw new IllegalArgumentException("source size must be at least 1x1, was " + w + "x" + h);
    if (boxWidth < 1 || boxHeight < 1)
      throw new IllegalArgumentException(
          "box must be at least 1x1, was " + boxWidth + "x" + boxHeight);
    // Compared as products to stay exact: the source covers the box when w >= bw and h >= bh.
    if (w >= boxWidth && h >= boxHeight) {
      double scale = Math.max((double) boxWidth / w, (double) boxHeight / h);
      double rw = Math.min(w, boxWidth / scale);
      double rh = Math.min(h, boxHeight / scale);
      return new Geometry(
          new ThumbnailSize(boxWidth, boxHeight), (w - rw) / 2, (h - rh) / 2, rw, rh);
    }
    int g = gcd(boxWidth, boxHeight);
    int unitW = boxWidth / g;
    int unitH = boxHeight / g;
    int k = Math.min(w / unitW, h / unitH);
    if (k < 1) {
      // Too small for even one unit of the box's shape (a 1 px wide source for a 3:2 box): keep
      // what fits.
      int ow = Math.min(w, unitW);
      int oh = Math.min(h, unitH);
      return new Geometry(new ThumbnailSize(ow, oh), (w - ow) / 2.0, (h - oh) / 2.0, ow, oh);
    }
    int ow = k * unitW;
    int oh = k * unitH;
    return new Geometry(new ThumbnailSize(ow, oh), (w - ow) / 2.0, (h - oh) / 2.0, ow, oh);
  }

  /** Output px per source px across. */
  public double scaleX() {
    return size.width() / regionWidth;
  }

  /** Output px per source px down. */
  public double scaleY() {
    return size.height() / regionHeight;
  }

  private static int gcd(int a, int b) {
    while (b != 0) {
      int t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
