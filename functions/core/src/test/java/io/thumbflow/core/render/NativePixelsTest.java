package io.thumbflow.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.thumbflow.core.decode.BundledPlatform;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The C render loops against the Java ones they stand in for, pixel for pixel, and their refusals.
 */
class NativePixelsTest {
  /** Odd shapes: single rows and columns, fewer pixels than a box, and one over a band's width. */
  private static final int[][] SIZES = {
    {1, 1}, {1, 9}, {9, 1}, {2, 3}, {7, 5}, {64, 3}, {300, 200}, {77, 1031}
  };

  @Test
  void loadsOnLambdasPlatforms() {
    BundledPlatform.assumeThisOne();
    assertThat(NativePixels.loaded()).isTrue();
  }

  /**
   * Both C passes (AVX2's, where this CPU has it, and the portable one) against the Java loops. The
   * C blurs two lines at a time, so odd counts of rows and columns leave one line alone, and
   * 1001x523 takes more than one slice of rows (an odd last one) and more than one band of columns.
   */
  @Test
  void blursAsTheJavaLoopsDoAtEveryRadiusAndShape() {
    assumeTrue(NativePixels.loaded(), "native render loops not loaded here");
    Random random = new Random(21);
    double[][] sigmas = {{0.3, 0.3}, {0.8, 2}, {2, 2}, {5.5, 0}, {0, 3.1}, {20, 7}};
    int[][] sizes =
        Stream.concat(Arrays.stream(SIZES), Stream.of(new int[] {1001, 523})).toArray(int[][]::new);
    for (int[] size : sizes) {
      for (double[] sigma : sigmas) {
        for (boolean alpha : new boolean[] {false, true}) {
          int[] pixels = randomPixels(random, size[0] * size[1]);
          int[] expected = pixels.clone();
          GaussianBlur.blur(expected, size[0], size[1], sigma[0], sigma[1], alpha, false, false);
          for (boolean portable : new boolean[] {false, true}) {
            int[] blurred = pixels.clone();
            GaussianBlur.blur(blurred, size[0], size[1], sigma[0], sigma[1], alpha, true, portable);
            assertThat(blurred)
                .as(
                    "%dx%d, sigma %s x %s, alpha %s, portable %s",
                    size[0], size[1], sigma[0], sigma[1], alpha, portable)
                .isEqualTo(expected);
          }
        }
      }
    }
  }

  @Test
  void reducesAsTheJavaLoopDoesWithPartialEdgeBlocks() {
    assumeTrue(NativePixels.loaded(), "native render loops not loaded here");
    Random random = new Random(22);
    // 65x63 and 64x64 blocks: the last count the C loop divides by its reciprocal, the first it
    // divides as such.
    int[][] factors = {{1, 1}, {2, 2}, {3, 2}, {4, 7}, {8, 8}, {500, 3}, {65, 63}, {64, 64}};
    for (int[] size : SIZES) {
      for (int[] f : factors) {
        for (boolean alpha : new boolean[] {false, true}) {
          int[] pixels = randomPixels(random, size[0] * size[1]);
          assertThat(BoxReduce.reduce(pixels, size[0], size[1], f[0], f[1], alpha, true))
              .as("%dx%d by %dx%d, alpha %s", size[0], size[1], f[0], f[1], alpha)
              .isEqualTo(BoxReduce.reduce(pixels, size[0], size[1], f[0], f[1], alpha, false));
        }
      }
    }
  }

  @Test
  void resamplesAsTheJavaLoopsDoForShrinksEnlargementsAndFractionalRegions() {
    assumeTrue(NativePixels.loaded(), "native render loops not loaded here");
    Random random = new Random(23);
    int[][] outputs = {{1, 1}, {50, 37}, {3, 90}, {256, 256}};
    for (int[] size : SIZES) {
      for (int[] out : outputs) {
        for (boolean alpha : new boolean[] {false, true}) {
          int[] pixels = randomPixels(random, size[0] * size[1]);
          // Half the cases a fractional region inside the raster, as after a shrink-on-load or a
          // cover crop.
          boolean region = random.nextBoolean();
          double x0 = region ? random.nextDouble() * size[0] / 3 : 0;
          double y0 = region ? random.nextDouble() * size[1] / 3 : 0;
          double w = region ? (size[0] - x0) * (0.5 + random.nextDouble() / 2) : size[0];
          double h = region ? (size[1] - y0) * (0.5 + random.nextDouble() / 2) : size[1];
          Resampler resampler = new Resampler(x0, y0, w, h);
          String label =
              String.format(
                  "%dx%d region %.2f,%.2f %.2fx%.2f to %dx%d, alpha %s",
                  size[0], size[1], x0, y0, w, h, out[0], out[1], alpha);
          assertThat(resampler.resample(pixels, size[0], size[1], alpha, out[0], out[1], true))
              .as(label)
              .isEqualTo(
                  resampler.resample(pixels, size[0], size[1], alpha, out[0], out[1], false));
        }
      }
    }
  }

