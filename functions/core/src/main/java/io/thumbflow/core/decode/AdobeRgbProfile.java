package io.thumbflow.core.decode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An ICC profile (version 2.1, display class, matrix/TRC) for Adobe RGB (1998), built from the
 * colour space's published definition ("Adobe RGB (1998) Color Image Encoding", Adobe Systems,
 * 2005, section 4.3): primaries R (0.6400, 0.3300), G (0.2100, 0.7100), B (0.1500, 0.0600), white
 * point D65 (0.3127, 0.3290), and a pure power transfer function of gamma 563/256 = 2.19921875. The
 * colorants are adapted to the ICC connection space white D50 (0.9642, 1.0000, 0.8249) with the
 * Bradford transform, as ICC.1 Annex E asks. Written here rather than shipped, so there is no
 * licence to carry; it is used for photos that say Adobe RGB only in EXIF.
 */
final class AdobeRgbProfile {
  private static final double[][] PRIMARIES = {{0.64, 0.33}, {0.21, 0.71}, {0.15, 0.06}};
  private static final double[] D65 = {0.3127 / 0.3290, 1.0, (1 - 0.3127 - 0.3290) / 0.3290};
  private static final double[] D50 = {0.9642, 1.0, 0.8249};
  private static final double[][] BRADFORD = {
    {0.8951, 0.2664, -0.1614}, {-0.7502, 1.7135, 0.0367}, {0.0389, -0.0685, 1.0296}
  };

  /** 563/256 as the u8Fixed8Number of a 'curv' tag with one entry. */
  private static final int GAMMA_U8F8 = 563;

  private static final byte[] BYTES = build();

  private AdobeRgbProfile() {}

  /** The profile's bytes (a copy). */
  static byte[] bytes() {
    return BYTES.clone();
  }

  /**
   * The D50-adapted XYZ of the red, green and blue colorants (rows), as the profile stores them.
   */
  static double[][] colorants() {
    double[][] m = new double[3][];
    double[][] rgbToXyz = rgbToXyz();
    double[][] adapt = adaptation(D65, D50);
    for (int c = 0; c < 3; c++) {
      double[] column = {rgbToXyz[0][c], rgbToXyz[1][c], rgbToXyz[2][c]};
      m[c] = multiply(adapt, column);
    }
    return m;
  }

  /**
   * The RGB -> XYZ (D65) matrix whose columns are the primaries scaled so that RGB 1,1,1 is the
   * white.
   */
  private static double[][] rgbToXyz() {
    double[][] p = new double[3][3];
    for (int c = 0; c < 3; c++) {
      double x = PRIMARIES[c][0];
      double y = PRIMARIES[c][1];
      p[0][c] = x / y;
      p[1][c] = 1;
      p[2][c] = (1 - x - y) / y;
    }
    double[] s = multiply(invert(p), D65);
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        p[r][c] *= s[c];
      }
    }
    return p;
  }

  /** Bradford chromatic adaptation from white {@code from} to white {@code to} (XYZ, Y = 1). */
  private static double[][] adaptation(double[] from, double[] to) {
    double[] a = multiply(BRADFORD, from);
    double[] b = multiply(BRADFORD, to);
    double[][] scale = {{b[0] / a[0], 0, 0}, {0, b[1] / a[1], 0}, {0, 0, b[2] / a[2]}};
    return multiply(invert(BRADFORD), multiply(scale, BRADFORD));
  }

  private static byte[] build() {
    double[][] colorants = colorants();
    byte[][] tags = {
      text("desc", "Adobe RGB (1998) compatible, thumbflow"),
      xyz(D50), // media white point: v4 semantics, as relative colorimetric needs no more
      xyz(colorants[0]),
      xyz(colorants[1]),
      xyz(colorants[2]),
      curve(),
      curve(),
      curve(),
      text("text", "No copyright, use freely")
    };
    String[] signatures = {"desc", "wtpt", "rXYZ", "gXYZ", "bXYZ", "rTRC", "gTRC", "bTRC", "cprt"};
    int offset = 128 + 4 + 12 * tags.length;
    ByteArrayOutputStream table = new ByteArrayOutputStream();
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    u32(table, tags.length);
    for (int i = 0; i < tags.length; i++) {
      table.writeBytes(signatures[i].getBytes(StandardCharsets.US_ASCII));
      u32(table, offset + data.size());
      u32(table, tags[i].length);
      data.writeBytes(tags[i]);
      while (data.size() % 4 != 0) {
        data.write(0);
      }
    }
    int size = 128 + table.size() + data.size();
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    u32(out, size);
    u32(out, 0); // preferred CMM
    u32(out, 0x02100000); // version 2.1
    out.writeBytes("mntrRGB XYZ ".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(
        new byte[] {0x07, (byte) 0xCE, 0, 2, 0, 9, 0, 6, 0, 0x31, 0, 0}); // 1998-02-09 06:49:00
    out.writeBytes("acsp".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(new byte[4 + 4 + 4 + 4 + 8]); // platform, flags, manufacturer, model, attributes
    u32(out, 0); // perceptual intent
    out.writeBytes(s15f16(D50));
    out.writeBytes(new byte[4 + 16 + 28]); // creator, profile ID, reserved
    out.writeBytes(table.toByteArray());
    out.writeBytes(data.toByteArray());
    return out.toByteArray();
  }

  private static byte[] xyz(double[] v) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("XYZ ".getBytes(StandardCharsets.US_ASCII));
    u32(out, 0);
    out.writeBytes(s15f16(v));
    return out.toByteArray();
  }

  private static byte[] curve() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("curv".getBytes(StandardCharsets.US_ASCII));
    u32(out, 0);
    u32(out, 1);
    out.write(GAMMA_U8F8 >> 8);
    out.write(GAMMA_U8F8 & 0xFF);
    return out.toByteArray();
  }

  /** A v2 'desc' (textDescriptionType) or 'text' (textType) tag. */
  private static byte[] text(String type, String value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] ascii = (value + "\0").getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(type.getBytes(StandardCharsets.US_ASCII));
    u32(out, 0);
    if (type.equals("desc")) {
      u32(out, ascii.length);
      out.writeBytes(ascii);
      out.writeBytes(new byte[4 + 4 + 2 + 1 + 67]); // no Unicode or ScriptCode description
    } else {
      out.writeBytes(ascii);
    }
    return out.toByteArray();
  }

  private static byte[] s15f16(double[] v) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (double x : v) {
      u32(out, (int) Math.round(x * 65536));
    }
    return out.toByteArray();
  }

  private static void u32(ByteArrayOutputStream out, int v) {
    out.write(v >>> 24);
    out.write((v >>> 16) & 0xFF);
    out.write((v >>> 8) & 0xFF);
    out.write(v & 0xFF);
  }

  private static double[] multiply(double[][] m, double[] v) {
    double[] r = new double[3];
    for (int i = 0; i < 3; i++) {
      r[i] = m[i][0] * v[0] + m[i][1] * v[1] + m[i][2] * v[2];
    }
    return r;
  }

  private static double[][] multiply(double[][] a, double[][] b) {
    double[][] r = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        r[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j] + a[i][2] * b[2][j];
      }
    }
    return r;
  }

  private static double[][] invert(double[][] m) {
    double a = m[0][0], b = m[0][1], c = m[0][2];
    double d = m[1][0], e = m[1][1], f = m[1][2];
    double g = m[2][0], h = m[2][1], i = m[2][2];
    double det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
    return new double[][] {
      {(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det},
      {(f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det},
      {(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det}
    };
  }
}
