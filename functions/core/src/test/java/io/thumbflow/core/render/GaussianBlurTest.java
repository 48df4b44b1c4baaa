package io.thumbflow.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GaussianBlurTest {

  /** A black/white checkerboard of {@code cell} px squares, opaque. */
  static int[] checkerboard(int w, int h, int cell) {
    int[] px = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        px[y * w + x] = ((x / cell + y / cell) % 2 == 0) ? 0xff000000 : 0xffffffff;
      }
    }
    return px;
  }

  /**
   * Sum of squared differences between horizontal and vertical neighbours, over the green channel.
   */
  static double gradientEnergy(int[] px, int w, int h) {
    double e = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int g = (px[y * w + x] >>> 8) & 0xff;
        if (x + 1 < w) e += Math.pow(g - ((px[y * w + x + 1] >>> 8) & 0xff), 2);
        if (y + 1 < h) e += Math.pow(g - ((px[(y + 1) * w + x] >>> 8) & 0xff), 2);
      }
    }
    return e;
  }

  @Test
  void blurRemovesMostOfTheEdgeEnergyOfACheckerboard() {
    int[] px = checkerboard(64, 48, 4);
    double before = gradientEnergy(px, 64, 48);
    GaussianBlur.blur(px, 64, 48, 2, 2, false);
    double after = gradientEnergy(px, 64, 48);
    assertThat(after).isLessThan(before * 0.1);
  }

  @Test
  void blurOfAFlatImageStaysFlat() {
    int[] px = new int[30 * 20];
    java.util.Arrays.fill(px, 0xff336699);
    GaussianBlur.blur(px, 30, 20, 3.5, 3.5, false);
    assertThat(px).containsOnly(0xff336699);
  }

  @Test
  void radiusZeroIsTheExactIdentity() {
    int[] px = checkerboard(17, 9, 1);
    px[5] = 0x80123456;
    int[] copy = px.clone();
    GaussianBlur.blur(px, 17, 9, 0, 0, true);
    assertThat(px).isEqualTo(copy);
  }

  @Test
  void blursOnlyAlongTheAxisWithANonZeroSigma() {
    int w = 20;
    int h = 20;
    int[] px = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        px[y * w + x] = x < w / 2 ? 0xff000000 : 0xffffffff; // a vertical edge: varies along x only
      }
    }
    int[] vertical = px.clone();
    GaussianBlur.blur(vertical, w, h, 0, 3, false);
    assertThat(vertical)
        .as("blurring along y leaves a pattern constant in y untouched")
        .isEqualTo(px);
    GaussianBlur.blur(px, w, h, 3, 0, false);
    assertThat((px[w / 2 - 1] >>> 8) & 0xff).isBetween(1, 254);
  }

  @Test
  void keepsAlphaOfOpaqueImagesAndBlursAlphaWhenAsked() {
    int[] rgb = checkerboard(10, 10, 2);
    GaussianBlur.blur(rgb, 10, 10, 1, 1, false);
    for (int v : rgb) assertThat(v >>> 24).isEqualTo(0xff);

    int[] argb = new int[10 * 10];
    for (int i = 0; i < argb.length; i++) argb[i] = (i % 10 < 5 ? 0x00 : 0xff) << 24;
    GaussianBlur.blur(argb, 10, 10, 1, 1, true);
    assertThat(argb[4] >>> 24).isBetween(1, 254);
  }

  @Test
  void handlesRadiiLargerThanTheImage() {
    int[] px = checkerboard(3, 2, 1);
    GaussianBlur.blur(px, 3, 2, 40, 40, false);
    for (int v : px) assertThat((v >>> 8) & 0xff).isBetween(100, 155);
  }

  @Test
  void refusesNegativeSigmasAndShortArrays() {
    assertThatThrownBy(() -> GaussianBlur.blur(new int[4], 2, 2, -1, 0, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GaussianBlur.blur(new int[3], 2, 2, 1, 1, false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