  @Test
  void refusesSizesItsArraysDoNotHoldWithoutTouchingThem() {
    assumeTrue(NativePixels.loaded(), "native render loops not loaded here");
    int[] pixels = randomPixels(new Random(24), 12);
    int[] before = pixels.clone();
    GaussianBlur.Box box = GaussianBlur.Box.of(2);
    int r = box.radius();
    int ww = box.innerWeight();
    int fw = box.edgeWeight();
    assertThat(NativePixels.blur(pixels, 4, 4, r, ww, fw, r, ww, fw, false, false))
        .isEqualTo(NativePixels.BAD_ARGUMENTS);
    assertThat(NativePixels.blur(pixels, 0, 12, r, ww, fw, r, ww, fw, false, false))
        .isEqualTo(NativePixels.BAD_ARGUMENTS);
    // Weights summing above one (2^24) could carry between lanes.
    assertThat(NativePixels.blur(pixels, 4, 3, r, ww + 1_000_000, fw, -1, 0, 0, false, false))
        .isEqualTo(NativePixels.BAD_ARGUMENTS);
    assertThat(pixels).isEqualTo(before);

    int[] out = new int[4];
    int[] untouched = out.clone();
    assertThat(NativePixels.reduce(pixels, 4, 3, 2, 2, false, new int[3], 1, 1, null))
        .isEqualTo(NativePixels.BAD_ARGUMENTS);
    assertThat(NativePixels.reduce(pixels, 4, 4, 2, 2, false, out, 1, 1, null))
        .isEqualTo(NativePixels.BAD_ARGUMENTS);
    assertThat(NativePixels.reduce(pixels, 4, 3, 0, 2, false, out, 1, 1, null))
        .isEqualTo(NativePixels.BAD_ARGUMENTS);
    // The coarse reduce of 4x3 by 4x2 is 1x2: an array of one cannot hold it.
    int[] coarse = new int[1];
    assertThat(NativePixels.reduce(pixels, 4, 3, 2, 1, false, out, 2, 2, coarse))
        .isEqualTo(NativePixels.BAD_ARGUMENTS);
    assertThat(NativePixels.reduce(pixels, 4, 3, 2, 1, false, out, 0, 2, new int[4]))
        .isEqualTo(NativePixels.BAD_ARGUMENTS);
    assertThat(out).isEqualTo(untouched);
    assertThat(coarse).containsExactly(0);
  }

  @Test
  void refusesTapsOutsideTheImage() {
    assumeTrue(NativePixels.loaded(), "native render loops not loaded here");
    int[] pixels = randomPixels(new Random(25), 12); // 4x3
    int[] out = new int[2];
    // Two taps per output, the first weighted one (2^22), the second nothing: each output copies a
    // pixel.
    int[] weights = {1 << 22, 0, 1 << 22, 0};
    int[] inside = {0, 2, 2, 2};
    int[] rows = {0, 1};
    assertThat(
            NativePixels.resample(
                pixels, 4, 3, false, out, 2, 1, inside, weights, 2, rows, weights, 2))
        .isEqualTo(NativePixels.OK);
    assertThat(out).containsExactly(pixels[0] | 0xff000000, pixels[2] | 0xff000000);

    int[] before = out.clone();
    int[][] outside = {{0, 2, 3, 2}, {-1, 2, 2, 2}, {0, 3, 2, 2}, {0, -1, 2, 2}};
    for (int[] bounds : outside) {
      assertThat(
              NativePixels.resample(
                  pixels, 4, 3, false, out, 2, 1, bounds, weights, 2, rows, weights, 2))
          .as("x taps %s", java.util.Arrays.toString(bounds))
          .isEqualTo(NativePixels.BAD_ARGUMENTS);
    }
    assertThat(
            NativePixels.resample(
                pixels, 4, 3, false, out, 2, 1, inside, weights, 2, new int[] {2, 2}, weights, 2))
        .as("a row past the last")
        .isEqualTo(NativePixels.BAD_ARGUMENTS);
    assertThat(
            NativePixels.resample(
                pixels, 4, 3, false, new int[1], 2, 1, inside, weights, 2, rows, weights, 2))
        .as("an output array too short")
        .isEqualTo(NativePixels.BAD_ARGUMENTS);
    assertThat(out).isEqualTo(before);
  }

  @Test
  void refusesVerticalTapsThatMoveBackUpTheImage() {
    assumeTrue(NativePixels.loaded(), "native render loops not loaded here");
    // The C keeps only a ring of the last rows the vertical taps read, so each output row's first
    // input row must not come before the previous one's.
    int[] pixels = randomPixels(new Random(26), 12); // 4x3
    int[] out = new int[4];
    assertThat(copyRows(pixels, out, 1, 2)).isEqualTo(NativePixels.OK);
    assertThat(out)
        .containsExactly(
            pixels[4] | 0xff000000,
            pixels[6] | 0xff000000,
            pixels[8] | 0xff000000,
            pixels[10] | 0xff000000);

    int[] before = out.clone();
    assertThat(copyRows(pixels, out, 1, 0)).isEqualTo(NativePixels.BAD_ARGUMENTS);
    assertThat(out).isEqualTo(before);
  }

  /**
   * Resamples a 4x3 image to 2x2 with one-tap kernels: columns 0 and 2, and input rows {@code
   * first} then {@code second}.
   */
  private static int copyRows(int[] pixels, int[] out, int first, int second) {
    int[] weights = {1 << 22, 1 << 22};
    int[] columns = {0, 1, 2, 1};
    int[] rows = {first, 1, second, 1};
    return NativePixels.resample(
        pixels, 4, 3, false, out, 2, 2, columns, weights, 1, rows, weights, 1);
  }

  /** Random packed pixels, alpha included, with some fully transparent and opaque ones. */
  private static int[] randomPixels(Random random, int n) {
    int[] pixels = new int[n];
    for (int i = 0; i < n; i++) {
      int v = random.nextInt();
      int kind = random.nextInt(8);
      if (kind == 0) v &= 0x00ffffff;
      if (kind == 1) v |= 0xff000000;
      pixels[i] = v;
    }
    return pixels;
  }
}
