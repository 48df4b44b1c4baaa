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
    checkFactors("reduce", factorX, factorY);
    int[] out = new int[reducedLength(width, factorX) * reducedLength(height, factorY)];
    reduceInto(pixels, width, height, factorX, factorY, alpha, out, 1, 1, null, nativeLoop);
    return out;
  }

  /** Two reductions of one raster, the coarse one by a whole multiple of the fine one's factors. */
  public record Reductions(int[] fine, int[] coarse) {}

  /**
   * {@link #reduce} by {@code factorX x factorY} and by {@code factorX * thenX x factorY * thenY}
   * in one pass over {@code pixels}: each coarse block is a union of whole fine blocks, so its sum
   * is theirs and both results are exactly what the two reduces would give, for about the cost of
   * the fine one.
   */
  public static Reductions reduceTwice(
      int[] pixels,
      int width,
      int height,
      int factorX,
      int factorY,
      int thenX,
      int thenY,
      boolean alpha) {
    return reduceTwice(
        pixels, width, height, factorX, factorY, thenX, thenY, alpha, NativePixels.loaded());
  }

  /** As {@link #reduceTwice}, through the C loop ({@link NativePixels}) when {@code nativeLoop}. */
  static Reductions reduceTwice(
      int[] pixels,
      int width,
      int height,
      int factorX,
      int factorY,
      int thenX,
      int thenY,
      boolean alpha,
      boolean nativeLoop) {
    checkFactors("reduce", factorX, factorY);
    checkFactors("reduce", thenX, thenY);
    int coarseX = Math.multiplyExact(factorX, thenX);
    int coarseY = Math.multiplyExact(factorY, thenY);
    int[] fine = new int[reducedLength(width, factorX) * reducedLength(height, factorY)];
    int[] coarse = new int[reducedLength(width, coarseX) * reducedLength(height, coarseY)];
    reduceInto(
        pixels, width, height, factorX, factorY, alpha, fine, thenX, thenY, coarse, nativeLoop);
    return new Reductions(fine, coarse);
  }

  /** {@code what} names the factors in the message: "reduce" or "subsampling". */
  private static void checkFactors(String what, int factorX, int factorY) {
    if (factorX < 1 || factorY < 1)
      throw new IllegalArgumentException(
          what + " factors must be >= 1, were " + factorX + ", " + factorY);
  }

  /** The fine reduce into {@code out} and, unless {@code coarse} is null, the coarse one. */
  private static void reduceInto(
      int[] pixels,
      int width,
      int height,
      int factorX,
      int factorY,
      boolean alpha,
      int[] out,
      int thenX,
      int thenY,
      int[] coarse,
      boolean nativeLoop) {
    if (nativeLoop
        && NativePixels.reduce(
                pixels, width, height, factorX, factorY, alpha, out, thenX, thenY, coarse)
            == NativePixels.OK) {
      return;
    }
    int outW = reducedLength(width, factorX);
    int outH = reducedLength(height, factorY);
    int[] sa = new int[outW];
    int[] sr = new int[outW];
    int[] sg = new int[outW];
    int[] sb = new int[outW];
    int coarseW = coarse == null ? 0 : reducedLength(width, factorX * thenX);
    int[] ca = new int[coarseW];
    int[] cr = new int[coarseW];
    int[] cg = new int[coarseW];
    int[] cb = new int[coarseW];
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
      if (coarse == null) continue;
      for (int ox = 0; ox < outW; ox++) {
        ca[ox / thenX] += sa[ox];
        cr[ox / thenX] += sr[ox];
        cg[ox / thenX] += sg[ox];
        cb[ox / thenX] += sb[ox];
      }
      if ((oy + 1) % thenY == 0 || oy + 1 == outH) {
        int cy = oy / thenY;
        int coarseY0 = cy * factorY * thenY;
        int rows = Math.min(height, coarseY0 + factorY * thenY) - coarseY0;
        averageRow(ca, cr, cg, cb, rows, width, factorX * thenX, alpha, coarse, cy * coarseW);
        java.util.Arrays.fill(ca, 0);
        java.util.Arrays.fill(cr, 0);
        java.util.Arrays.fill(cg, 0);
        java.util.Arrays.fill(cb, 0);
      }
    }
  }

  /**
   * Point subsampling, as ImageIO's {@code setSourceSubsampling(fx, fy, 0, 0)} does: every {@code
   * factorX}-th pixel of every {@code factorY}-th row from the top left, into a new array of {@link
   * #reducedLength}{@code (width, factorX) x }{@link #reducedLength}{@code (height, factorY)}.
   */
  public static int[] subsample(int[] pixels, int width, int height, int factorX, int factorY) {
    checkFactors("subsampling", factorX, factorY);
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
