package io.thumbflow.core.decode;

import static io.thumbflow.core.fuzz.ImageFuzzProperties.timed;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.fuzz.FuzzSeeds;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes {@link TiffStrips#read}, the IFD0 walk run on every TIFF before decoding. By design it
 * answers "orientation 1, nothing past the end" for a directory it cannot read, so the properties
 * are: it always answers, with an orientation of 1..8, in time and within the heap (its value
 * arrays are bounded).
 */
class TiffStripsFuzzTest {
  static Stream<Arguments> seeds() {
    return FuzzSeeds.corpus(Set.of(ImageFormat.TIFF));
  }

  @MethodSource("seeds")
  @FuzzTest
  void read(byte[] data) {
    timed(
        "walking the TIFF directory",
        () -> {
          TiffStrips s = TiffStrips.read(data);
          if (s.orientation() < 1 || s.orientation() > 8) {
            throw new AssertionError("orientation " + s.orientation());
          }
        });
  }
}
