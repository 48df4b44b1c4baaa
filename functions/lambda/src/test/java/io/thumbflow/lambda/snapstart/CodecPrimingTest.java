package io.thumbflow.lambda.snapstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.Limits;
import io.thumbflow.core.Recipe;
import io.thumbflow.core.Thumbnail;
import io.thumbflow.core.ThumbnailPipeline;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodecPrimingTest {
  @Test
  void primingRendersTheEmbeddedJpegAndPngThroughThePipeline() {
    CodecPriming priming = new CodecPriming(new ThumbnailPipeline(Recipe.DEFAULT, Limits.DEFAULT));

    List<Thumbnail> made = priming.prime(2);

    assertThat(made).extracting(Thumbnail::sourceFormat).containsExactly(ImageFormat.JPEG, ImageFormat.PNG);
    assertThat(made).allSatisfy(t -> {
      assertThat(t.bytes()).isNotEmpty();
      assertThat(t.width()).isBetween(1, 50);
    });
  }
}
