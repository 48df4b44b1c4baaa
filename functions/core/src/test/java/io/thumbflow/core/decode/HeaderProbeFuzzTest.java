package io.thumbflow.core.decode;

import static io.thumbflow.core.fuzz.ImageFuzzProperties.LIMITS;
import static io.thumbflow.core.fuzz.ImageFuzzProperties.checkRejection;
import static io.thumbflow.core.fuzz.ImageFuzzProperties.timed;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.thumbflow.core.ImageRejectedException;
import io.thumbflow.core.fuzz.FuzzSeeds;
import io.thumbflow.core.fuzz.PngCrcs;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes header probing through {@link ImageDecoder#probe} (sniffing, then {@link HeaderProbe}'s
 * checks of every decodable format, the structure walkers and the TIFF reader's header): a sane
 * header within the pixel cap, or a typed rejection. PNG-like inputs are probed again with their
 * chunk CRCs fixed.
 */
class HeaderProbeFuzzTest {
  private static final String NAME = "fuzz-input";
  private static final ImageDecoder DECODER = new ImageDecoder(LIMITS);

  static Stream<Arguments> seeds() {
    return FuzzSeeds.corpus(Set.of());
  }

  @MethodSource("seeds")
  @FuzzTest
  void probe(byte[] data) {
    probeOnce(data);
    if (PngCrcs.looksLikePng(data)) {
      byte[] fixed = PngCrcs.fixed(data);
      if (!Arrays.equals(fixed, data)) {
        probeOnce(fixed);
      }
    }
  }

  private static void probeOnce(byte[] data) {
    timed(
        "probing",
        () -> {
          try {
            ImageHeader h = DECODER.probe(data, NAME);
            if (h.format() == null
                || h.width() < 1
                || h.height() < 1
                || h.pixels() > LIMITS.maxPixels()
                || h.frames() < 1
                || h.orientation() < 1
                || h.orientation() > 8) {
              throw new AssertionError("implausible header accepted: " + h);
            }
          } catch (ImageRejectedException e) {
            checkRejection(e, NAME);
          }
        });
  }
}
