package io.thumbflow.core.render;

/**
 * Pillow's {@code GaussianBlur}: three extended box blurs per axis, in place on packed 8-bit
 * pixels.
 *
 * <p>The radius is the Gaussian's standard deviation (px). As in Pillow ({@code
 * libImaging/BoxBlur.c}, after Gwosdek et al., "Theoretical foundations of Gaussian convolution by
 * extended box filtering", SSVM 2011), each pass is a box of radius {@code l + a}: {@code l} whole
 * pixels plus a fractional weight for the two pixels beyond, so any real sigma is met exactly in
 * variance. Edges repeat the outermost pixel, every pass rounds to 8 bits, and every channel (alpha
 * too, not premultiplied) is blurred on its own, as Pillow does; the cost per pixel does not depend
 * on the radius.
 */
public final class GaussianBlur {
  private static final int PASSES = 3;

  private GaussianBlur() {}

  /**
   * Blurs {@code pixels} ({@code width x height}, row-major, packed {@code 0xAARRGGBB}) in place.
   *
   * @param sigmaX standard deviation along x (px, >= 0; 0 leaves rows untouched)
   * @param sigmaY standard deviation along y (px, >= 0; 0 leaves columns untouched)
   * @param alpha whether the top byte is alpha to be blurred too (else it is left as it is)
   */
  public static void blur(
      int[] pixels, int width, int height, double sigmaX, double sigmaY, boolean alpha) {
    blur(pixels, width, height, sigmaX, sigmaY, alpha, NativePixels.loaded(), false);
  }

  /**
   * As {@link #blur}, through the C loops when {@code nativeLoops} and they succeed, with their
   * portable passes when {@code portable} (see {@link NativePixels#blur}).
   */
  static void blur(
      int[] pixels,
      int width,
      int height,
      double sigmaX,
      double sigmaY,
      boolean alpha,
      boolean nativeLoops,
      boolean portable) {
    if (width < 1 || height < 1 || pixels.length < width * height)
      throw new IllegalArgumentException(
          "pixel array does not hold " + width + "x" + height + " pixels");
    if (!(sigmaX >= 0) || !(sigmaY >= 0))
      throw new IllegalArgumentException("sigma must be >= 0, was " + sigmaX + ", " + sigmaY);
    Box alongX = sigmaX > 0 ? Box.of(sigmaX) : Box.NONE;
    Box alongY = sigmaY > 0 ? Box.of(sigmaY) : Box.NONE;
    if (nativeLoops
        && NativePixels.blur(
                pixels,
                width,
                height,
                alongX.radius,
                alongX.innerWeight,
                alongX.edgeWeight,
                alongY.radius,
                alongY.innerWeight,
                alongY.edgeWeight,
                alpha,
                portable)
            == NativePixels.OK) {
      return;
    }
    int channels = alpha ? 4 : 3;
    if (alongX != Box.NONE) {
      Line line = new Line(alongX, width, channels);
      for (int y = 0; y < height; y++) {
        line.run(pixels, y * width, 1, width);
      }
    }
    if (alongY != Box.NONE) {
      // Column by column: a block-wise gather measured no faster at thumbnail-pipeline sizes (<= ~1
      // MP).
      Line line = new Line(alongY, height, channels);
      for (int x = 0; x < width; x++) {
        line.run(pixels, x, width, height);
      }
    }
  }

  /**
   * One extended box: {@code radius} whole pixels each side, weighted {@code innerWeight} each, and
   * {@code edgeWeight} for each of the two pixels beyond, both fixed point with 24 fractional bits,
   * as {@code BoxBlur.c} computes them (ww and fw there).
   */
  record Box(int radius, int innerWeight, int edgeWeight) {
    /** No pass along an axis (what the C loops take as a negative radius). */
    static final Box NONE = new Box(-1, 0, 0);

    static Box of(double sigma) {
      float floatRadius = boxRadius(sigma);
      int radius = (int) floatRadius;
      int ww = (int) (long) ((float) (1 << 24) / (floatRadius * 2 + 1));
      return new Box(radius, ww, (int) (((1L << 24) - (long) (radius * 2 + 1) * ww) / 2));
    }
  }

  /** Pillow's {@code _gaussian_blur_radius}, in the same single precision. */
  static float boxRadius(double sigma) {
    float radius = (float) sigma;
    float sigma2 = radius * radius / PASSES;
    float boxLength = (float) Math.sqrt(12.0 * sigma2 + 1.0);
    float l = (float) Math.floor((boxLength - 1.0) / 2.0);
    float a = (2 * l + 1) * (l * (l + 1) - 3 * sigma2);
    a /= 6 * (sigma2 - (l + 1) * (l + 1));
    return l + a;
  }

