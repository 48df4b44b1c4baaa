package io.thumbflow.core.render;

/**
 * Pillow's {@code GaussianBlur}: three extended box blurs per axis, in place on packed 8-bit pixels.
 *
 * <p>The radius is the Gaussian's standard deviation (px). As in Pillow ({@code libImaging/BoxBlur.c},
 * after Gwosdek et al., "Theoretical foundations of Gaussian convolution by extended box filtering",
 * SSVM 2011), each pass is a box of radius {@code l + a}: {@code l} whole pixels plus a fractional
 * weight for the two pixels beyond, so any real sigma is met exactly in variance. Edges repeat the
 * outermost pixel, every pass rounds to 8 bits, and every channel (alpha too, not premultiplied) is
 * blurred on its own, as Pillow does; the cost per pixel does not depend on the radius.
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
  public static void blur(int[] pixels, int width, int height, double sigmaX, double sigmaY, boolean alpha) {
    if (width < 1 || height < 1 || pixels.length < width * height)
      throw new IllegalArgumentException("pixel array does not hold " + width + "x" + height + " pixels");
    if (!(sigmaX >= 0) || !(sigmaY >= 0))
      throw new IllegalArgumentException("sigma must be >= 0, was " + sigmaX + ", " + sigmaY);
    int channels = alpha ? 4 : 3;
    if (sigmaX > 0) {
      Line line = new Line(boxRadius(sigmaX), width, channels);
      for (int y = 0; y < height; y++) {
        line.run(pixels, y * width, 1, width);
      }
    }
    if (sigmaY > 0) {
      // Column by column: a block-wise gather measured no faster at thumbnail-pipeline sizes (<= ~1 MP).
      Line line = new Line(boxRadius(sigmaY), height, channels);
      for (int x = 0; x < width; x++) {
        line.run(pixels, x, width, height);
      }
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

  /** Blurs one line (a row or a column) of packed pixels through reusable, edge-padded channel buffers. */
  private static final class Line {
    private final int radius;
    private final int pad;
    private final int innerWeight;
    private final int edgeWeight;
    private final int channels;
    private final int[][] padded;
    private final int[][] spare;

    Line(float floatRadius, int length, int channels) {
      this.radius = (int) floatRadius;
      this.pad = radius + 1;
      // Fixed point with 24 fractional bits, as BoxBlur.c: ww for the 2r+1 whole pixels, fw for each far one.
      this.innerWeight = (int) (long) ((float) (1 << 24) / (floatRadius * 2 + 1));
      this.edgeWeight = (int) (((1L << 24) - (long) (radius * 2 + 1) * innerWeight) / 2);
      this.channels = channels;
      this.padded = new int[channels][length + 2 * pad];
      this.spare = new int[channels][length + 2 * pad];
    }

    void run(int[] pixels, int start, int stride, int length) {
      for (int i = 0, p = start; i < length; i++, p += stride) load(i, pixels[p]);
      blurLoaded(length);
      for (int i = 0, p = start; i < length; i++, p += stride) pixels[p] = stored(i, pixels[p]);
    }

    /** Puts packed pixel {@code v} at position {@code i} of the line. */
    void load(int i, int v) {
      padded[0][pad + i] = (v >>> 16) & 0xff;
      padded[1][pad + i] = (v >>> 8) & 0xff;
      padded[2][pad + i] = v & 0xff;
      if (channels == 4) padded[3][pad + i] = v >>> 24;
    }

    /** Runs the passes over the loaded line of {@code length} px. */
    void blurLoaded(int length) {
      for (int c = 0; c < channels; c++) {
        int[] src = padded[c];
        int[] dst = spare[c];
        for (int pass = 0; pass < PASSES; pass++) {
          boxPass(src, dst, length);
          int[] t = src;
          src = dst;
          dst = t;
        }
        // After an odd number of passes the result is in the spare buffer: swap the roles.
        padded[c] = src;
        spare[c] = dst;
      }
    }

    /** The blurred pixel at position {@code i}, keeping {@code original}'s alpha when alpha is not blurred. */
    int stored(int i, int original) {
      int a = channels == 4 ? padded[3][pad + i] : original >>> 24;
      return (a << 24) | (padded[0][pad + i] << 16) | (padded[1][pad + i] << 8) | padded[2][pad + i];
    }

    /** One extended box pass from {@code src[pad .. pad+length)} into the same span of {@code dst}. */
    private void boxPass(int[] src, int[] dst, int length) {
      int first = src[pad];
      int last = src[pad + length - 1];
      for (int i = 0; i < pad; i++) {
        src[i] = first;
        src[pad + length + i] = last;
      }
      int acc = 0;
      for (int k = pad - radius; k <= pad + radius; k++) {
        acc += src[k];
      }
      // The window of pixel x is [x-r, x+r]; pixels x-r-1 and x+r+1 get the fractional weight.
      int ww = innerWeight;
      int fw = edgeWeight;
      int r = radius;
      for (int i = pad, end = pad + length; i < end; i++) {
        int bulk = acc * ww + (src[i - r - 1] + src[i + r + 1]) * fw;
        dst[i] = (bulk + (1 << 23)) >>> 24;
        acc += src[i + r + 1] - src[i - r];
      }
    }
  }
}
