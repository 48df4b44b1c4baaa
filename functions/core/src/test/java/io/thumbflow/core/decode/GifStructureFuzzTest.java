package io.thumbflow.core.decode;

import static io.thumbflow.core.fuzz.ImageFuzzProperties.LIMITS;
import static io.thumbflow.core.fuzz.ImageFuzzProperties.checkRejection;
import static io.thumbflow.core.fuzz.ImageFuzzProperties.timed;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.ImageRejectedException;
import io.thumbflow.core.fuzz.FuzzSeeds;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes {@link GifStructure#read}: a canvas and every frame extent within the pixel cap, the first
 * frame on the canvas, or a typed rejection.
 */
class GifStructureFuzzTest {
  private static final String NAME = "fuzz-input.gif";

  static Stream<Arguments> seeds() {
    return FuzzSeeds.corpus(Set.of(ImageFormat.GIF));
  }

  @MethodSource("seeds")
  @FuzzTest
  void walk(byte[] data) {
    timed(
        "walking the GIF",
        () -> {
          try {
            GifStructure s = GifStructure.read(data, NAME, LIMITS.maxPixels());
            boolean sane =
                s.frames() >= 1
                    && s.frameWidth() >= 1
                    && s.frameHeight() >= 1
                    && s.frameLeft() + s.frameWidth() <= s.width()
                    && s.frameTop() + s.frameHeight() <= s.height()
                    && s.maxExtentPixels() <= LIMITS.maxPixels();
            if (!sane) {
              throw new AssertionError("implausible structure accepted: " + s);
            }
          } catch (ImageRejectedException e) {
            checkRejection(e, NAME);
          }
        });
  }
}