  /**
   * Blurs one line (a row or a column) of packed pixels through reusable, edge-padded buffers. Two
   * channels share each long, one per 32-bit lane (red|blue, green|alpha): every lane's sum stays
   * below 2^32 (255 x 2^24 + 2^23 at most), so lanes never carry into each other and one pass does
   * two channels.
   */
  private static final class Line {
    private static final long LANE = 0xffffffffL;

    /** Rounding half for both lanes' 24 fractional bits. */
    private static final long ROUND = (1L << 23) | (1L << 55);

    private final int radius;
    private final int pad;
    private final long innerWeight;
    private final long edgeWeight;
    private final boolean alpha;
    private long[] redBlue;
    private long[] greenAlpha;
    private long[] spare1;
    private long[] spare2;

    Line(Box box, int length, int channels) {
      this.radius = box.radius;
      this.pad = radius + 1;
      this.innerWeight = box.innerWeight;
      this.edgeWeight = box.edgeWeight;
      this.alpha = channels == 4;
      int size = length + 2 * pad;
      this.redBlue = new long[size];
      this.greenAlpha = new long[size];
      this.spare1 = new long[size];
      this.spare2 = new long[size];
    }

    void run(int[] pixels, int start, int stride, int length) {
      long[] rb = redBlue;
      long[] ga = greenAlpha;
      for (int i = 0, p = start, q = pad; i < length; i++, p += stride, q++) {
        int v = pixels[p];
        rb[q] = ((v >>> 16) & 0xff) | ((long) (v & 0xff) << 32);
        ga[q] = ((v >>> 8) & 0xff) | (alpha ? (long) (v >>> 24) << 32 : 0L);
      }
      for (int pass = 0; pass < PASSES; pass++) {
        boxPass(redBlue, spare1, length);
        long[] t = redBlue;
        redBlue = spare1;
        spare1 = t;
        boxPass(greenAlpha, spare2, length);
        t = greenAlpha;
        greenAlpha = spare2;
        spare2 = t;
      }
      rb = redBlue;
      ga = greenAlpha;
      for (int i = 0, p = start, q = pad; i < length; i++, p += stride, q++) {
        int a = alpha ? (int) (ga[q] >>> 32) : pixels[p] >>> 24;
        pixels[p] =
            (a << 24)
                | ((int) (rb[q] & LANE) << 16)
                | ((int) (ga[q] & LANE) << 8)
                | (int) (rb[q] >>> 32);
      }
    }

    /**
     * One extended box pass from {@code src[pad .. pad+length)} into the same span of {@code dst}.
     */
    private void boxPass(long[] src, long[] dst, int length) {
      long first = src[pad];
      long last = src[pad + length - 1];
      for (int i = 0; i < pad; i++) {
        src[i] = first;
        src[pad + length + i] = last;
      }
      // The window of pixel x is [x-r, x+r]; pixels x-r-1 and x+r+1 get the fractional weight.
      long ww = innerWeight;
      long fw = edgeWeight;
      int r = radius;
      if (r == 0) {
        radiusZeroPass(src, dst, length, ww, fw);
        return;
      }
      if (r == 1) {
        radiusOnePass(src, dst, length, ww, fw);
        return;
      }
      long acc = 0;
      for (int k = pad - r; k <= pad + r; k++) {
        acc += src[k];
      }
      for (int i = pad, end = pad + length; i < end; i++) {
        long bulk = acc * ww + (src[i - r - 1] + src[i + r + 1]) * fw + ROUND;
        dst[i] = lanes(bulk);
        acc += src[i + r + 1] - src[i - r];
      }
    }

    /*
     * The passes for whole radius 0 and 1 (sigma below about 2.2, which covers the default blur at
     * the source's size and at any thumbnail's) keep the window in local variables: one array read per
     * pixel instead of four, which C1, local mode's and Lambda's compiler, does not work out itself.
     * Same sums as the general loop, so the same bits.
     */

    private static void radiusZeroPass(long[] src, long[] dst, int length, long ww, long fw) {
      int i = 1; // pad == 1
      long left = src[i - 1];
      long mid = src[i];
      for (int end = 1 + length; i < end; i++) {
        long right = src[i + 1];
        dst[i] = lanes(mid * ww + (left + right) * fw + ROUND);
        left = mid;
        mid = right;
      }
    }

    private static void radiusOnePass(long[] src, long[] dst, int length, long ww, long fw) {
      int i = 2; // pad == 2
      long a = src[i - 2];
      long b = src[i - 1];
      long c = src[i];
      long d = src[i + 1];
      for (int end = 2 + length; i < end; i++) {
        long e = src[i + 2];
        dst[i] = lanes((b + c + d) * ww + (a + e) * fw + ROUND);
        a = b;
        b = c;
        c = d;
        d = e;
      }
    }

    /** Both lanes' sums back to whole 8-bit values in their lanes. */
    private static long lanes(long bulk) {
      return ((bulk & LANE) >>> 24) | ((bulk >>> 56) << 32);
    }
  }
}
