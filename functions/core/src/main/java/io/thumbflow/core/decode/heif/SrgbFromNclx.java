package io.thumbflow.core.decode.heif;

import java.util.Optional;

/**
 * Converts RGB decoded from nclx-described content to sRGB, in place, one pixel at a time (values
 * 0..1).
 *
 * <p>SDR: primaries 9 (BT.2020), 11 (DCI-P3, DCI white adapted to D65 with Bradford) and 12
 * (Display P3) are converted to BT.709/sRGB primaries in linear light and clipped; other primaries
 * are shown as BT.709. The BT.709-family transfers (1, 6, 14, 15) and unspecified ones are taken as
 * the sRGB curve, as browsers display them, so only the gamut changes; gamma 2.2 (4), 2.8 (5) and
 * linear (8) are re-encoded to sRGB.
 *
 * <p>HDR to SDR: PQ (16) is decoded to absolute luminance (SMPTE ST 2084), HLG (18) to display
 * light on a 1000 cd/m2 display (BT.2100 inverse OETF and OOTF with system gamma 1.2); both are
 * then scaled so that the BT.2408 reference white (203 cd/m2) becomes sRGB white, converted to
 * BT.709 primaries, and highlights above 80% of white are rolled off smoothly towards white (hue
 * kept: the roll-off scales all three channels by the factor its largest one needs).
 */
final class SrgbFromNclx {
  private static final double REFERENCE_WHITE_NITS = 203;
  private static final double KNEE = 0.8;

  private final double[] matrix;
  private final int transfer;

  private SrgbFromNclx(double[] matrix, int transfer) {
    this.matrix = matrix;
    this.transfer = transfer;
  }

  /**
   * The conversion {@code nclx} needs, or empty when its pixels already are sRGB to a thumbnail's
   * eye.
   */
  static Optional<SrgbFromNclx> of(Nclx nclx) {
    double[] matrix =
        switch (nclx.primaries()) {
          case Nclx.PRIMARIES_DISPLAY_P3 -> Primaries.DISPLAY_P3.toSrgb();
          case Nclx.PRIMARIES_DCI_P3 -> Primaries.DCI_P3.toSrgb();
          case Nclx.PRIMARIES_BT2020 -> Primaries.BT2020.toSrgb();
          default -> null;
        };
    int t = nclx.transfer();
    boolean transferChanges =
        t == Nclx.TRANSFER_GAMMA22
            || t == Nclx.TRANSFER_GAMMA28
            || t == Nclx.TRANSFER_LINEAR
            || nclx.hdr();
    if (matrix == null && !transferChanges) {
      return Optional.empty();
    }
    return Optional.of(new SrgbFromNclx(matrix, t));
  }

  /** Converts {@code rgb[offset..offset+2]} (encoded, 0..1) to sRGB (encoded, 0..1). */
  void apply(float[] rgb, int offset) {
    double r = toLinear(rgb[offset]);
    double g = toLinear(rgb[offset + 1]);
    double b = toLinear(rgb[offset + 2]);
    if (transfer == Nclx.TRANSFER_HLG) {
      // BT.2100 HLG OOTF for a 1000 cd/m2 display: Fd = Lw * Ys^(gamma-1) * E, gamma 1.2, Ys with
      // BT.2020 weights.
      double ys = 0.2627 * r + 0.6780 * g + 0.0593 * b;
      double gain = ys <= 0 ? 0 : 1000 * Math.pow(ys, 0.2);
      r *= gain;
      g *= gain;
      b *= gain;
    }
    if (transfer == Nclx.TRANSFER_PQ || transfer == Nclx.TRANSFER_HLG) {
      r /= REFERENCE_WHITE_NITS;
      g /= REFERENCE_WHITE_NITS;
      b /= REFERENCE_WHITE_NITS;
    }
    if (matrix != null) {
      double r2 = matrix[0] * r + matrix[1] * g + matrix[2] * b;
      double g2 = matrix[3] * r + matrix[4] * g + matrix[5] * b;
      double b2 = matrix[6] * r + matrix[7] * g + matrix[8] * b;
      r = Math.max(0, r2);
      g = Math.max(0, g2);
      b = Math.max(0, b2);
    }
    double max = Math.max(r, Math.max(g, b));
    if (max > KNEE && (transfer == Nclx.TRANSFER_PQ || transfer == Nclx.TRANSFER_HLG)) {
      double scale = rollOff(max) / max;
      r *= scale;
      g *= scale;
      b *= scale;
    }
    rgb[offset] = (float) srgbEncode(r);
    rgb[offset + 1] = (float) srgbEncode(g);
    rgb[offset + 2] = (float) srgbEncode(b);
  }

  /**
   * Identity up to the knee, then an exponential approach to 1 whose slope is continuous at the
   * knee.
   */
  static double rollOff(double x) {
    return x <= KNEE ? x : KNEE + (1 - KNEE) * (1 - Math.exp(-(x - KNEE) / (1 - KNEE)));
  }

  private double toLinear(double v) {
    return switch (transfer) {
      case Nclx.TRANSFER_LINEAR -> v;
      case Nclx.TRANSFER_GAMMA22 -> Math.pow(v, 2.2);
      case Nclx.TRANSFER_GAMMA28 -> Math.pow(v, 2.8);
      case Nclx.TRANSFER_PQ -> pqToNits(v);
      case Nclx.TRANSFER_HLG -> hlgToScene(v);
      default -> srgbDecode(v);
    };
  }

  /** IEC 61966-2-1 sRGB EOTF (encoded 0..1 to linear 0..1). */
  static double srgbDecode(double v) {
    return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  }

  /** IEC 61966-2-1 inverse EOTF, clamped to 0..1. */
  static double srgbEncode(double v) {
    if (v <= 0) {
      return 0;
    }
    if (v >= 1) {
      return 1;
    }
    return v <= 0.0031308 ? v * 12.92 : 1.055 * Math.pow(v, 1 / 2.4) - 0.055;
  }

  /** SMPTE ST 2084 EOTF: PQ signal 0..1 to luminance in cd/m2 (0..10000). */
  static double pqToNits(double v) {
    double m1 = 2610.0 / 16384;
    double m2 = 2523.0 / 4096 * 128;
    double c1 = 3424.0 / 4096;
    double c2 = 2413.0 / 4096 * 32;
    double c3 = 2392.0 / 4096 * 32;
    double p = Math.pow(Math.max(v, 0), 1 / m2);
    return 10000 * Math.pow(Math.max(p - c1, 0) / (c2 - c3 * p), 1 / m1);
  }

  /** BT.2100 HLG inverse OETF: signal 0..1 to normalised scene light 0..1. */
  static double hlgToScene(double v) {
    double a = 0.17883277;
    double b = 1 - 4 * a;
    double c = 0.5 - a * Math.log(4 * a);
    return v <= 0.5 ? v * v / 3 : (Math.exp((v - c) / a) + b) / 12;
  }
}
