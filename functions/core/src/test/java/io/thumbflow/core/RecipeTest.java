package io.thumbflow.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecipeTest {

  @Test
  void defaultsAreTheOriginalProgramsFiftyPixelBoxAndRadiusTwoInTheFlatLayout() {
    Rendition only = Recipe.DEFAULT.primary();
    assertThat(Recipe.DEFAULT.renditions()).hasSize(1);
    assertThat(Recipe.DEFAULT.layout()).isEqualTo(Recipe.Layout.FLAT);
    assertThat(only.width()).isEqualTo(50);
    assertThat(only.height()).isEqualTo(50);
    assertThat(only.fit()).isEqualTo(Fit.CONTAIN);
    assertThat(only.blurRadius()).isEqualTo(2.0);
    assertThat(only.format()).isNull();
    assertThat(Recipe.DEFAULT.placeholder()).isFalse();
  }

  @Test
  void refusesBlurRadiiThatAreNegativeNotANumberOrAbsurdlyLarge() {
    for (double radius : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY, 1e10}) {
      assertThatThrownBy(() -> Recipe.DEFAULT.withBlurRadius(radius))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("blur radius must be a number from 0 to 1000");
    }
    assertThat(Recipe.DEFAULT.withBlurRadius(1000).primary().blurRadius()).isEqualTo(1000);
  }

  @Test
  void parsesSizesAsWidthByHeightOrOneSideForASquare() {
    assertThat(Rendition.parseSize("256x128")).containsExactly(256, 128);
    assertThat(Rendition.parseSize("64")).containsExactly(64, 64);
    assertThatThrownBy(() -> Rendition.parseSize("0x5"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Rendition.parseSize("axb"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parsesRenditionsWithOptionalFitFormatAndBlurInAnyOrder() {
    assertThat(Rendition.parse("lqip:50x50", 2))
        .isEqualTo(new Rendition("lqip", 50, 50, Fit.CONTAIN, null, 2));
    assertThat(Rendition.parse("card:256x256:cover", 2))
        .isEqualTo(new Rendition("card", 256, 256, Fit.COVER, null, 2));
    assertThat(Rendition.parse("big:1024x1024:contain:webp", 2))
        .isEqualTo(new Rendition("big", 1024, 1024, Fit.CONTAIN, ImageFormat.WEBP, 2));
    assertThat(Rendition.parse("sharp:640x480:blur=0:jpeg:cover", 2))
        .isEqualTo(new Rendition("sharp", 640, 480, Fit.COVER, ImageFormat.JPEG, 0));
  }

  @Test
  void refusesRenditionsItCannotReadWithTheReason() {
    assertThatThrownBy(() -> Rendition.parse("card", 2)).hasMessageContaining("NAME:WxH");
    assertThatThrownBy(() -> Rendition.parse("card:256x256:stretch", 2))
        .hasMessageContaining("'stretch'");
    assertThatThrownBy(() -> Rendition.parse("../x:256x256", 2))
        .hasMessageContaining("rendition name");
    assertThatThrownBy(() -> Rendition.parse("card:99999x10", 2))
        .hasMessageContaining("box must be");
    assertThatThrownBy(() -> Rendition.parse("card:64:blur=lots", 2))
        .hasMessageContaining("blur must be a number");
  }

  @Test
  void aRecipeOfSpecsIsNamedAndOneOfASizeIsFlat() {
    Recipe named =
        Recipe.of(
            List.of("lqip:50x50", "card:256x256:cover,big:1024x1024::webp".replace("::", ":")),
            "50x50",
            2,
            null,
            true);
    assertThat(named.layout()).isEqualTo(Recipe.Layout.BY_NAME);
    assertThat(named.renditions())
        .extracting(Rendition::name)
        .containsExactly("lqip", "card", "big");
    assertThat(named.placeholder()).isTrue();

    Recipe flat = Recipe.of(List.of(), "256x128", 3, ImageFormat.PNG, false);
    assertThat(flat.layout()).isEqualTo(Recipe.Layout.FLAT);
    assertThat(flat.primary())
        .isEqualTo(new Rendition(Recipe.SINGLE_NAME, 256, 128, Fit.CONTAIN, ImageFormat.PNG, 3));
  }

  @Test
  void aRecipeFormatAppliesToRenditionsThatNameNone() {
    Recipe r = Recipe.of(List.of("a:10x10,b:20x20:png"), "50x50", 2, ImageFormat.WEBP, false);
    assertThat(r.renditions())
        .extracting(Rendition::format)
        .containsExactly(ImageFormat.WEBP, ImageFormat.PNG);
  }

  @Test
  void refusesDuplicateNamesAndTheFlatLayoutForSeveralRenditions() {
    assertThatThrownBy(() -> Recipe.of(List.of("a:10x10,A:20x20"), "50x50", 2, null, false))
        .hasMessageContaining("used twice");
    Rendition a = Rendition.parse("a:10x10", 2);
    Rendition b = Rendition.parse("b:10x10", 2);
    assertThatThrownBy(() -> new Recipe(List.of(a, b), Recipe.Layout.FLAT, false))
        .hasMessageContaining("flat layout");
  }

  @Test
  void hashChangesWithEveryOutputAffectingSettingAndOnlyThen() {
    Rendition base = Recipe.DEFAULT.primary();
    String hash = base.hash();

    assertThat(new Rendition("thumb", 50, 50, Fit.CONTAIN, null, 2.0).hash()).isEqualTo(hash);
    assertThat(base.withName("other").hash())
        .as("the name only decides where the output goes")
        .isEqualTo(hash);
    assertThat(base.withSize(256, 256).hash()).isNotEqualTo(hash);
    assertThat(base.withBlurRadius(3).hash()).isNotEqualTo(hash);
    assertThat(base.withFormat(ImageFormat.PNG).hash()).isNotEqualTo(hash);
    assertThat(base.withFit(Fit.COVER).hash()).isNotEqualTo(hash);
  }

  @Test
  void specReadsBackAsTheSameRendition() {
    Rendition r = new Rendition("big", 1024, 768, Fit.COVER, ImageFormat.WEBP, 1.5);
    assertThat(Rendition.parse(r.spec(), 9)).isEqualTo(r);
    Rendition same = new Rendition("lqip", 50, 50, Fit.CONTAIN, null, 2);
    assertThat(Rendition.parse(same.spec(), 9)).isEqualTo(same);
  }
}
