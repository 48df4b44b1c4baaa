package io.thumbflow.core.decode.heif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SrgbFromNclxTest {

  @Test
  void leavesBt709AndSrgbContentAlone() {
    assertThat(SrgbFromNclx.of(Nclx.SRGB)).isEmpty();
    assertThat(SrgbFromNclx.of(new Nclx(1, 1, 1, false)))
        .isEmpty(); // BT.709 video range, from libavif's tests
    assertThat(SrgbFromNclx.of(new Nclx(2, 2, 2, true))).isEmpty(); // unspecified
  }

  @Test
  void displayP3ToSrgbMatrixIsTheOnePublishedInCssColor4() {
    // CSS Color Module Level 4, section 18 (sample code): lin_P3 -> XYZ -> lin_sRGB, multiplied
    // out.
    double[] expected = {
      1.2249401, -0.2249404, 0, -0.0420569, 1.0420571, 0, -0.0196376, -0.0786361, 1.0982735
    };
    double[] m = Primaries.DISPLAY_P3.toSrgb();
    for (int i = 0; i < 9; i++) {
      assertThat(m[i]).as("element %d", i).isCloseTo(expected[i], within(2e-4));
    }
  }

  @Test
  void bt2020ToBt709MatrixIsTheOneInItuRBt2087() {
    // ITU-R BT.2087-0, equation (8).
    double[] expected = {
      1.6605, -0.5876, -0.0728, -0.1246, 1.1329, -0.0083, -0.0182, -0.1006, 1.1187
    };
    double[] m = Primaries.BT2020.toSrgb();
    for (int i = 0; i < 9; i++) {
      assertThat(m[i]).as("element %d", i).isCloseTo(expected[i], within(1e-3));
    }
  }

  @Test
  void dciP3WhiteIsAdaptedSoItsWhiteBecomesD65White() {
    double[] m = Primaries.DCI_P3.toSrgb();
    double[] white = Primaries.apply(m, new double[] {1, 1, 1});
    assertThat(white[0]).isCloseTo(white[1], within(0.03));
    assertThat(white[2]).isCloseTo(white[1], within(0.03));
  }

  @Test
  void keepsP3GreyAndPullsSaturatedP3RedIntoTheSrgbGamut() {
    SrgbFromNclx p3 =
        SrgbFromNclx.of(new Nclx(Nclx.PRIMARIES_DISPLAY_P3, 13, 0, true)).orElseThrow();
    float[] grey = {0.5f, 0.5f, 0.5f};
    p3.apply(grey, 0);
    assertThat(grey).containsExactly(new float[] {0.5f, 0.5f, 0.5f}, within(1e-3f));
    // A mid P3 orange: linear (0.5, 0.2, 0.1) in P3 -> sRGB linear by the CSS matrix, then encoded.
    float[] orange = {
      (float) SrgbFromNclx.srgbEncode(0.5),
      (float) SrgbFromNclx.srgbEncode(0.2),
      (float) SrgbFromNclx.srgbEncode(0.1)
    };
    p3.apply(orange, 0);
    double r = 1.2249401 * 0.5 - 0.2249404 * 0.2;
    double g = -0.0420569 * 0.5 + 1.0420571 * 0.2;
    double b = -0.0196376 * 0.5 - 0.0786361 * 0.2 + 1.0982735 * 0.1;
    assertThat(orange)
        .containsExactly(
            new float[] {
              (float) SrgbFromNclx.srgbEncode(r),
              (float) SrgbFromNclx.srgbEncode(g),
              (float) SrgbFromNclx.srgbEncode(b)
            },
            within(1e-3f));
  }

  @Test
  void pqReferenceWhiteBecomesNearWhiteAndBrighterHighlightsRollOffBelowClipping() {
    SrgbFromNclx pq =
        SrgbFromNclx.of(new Nclx(Nclx.PRIMARIES_BT2020, Nclx.TRANSFER_PQ, 9, false)).orElseThrow();
    float white = (float) pqSignal(203);
    float[] reference = {white, white, white};
    pq.apply(reference, 0);
    float[] peak = {1f, 1f, 1f}; // 10000 cd/m2
    pq.apply(peak, 0);
    float[] black = {0f, 0f, 0f};
    pq.apply(black, 0);
    assertThat(reference[0]).isBetween(0.95f, 0.98f); // roll-off above 80% of white
    assertThat(peak[0]).isGreaterThan(reference[0]).isLessThanOrEqualTo(1f);
    assertThat(black[0]).isEqualTo(0f);
  }

  @Test
  void hlgAtSeventyFivePercentSignalLooksLikePqReferenceWhite() {
    // BT.2408: HLG reference white is at 75% signal, 203 cd/m2 on a 1000 cd/m2 display.
    SrgbFromNclx hlg =
        SrgbFromNclx.of(new Nclx(Nclx.PRIMARIES_BT2020, Nclx.TRANSFER_HLG, 9, false)).orElseThrow();
    SrgbFromNclx pq =
        SrgbFromNclx.of(new Nclx(Nclx.PRIMARIES_BT2020, Nclx.TRANSFER_PQ, 9, false)).orElseThrow();
    float[] h = {0.75f, 0.75f, 0.75f};
    hlg.apply(h, 0);
    float w = (float) pqSignal(203);
    float[] p = {w, w, w};
    pq.apply(p, 0);
    assertThat(h[0]).isCloseTo(p[0], within(0.02f));
  }

  @Test
  void rollOffIsTheIdentityBelowTheKneeAndStaysBelowOne() {
    assertThat(SrgbFromNclx.rollOff(0.5)).isEqualTo(0.5);
    assertThat(SrgbFromNclx.rollOff(0.8)).isEqualTo(0.8);
    assertThat(SrgbFromNclx.rollOff(2)).isBetween(0.9, 1.0);
    assertThat(SrgbFromNclx.rollOff(50)).isBetween(SrgbFromNclx.rollOff(2), 1.0);
  }

  @Test
  void pqCurveMatchesSt2084AtKnownPoints() {
    assertThat(SrgbFromNclx.pqToNits(0)).isCloseTo(0, within(1e-9));
    assertThat(SrgbFromNclx.pqToNits(1)).isCloseTo(10000, within(1e-6));
    assertThat(SrgbFromNclx.pqToNits(0.58069)).isCloseTo(203, within(0.5)); // BT.2408 table 1: 58%
  }

  /** SMPTE ST 2084 inverse EOTF. */
  private static double pqSignal(double nits) {
    double m1 = 2610.0 / 16384;
    double m2 = 2523.0 / 4096 * 128;
    double c1 = 3424.0 / 4096;
    double c2 = 2413.0 / 4096 * 32;
    double c3 = 2392.0 / 4096 * 32;
    double y = Math.pow(nits / 10000, m1);
    return Math.pow((c1 + c2 * y) / (1 + c3 * y), m2);
  }
}
