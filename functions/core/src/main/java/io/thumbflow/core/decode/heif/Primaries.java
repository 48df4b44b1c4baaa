package io.thumbflow.core.decode.heif;

/**
 * RGB primaries and white point as CIE xy chromaticities, and the linear-light matrix that takes
 * such RGB to sRGB (BT.709 primaries, D65), adapting a different white with the Bradford transform.
 */
record Primaries(
    double rx, double ry, double gx, double gy, double bx, double by, double wx, double wy) {
  // H.273 Table 2.
  static final Primaries BT709 =
      new Primaries(0.640, 0.330, 0.300, 0.600, 0.150, 0.060, 0.3127, 0.3290);
  static final Primaries BT2020 =
      new Primaries(0.708, 0.292, 0.170, 0.797, 0.131, 0.046, 0.3127, 0.3290);
  static final Primaries DCI_P3 =
      new Primaries(0.680, 0.320, 0.265, 0.690, 0.150, 0.060, 0.314, 0.351);
  static final Primaries DISPLAY_P3 =
      new Primaries(0.680, 0.320, 0.265, 0.690, 0.150, 0.060, 0.3127, 0.3290);

  private static final double[] BRADFORD = {
    0.8951, 0.2664, -0.1614,
    -0.7502, 1.7135, 0.0367,
    0.0389, -0.0685, 1.0296
  };

  /** Row-major 3x3 matrix from linear RGB in these primaries to linear sRGB. */
  double[] toSrgb() {
    double[] toXyz = toXyz();
    if (wx != BT709.wx || wy != BT709.wy) {
      toXyz = multiply(adaptation(xyz(wx, wy), xyz(BT709.wx, BT709.wy)), toXyz);
    }
    return multiply(invert(BT709.toXyz()), toXyz);
  }

  /** RGB to XYZ (Y of white = 1), the usual construction from the chromaticities (SMPTE RP 177). */
  double[] toXyz() {
    double[] m = {
      rx / ry, gx / gy, bx / by, 1, 1, 1, (1 - rx - ry) / ry, (1 - gx - gy) / gy, (1 - bx - by) / by
    };
    double[] s = apply(invert(m), xyz(wx, wy));
    return new double[] {
      m[0] * s[0], m[1] * s[1], m[2] * s[2],
      m[3] * s[0], m[4] * s[1], m[5] * s[2],
      m[6] * s[0], m[7] * s[1], m[8] * s[2]
    };
  }

  private static double[] xyz(double x, double y) {
    return new double[] {x / y, 1, (1 - x - y) / y};
  }

  private static double[] adaptation(double[] from, double[] to) {
    double[] a = apply(BRADFORD, from);
    double[] b = apply(BRADFORD, to);
    double[] scale = {b[0] / a[0], 0, 0, 0, b[1] / a[1], 0, 0, 0, b[2] / a[2]};
    return multiply(invert(BRADFORD), multiply(scale, BRADFORD));
  }

  static double[] apply(double[] m, double[] v) {
    return new double[] {
      m[0] * v[0] + m[1] * v[1] + m[2] * v[2],
      m[3] * v[0] + m[4] * v[1] + m[5] * v[2],
      m[6] * v[0] + m[7] * v[1] + m[8] * v[2]
    };
  }

  static double[] multiply(double[] a, double[] b) {
    double[] c = new double[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        c[i * 3 + j] = a[i * 3] * b[j] + a[i * 3 + 1] * b[3 + j] + a[i * 3 + 2] * b[6 + j];
      }
    }
    return c;
  }

  static double[] invert(double[] m) {
    double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5], g = m[6], h = m[7], i = m[8];
    double det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
    return new double[] {
      (e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det,
      (f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det,
      (d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det
    };
  }
}
