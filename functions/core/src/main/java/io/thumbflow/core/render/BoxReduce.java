package io.thumbflow.core.render;

/**
 * Pillow's {@code Image.reduce()}: shrinks packed pixels by whole factors, each output pixel the
 * rounded mean of its {@code factorX x factorY} block (edge blocks average only the pixels they
 * have).
 */
public final class BoxReduce {
  private BoxReduce() {}

  /** Output width (px) of a reduce by {@code factor}: rounded up, as Pillow does. */
  public static int reducedLength(int length, int factor) {
    return (length + factor - 1) / factor;
  }

  /**
   * Reduces {@code pixels} ({@code width x height}, row-major, packed {@code 0xAARRGGBB}) into a
   * new array of {@link #reducedLength}{@code (width, factorX) x }{@link #reducedLength}{@code
   * (height, factorY)}. Alpha is averaged like the colours when {@code alpha} is true, else set to
   * opaque.
   */
  public static int[] reduce(
      int[] pixels, int width, int height, int factorX, int factorY, boolean alpha) {
    return reduce(pixels, width, height, factorX, factorY, alpha, NativePixels.loaded());
  }

  /** As {@link #reduce}, through the C loop ({@link NativePixels}) when {@code nativeLoop}. */
  static int[] reduce(
      int[] pixels,
      int width,
      int height,
      int factorX,
      int factorY,
      boolean alpha,
      boolean nativeLoop) {
    if (factorX < 1 || factorY < 1)
      throw new IllegalArgumentException(
          "reduce factors must be >= 1, were " + factorX + ", " + factorY);
    int outW = reducedLength(width, factorX);
    int outH = reducedLength(height, factorY);
    int[] out = new int[outW * outH];
    if (nativeLoop
        && NativePixels.reduce(pixels, width, height, factorX, factorY, alpha, out)
            == NativePixels.OK) {
      return out;
    }
    int[] sa = new int[outW];
    int[] sr = new int[outW];
    int[] sg = new int[outW];
    int[] sb = new int[outW];
    for (int oy = 0; oy < outH; oy++) {
      java.util.Arrays.fill(sa, 0);
      java.util.Arrays.fill(sr, 0);
      java.util.Arrays.fill(sg, 0);
      java.util.Arrays.fill(sb, 0);
      int y0 = oy * factorY;
      int y1 = Math.min(height, y0 + factorY);
      for (int y = y0; y < y1; y++) {
        accumulateRow(pixels, y * width, width, factorX, sa, sr, sg, sb);
      }
      averageRow(sa, sr, sg, sb, y1 - y0, width, factorX, alpha, out, oy * outW);
    }
    return out;
  }

  /**
   * Point subsampling, as ImageIO's {@code setSourceSubsampling(fx, fy, 0, 0)} does: every {@code
   * factorX}-th pixel of every {@code factorY}-th row from the top left, into a new array of {@link
   * #reducedLength}{@code (width, factorX) x }{@link #reducedLength}{@code (height, factorY)}.
   */
  public static int[] subsample(int[] pixels, int width, int height, int factorX, int factorY) {
    if (factorX < 1 || factorY < 1)
      throw new IllegalArgumentException(
          "subsampling factors must be >= 1, were " + factorX + ", " + factorY);
    int outW = reducedLength(width, factorX);
    int outH = reducedLength(height, factorY);
    int[] out = new int[outW * outH];
    for (int oy = 0; oy < outH; oy++) {
      int row = oy * factorY * width;
      for (int ox = 0; ox < outW; ox++) out[oy * outW + ox] = pixels[row + ox * factorX];
    }
    return out;
  }

  /**
   * Adds one row of packed pixels ({@code width} from {@code offset}) to the per-output-column
   * channel sums {@code sa, sr, sg, sb}, {@code factorX} pixels per column (fewer in the last).
   */
  public static void accumulateRow(
      int[] pixels, int offset, int width, int factorX, int[] sa, int[] sr, int[] sg, int[] sb) {
    for (int ox = 0, x = 0; x < width; ox++) {
      int x1 = Math.min(width, x + factorX);
      int a = 0, r = 0, g = 0, b = 0;
      for (; x < x1; x++) {
        int v = pixels[offset + x];
        a += v >>> 24;
        r += (v >>> 16) & 0xff;
        g += (v >>> 8) & 0xff;
        b += v & 0xff;
      }
      sa[ox] += a;
      sr[ox] += r;
      sg[ox] += g;
      sb[ox] += b;
    }
  }

  /**
   * Writes one output row from the sums of {@code rows} input rows: each pixel the rounded mean of
   * the pixels its column had (alpha opaque unless {@code alpha}), {@link #reducedLength}{@code
   * (width, factorX)} of them from {@code out[offset]}.
   */
  public static void averageRow(
      int[] sa,
      int[] sr,
      int[] sg,
      int[] sb,
      int rows,
      int width,
      int factorX,
      boolean alpha,
      int[] out,
      int offset) {
    int outW = reducedLength(width, factorX);
    for (int ox = 0; ox < outW; ox++) {
      int count = rows * (Math.min(width, (ox + 1) * factorX) - ox * factorX);
      int half = count >> 1;
      int a = alpha ? (sa[ox] + half) / count : 0xff;
      out[offset + ox] =
          (a << 24)
              | (((sr[ox] + half) / count) << 16)
              | (((sg[ox] + half) / count) << 8)
              | ((sb[ox] + half) / count);
    }
  }
}
