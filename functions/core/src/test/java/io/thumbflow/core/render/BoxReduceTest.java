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

  private static int grey(int v) {
    return 0xff000000 | (v << 16) | (v << 8) | v;
  }
}
