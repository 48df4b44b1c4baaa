package io.thumbflow.core.placeholder;

/**
 * Wolt's BlurHash encoder (https://github.com/woltapp/blurhash, the reference algorithm): a handful
 * of cosine components of the image in linear light, quantised and written in base 83, typically
 * 20-30 characters that a page decodes into a blurred preview.
 */
public final class BlurHash {
  private static final String DIGITS =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~";
  private static final double[] SRGB_TO_LINEAR = new double[256];

  static {
    for (int i = 0; i < 256; i++) {
      double v = i / 255.0;
      SRGB_TO_LINEAR[i] = v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
  }

  private BlurHash() {}

  /**
   * Components across and down for an image of this shape: about 16 in all, spread so each covers a
   * roughly square area (4x4 for a square, 5x3 for 3:2, 8x2 for a 4:1 panorama), 1..9 each (the
   * format's limit).
   */
  public static int[] componentsFor(int width, int height) {
    double aspect = (double) width / height;
    int x = (int) Math.max(1, Math.min(9, Math.round(4 * Math.sqrt(aspect))));
    int y = (int) Math.max(1, Math.min(9, Math.round(4 / Math.sqrt(aspect))));
    return new int[] {x, y};
  }

  /**
   * Encodes opaque packed {@code 0x..RRGGBB} pixels ({@code width x height}, row-major).
   *
   * @param componentsX components across, 1..9
   * @param componentsY components down, 1..9
   */
  public static String encode(int[] rgb, int width, int height, int componentsX, int componentsY) {
    if (componentsX < 1 || componentsX > 9 || componentsY < 1 || componentsY > 9)
      throw new IllegalArgumentException(
          "BlurHash components must be 1..9, were " + componentsX + "x" + componentsY);
    if (width < 1 || height < 1 || rgb.length < width * height)
      throw new IllegalArgumentException("no " + width + "x" + height + " pixels to encode");
    double[][] factors = new double[componentsX * componentsY][];
    double[] cosX = new double[width];
    double[] cosY = new double[height];
    for (int j = 0; j < componentsY; j++) {
      for (int y = 0; y < height; y++) cosY[y] = Math.cos(Math.PI * j * y / height);
      for (int i = 0; i < componentsX; i++) {
        for (int x = 0; x < width; x++) cosX[x] = Math.cos(Math.PI * i * x / width);
        double r = 0;
        double g = 0;
        double b = 0;
        for (int y = 0; y < height; y++) {
          for (int x = 0; x < width; x++) {
            double basis = cosX[x] * cosY[y];
            int p = rgb[y * width + x];
            r += basis * SRGB_TO_LINEAR[(p >>> 16) & 0xff];
            g += basis * SRGB_TO_LINEAR[(p >>> 8) & 0xff];
            b += basis * SRGB_TO_LINEAR[p & 0xff];
          }
        }
        double scale = (i == 0 && j == 0 ? 1.0 : 2.0) / (width * height);
        factors[j * componentsX + i] = new double[] {r * scale, g * scale, b * scale};
      }
    }
    StringBuilder hash = new StringBuilder(4 + 2 * factors.length);
    base83(hash, (componentsX - 1) + (componentsY - 1) * 9, 1);
    double maximum = 1;
    if (factors.length > 1) {
      double actualMax = 0;
      for (int k = 1; k < factors.length; k++) {
        for (double v : factors[k]) actualMax = Math.max(actualMax, Math.abs(v));
      }
      int quantisedMax = (int) Math.max(0, Math.min(82, Math.floor(actualMax * 166 - 0.5)));
      maximum = (quantisedMax + 1) / 166.0;
      base83(hash, quantisedMax, 1);
    } else {
      base83(hash, 0, 1);
    }
    double[] dc = factors[0];
    base83(hash, (toSrgb(dc[0]) << 16) + (toSrgb(dc[1]) << 8) + toSrgb(dc[2]), 4);
    for (int k = 1; k < factors.length; k++) {
      double[] f = factors[k];
      base83(
          hash,
          quantiseAc(f[0], maximum) * 19 * 19
              + quantiseAc(f[1], maximum) * 19
              + quantiseAc(f[2], maximum),
          2);
    }
    return hash.toString();
  }

  private static int quantiseAc(double value, double maximum) {
    double v = value / maximum;
    double signedRoot = Math.copySign(Math.sqrt(Math.abs(v)), v);
    return (int) Math.max(0, Math.min(18, Math.floor(signedRoot * 9 + 9.5)));
  }

  private static int toSrgb(double linear) {
    double v = Math.max(0, Math.min(1, linear));
    return v <= 0.0031308
        ? (int) (v * 12.92 * 255 + 0.5)
        : (int) ((1.055 * Math.pow(v, 1 / 2.4) - 0.055) * 255 + 0.5);
  }

  private static void base83(StringBuilder out, int value, int length) {
    for (int i = 1; i <= length; i++) {
      int digit = (int) (value / Math.pow(83, length - i)) % 83;
      out.append(DIGITS.charAt(digit));
    }
  }
}
