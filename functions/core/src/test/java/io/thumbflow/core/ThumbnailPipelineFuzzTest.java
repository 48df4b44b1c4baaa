package io.thumbflow.core;

import static io.thumbflow.core.fuzz.ImageFuzzProperties.LIMITS;
import static io.thumbflow.core.fuzz.ImageFuzzProperties.checkRejection;
import static io.thumbflow.core.fuzz.ImageFuzzProperties.timed;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.thumbflow.core.decode.JpegSeeds;
import io.thumbflow.core.fuzz.FuzzSeeds;
import io.thumbflow.core.fuzz.PngCrcs;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the whole {@link ThumbnailPipeline#render} (sniff, probe, decode, blur, resize, encode)
 * with the default recipe and a 1 s deadline: every input ends in a thumbnail or a typed rejection,
 * within the deadline, without running out of the 512 MB heap and without an unchecked throwable of
 * thumbflow's own (see {@link io.thumbflow.core.fuzz.ImageFuzzProperties}); anything else escaping
 * render would be an {@code InternalError} item in a run. PNG-like inputs are also rendered with
 * their chunk CRCs fixed.
 */
class ThumbnailPipelineFuzzTest {
  private static final String NAME = "fuzz-input";
  private static final ThumbnailPipeline PIPELINE = new ThumbnailPipeline(Recipe.DEFAULT, LIMITS);

  static Stream<Arguments> seeds() {
    return Stream.concat(FuzzSeeds.corpus(Set.of()), JpegSeeds.generated());
  }

  @MethodSource("seeds")
  @FuzzTest
  void render(byte[] data) {
    renderOnce(data);
    if (PngCrcs.looksLikePng(data)) {
      byte[] fixed = PngCrcs.fixed(data);
      if (!Arrays.equals(fixed, data)) {
        renderOnce(fixed);
      }
    }
  }

  private static void renderOnce(byte[] data) {
    timed(
        "rendering",
        () -> {
          try {
            // The result type is being reworked (renditions); only "it returned" matters here.
            if (PIPELINE.render(data, NAME) == null) {
              throw new AssertionError("render returned null");
            }
          } catch (ImageRejectedException e) {
            checkRejection(e, NAME);
          }
        });
  }
}
