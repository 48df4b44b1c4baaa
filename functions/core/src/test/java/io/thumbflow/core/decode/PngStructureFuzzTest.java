package io.thumbflow.core.decode;

import static io.thumbflow.core.fuzz.ImageFuzzProperties.LIMITS;
import static io.thumbflow.core.fuzz.ImageFuzzProperties.checkRejection;
import static io.thumbflow.core.fuzz.ImageFuzzProperties.timed;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.ImageRejectedException;
import io.thumbflow.core.fuzz.FuzzSeeds;
import io.thumbflow.core.fuzz.PngCrcs;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes {@link PngStructure#read} (chunk walk, CRCs, IHDR, iCCP/zTXt/iTXt/eXIf metadata) and the
 * EXIF orientation read from it: a header within the pixel cap, or a typed rejection. Each input is
 * walked as it is and with its chunk CRCs fixed, so mutations also reach the chunk readers.
 */
class PngStructureFuzzTest {
  private static final String NAME = "fuzz-input.png";

  static Stream<Arguments> seeds() {
    return FuzzSeeds.corpus(Set.of(ImageFormat.PNG));
  }

  @MethodSource("seeds")
  @FuzzTest
  void walk(byte[] data) {
    walkOnce(data);
    byte[] fixed = PngCrcs.fixed(data);
    if (!Arrays.equals(fixed, data)) {
      walkOnce(fixed);
    }
  }

  private static void walkOnce(byte[] data) {
    timed(
        "walking the PNG",
        () -> {
          try {
            PngStructure s = PngStructure.read(data, NAME, LIMITS.maxPixels());
            if ((long) s.width() * s.height() > LIMITS.maxPixels() || s.frames() < 1) {
              throw new AssertionError("implausible structure accepted: " + s);
            }
            int orientation = ExifOrientation.read(s.exif());
            if (orientation < 1 || orientation > 8) {
              throw new AssertionError("orientation " + orientation);
            }
          } catch (ImageRejectedException e) {
            checkRejection(e, NAME);
          }
        });
  }
}
