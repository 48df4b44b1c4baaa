package io.thumbflow.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecipeTest {

  @Test
  void defaultsAreTheOriginalProgramsFiftyPixelBoxAndRadiusTwo() {
    assertThat(Recipe.DEFAULT.maxWidth()).isEqualTo(50);
    assertThat(Recipe.DEFAULT.maxHeight()).isEqualTo(50);
    assertThat(Recipe.DEFAULT.blurRadius()).isEqualTo(2.0);
    assertThat(Recipe.DEFAULT.format()).isNull();
  }

  @Test
  void refusesBlurRadiiThatAreNegativeNotANumberOrAbsurdlyLarge() {
    for (double radius : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY, 1e10}) {
      assertThatThrownBy(() -> Recipe.DEFAULT.withBlurRadius(radius))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("blur radius must be a number from 0 to 1000");
    }
    assertThat(Recipe.DEFAULT.withBlurRadius(1000).blurRadius()).isEqualTo(1000);
  }

  @Test
  void parsesSizesAsWidthByHeightOrOneSideForASquare() {
    assertThat(Recipe.parseSize("256x128")).containsExactly(256, 128);
    assertThat(Recipe.parseSize("64")).containsExactly(64, 64);
    assertThatThrownBy(() -> Recipe.parseSize("0x5")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Recipe.parseSize("axb")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hashChangesWithEveryOutputAffectingSettingAndOnlyThen() {
    String base = Recipe.DEFAULT.hash();

    assertThat(new Recipe(50, 50, 2.0, null).hash()).isEqualTo(base);
    assertThat(Recipe.DEFAULT.withSize(256, 256).hash()).isNotEqualTo(base);
    assertThat(Recipe.DEFAULT.withBlurRadius(3).hash()).isNotEqualTo(base);
    assertThat(Recipe.DEFAULT.withFormat(ImageFormat.PNG).hash()).isNotEqualTo(base);
  }
}
