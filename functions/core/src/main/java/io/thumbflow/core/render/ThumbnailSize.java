package io.thumbflow.core.render;

/**
 * The size of a thumbnail, computed exactly as Pillow's {@code Image.thumbnail()} does (Pillow 9.4,
 * {@code preserve_aspect_ratio}): keep the aspect ratio, fit the bounding box, never enlarge, and
 * round the free side to whichever of floor/ceil keeps the aspect ratio closest (floor on ties), at
 * least 1 px.
 *
 * @param width thumbnail width (px, >= 1)
 * @param height thumbnail height (px, >= 1)
 */
public record ThumbnailSize(int width, int height) {

  public ThumbnailSize {
    if (width < 1 || height < 1)
      throw new IllegalArgumentException(
          "thumbnail size must be at least 1x1, was " + width + "x" + height);
  }

  /**
   * The thumbnail size of a {@code sourceWidth x sourceHeight} image in a {@code maxWidth x
   * maxHeight} box. An image already inside the box keeps its size.
   */
  public static ThumbnailSize fit(int sourceWidth, int sourceHeight, int maxWidth, int maxHeight) {
    if (sourceWidth < 1 || sourceHeight < 1)
      throw new IllegalArgumentException(
          "source size must be at least 1x1, was " + sourceWidth + "x" + sourceHeight);
    if (maxWidth < 1 || maxHeight < 1)
      throw new IllegalArgumentException(
          "box must be at least 1x1, was " + maxWidth + "x" + maxHeight);
    if (maxWidth >= sourceWidth && maxHeight >= sourceHeight) {
      return new ThumbnailSize(sourceWidth, sourceHeight);
    }
    // Same IEEE double arithmetic as Python's true division, so ties break identically.
    double aspect = (double) sourceWidth / sourceHeight;
    int x = maxWidth;
    int y = maxHeight;
    if ((double) x / y >= aspect) {
      double n = y * aspect;
      double lo = Math.floor(n);
      double hi = Math.ceil(n);
      double yy = y;
      x = pick(lo, hi, Math.abs(aspect - lo / yy), Math.abs(aspect - hi / yy));
    } else {
      double n = x / aspect;
      double lo = Math.floor(n);
      double hi = Math.ceil(n);
      double xx = x;
      double keyLo = lo == 0 ? 0 : Math.abs(aspect - xx / lo);
      double keyHi = hi == 0 ? 0 : Math.abs(aspect - xx / hi);
      y = pick(lo, hi, keyLo, keyHi);
    }
    return new ThumbnailSize(x, y);
  }

  /** Python's {@code max(min(floor, ceil, key=key), 1)}: min keeps the first of equal keys. */
  private static int pick(double lo, double hi, double keyLo, double keyHi) {
    double chosen = keyHi < keyLo ? hi : lo;
    return (int) Math.max(chosen, 1);
  }

  /** True when this size equals {@code width x height}. */
  public boolean equalsSize(int w, int h) {
    return width == w && height == h;
  }

  @Override
  public String toString() {
    return width + "x" + height;
  }
}
