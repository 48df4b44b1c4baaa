package io.thumbflow.lambda.snapstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.Limits;
import io.thumbflow.core.Recipe;
import io.thumbflow.core.Rendered;
import io.thumbflow.core.ThumbnailPipeline;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodecPrimingTest {
  @Test
  void primingRendersTheEmbeddedJpegsAndPngThroughThePipeline() {
    CodecPriming priming = new CodecPriming(new ThumbnailPipeline(Recipe.DEFAULT, Limits.DEFAULT));

    List<Rendered> made = priming.prime(2);

    assertThat(made)
        .extracting(Rendered::sourceFormat)
        .containsExactly(ImageFormat.JPEG, ImageFormat.JPEG, ImageFormat.PNG);
    // Wide enough for the progressive decoder's 1/8 path at the default size (1/8 must cover 2 x 50
    // px).
    assertThat(made.get(1).sourceWidth()).isGreaterThanOrEqualTo(800);
    assertThat(made)
        .allSatisfy(
            r -> {
              assertThat(r.primary().bytes()).isNotEmpty();
              assertThat(r.primary().width()).isBetween(1, 50);
            });
  }
}
