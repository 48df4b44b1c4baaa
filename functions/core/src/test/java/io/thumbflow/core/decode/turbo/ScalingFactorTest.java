package io.thumbflow.core.decode.turbo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScalingFactorTest {
  @Test
  void choosesOneEighthForALargePhotoAndASmallBox() {
    assertThat(ScalingFactor.smallestCovering(4000, 3000, 50, 50)).isEqualTo(new ScalingFactor(1));
  }

  @Test
  void choosesThreeEighthsWhenOneQuarterWouldFallShortOnTheShortSide() {
    // 1000 * 2/8 = 250 < 256; 1000 * 3/8 = 375
    assertThat(ScalingFactor.smallestCovering(1500, 1000, 256, 256))
        .isEqualTo(new ScalingFactor(3));
  }

  @Test
  void fallsBackToFullSizeWhenTheImageIsSmallerThanTheBox() {
    assertThat(ScalingFactor.smallestCovering(30, 20, 50, 50)).isEqualTo(ScalingFactor.FULL);
  }

  @Test
  void scalesWithCeilingLikeLibjpegTurbosTjscaled() {
    assertThat(new ScalingFactor(1).scale(801)).isEqualTo(101);
    assertThat(new ScalingFactor(3).scale(10)).isEqualTo(4);
    assertThat(ScalingFactor.FULL.scale(801)).isEqualTo(801);
  }

  @Test
  void rejectsFactorsOutsideOneToEightEighths() {
    assertThatThrownBy(() -> new ScalingFactor(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ScalingFactor(9)).isInstanceOf(IllegalArgumentException.class);
  }
}
