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
 * Fuzzes {@link JpegStructure#read} and the EXIF orientation read from what it returns: a frame
 * within the pixel cap with 1..maxScans scans, or a typed rejection.
 */
class JpegStructureFuzzTest {
  private static final String NAME = "fuzz-input.jpg";

  static Stream<Arguments> seeds() {
    return Stream.concat(FuzzSeeds.corpus(Set.of(ImageFormat.JPEG)), JpegSeeds.generated());
  }

  @MethodSource("seeds")
  @FuzzTest
  void walk(byte[] data) {
    timed(
        "walking the JPEG",
        () -> {
          try {
            JpegStructure s =
                JpegStructure.read(data, NAME, LIMITS.maxJpegScans(), LIMITS.maxPixels());
            if (s.sofMarker() < 0xC0
                || s.sofMarker() > 0xCF
                || (long) s.width() * s.height() > LIMITS.maxPixels()
                || s.scans() < 1
                || s.scans() > LIMITS.maxJpegScans()) {
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
