package io.thumbflow.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoxReduceTest {

  @Test
  void averagesEachBlockWithRounding() {
    // 4x2 image, factor 2x2 -> 2x1: left block greys 0,10,20,31 (mean 15.25 -> 15); right 255 x4.
    int[] px = {grey(0), grey(10), grey(255), grey(255), grey(20), grey(31), grey(255), grey(255)};
    int[] out = BoxReduce.reduce(px, 4, 2, 2, 2, false);
    assertThat(out).containsExactly(grey(15), grey(255));
  }

  @Test
  void averagesPartialEdgeBlocksOverThePixelsTheyHave() {
    int[] px = {grey(0), grey(0), grey(0), grey(90), grey(30)};
    int[] out = BoxReduce.reduce(px, 5, 1, 3, 1, false);
    assertThat(BoxReduce.reducedLength(5, 3)).isEqualTo(2);
    assertThat(out).containsExactly(grey(0), grey(60));
  }

  @Test
  void averagesAlphaWhenTheImageHasIt() {
    int[] px = {0x00000000, 0xff000000};
    int[] out = BoxReduce.reduce(px, 2, 1, 2, 1, true);
    assertThat(out[0] >>> 24).isEqualTo(128);
  }

  @Test
  void roundsABlockOneShortOfTheNextStepDownAtEveryBlockSize() {
    // ceil(count / 2) - 1 pixels at 255, the rest at 254: sum + count / 2 is 255 * count - 1, the
    // largest remainder a division can leave, where a reciprocal a little too large gives 255.
    int[][] factors = {{1, 1}, {2, 1}, {3, 3}, {7, 9}, {64, 63}, {65, 63}, {64, 64}, {130, 63}};
    for (int[] f : factors) {
      int count = f[0] * f[1];
      int[] px = new int[count];
      for (int i = 0; i < count; i++) px[i] = grey(i < (count + 1) / 2 - 1 ? 255 : 254);
      int[] out = BoxReduce.reduce(px, f[0], f[1], f[0], f[1], false);
      assertThat(out).as("by %dx%d", f[0], f[1]).containsExactly(grey(254));
    }
  }

  @Test
  void reducingTwiceInOnePassGivesExactlyTheTwoSeparateReduces() {
    java.util.Random random = new java.util.Random(31);
    // Odd sizes leave partial blocks at both levels; 1x1 and 8x8 then 1x1 are the degenerate cases.
    int[][] sizes = {{1, 1}, {5, 3}, {17, 13}, {64, 48}, {101, 7}};
    int[][] factors = {{2, 2, 2, 2}, {2, 2, 4, 4}, {3, 1, 2, 5}, {1, 1, 3, 3}, {8, 8, 1, 1}};
    for (int[] size : sizes) {
      for (int[] f : factors) {
        for (boolean alpha : new boolean[] {false, true}) {
          int[] px = new int[size[0] * size[1]];
          for (int i = 0; i < px.length; i++) px[i] = random.nextInt();
          for (boolean nativeLoop : new boolean[] {false, NativePixels.loaded()}) {
            BoxReduce.Reductions both =
                BoxReduce.reduceTwice(
                    px, size[0], size[1], f[0], f[1], f[2], f[3], alpha, nativeLoop);
            String shape =
                String.format(
                    "%dx%d by %dx%d then %dx%d, alpha %s, C loop %s",
                    size[0], size[1], f[0], f[1], f[2], f[3], alpha, nativeLoop);
            assertThat(both.fine())
                .as(shape)
                .isEqualTo(BoxReduce.reduce(px, size[0], size[1], f[0], f[1], alpha, false));
            assertThat(both.coarse())
                .as(shape)
                .isEqualTo(
                    BoxReduce.reduce(px, size[0], size[1], f[0] * f[2], f[1] * f[3], alpha, false));
          }
        }
      }
    }
  }

  private static int grey(int v) {
    return 0xff000000 | (v << 16) | (v << 8) | v;
  }
}
