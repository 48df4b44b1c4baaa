package io.thumbflow.core.decode.dc;

import static io.thumbflow.core.fuzz.ImageFuzzProperties.LIMITS;
import static io.thumbflow.core.fuzz.ImageFuzzProperties.timed;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.ImageRejectedException;
import io.thumbflow.core.decode.ImageDecoder;
import io.thumbflow.core.decode.ImageHeader;
import io.thumbflow.core.decode.JpegSeeds;
import io.thumbflow.core.fuzz.FuzzSeeds;
import java.awt.image.BufferedImage;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes {@link ProgressiveDcDecoder#decode} and {@link ProgressiveDcDecoder#decodeExactly} on the
 * inputs production gives them: JPEGs whose header the probe accepted (within the pixel cap, 8-bit,
 * not lossless or arithmetic). It declines (empty) or returns an RGB image of exactly ceil(W/8) x
 * ceil(H/8); it never throws, and stays within the deadline and the heap.
 */
class ProgressiveDcDecoderFuzzTest {
  private static final ImageDecoder DECODER = new ImageDecoder(LIMITS);

  static Stream<Arguments> seeds() {
    return Stream.concat(FuzzSeeds.corpus(Set.of(ImageFormat.JPEG)), JpegSeeds.generated());
  }

  @MethodSource("seeds")
  @FuzzTest
  void decode(byte[] data) {
    ImageHeader header;
    try {
      header = DECODER.probe(data, "fuzz-input.jpg");
    } catch (ImageRejectedException e) {
      return; // refused before any decoder runs
    }
    if (header.format() != ImageFormat.JPEG) {
      return;
    }
    timed("DC-decoding", () -> check(ProgressiveDcDecoder.decode(data), header));
    timed("DC-decoding exactly", () -> check(ProgressiveDcDecoder.decodeExactly(data), header));
  }

  private static void check(Optional<BufferedImage> image, ImageHeader header) {
    if (image.isPresent()) {
      BufferedImage img = image.get();
      int w = (header.width() + 7) / 8;
      int h = (header.height() + 7) / 8;
      if (img.getWidth() != w
          || img.getHeight() != h
          || img.getType() != BufferedImage.TYPE_INT_RGB) {
        throw new AssertionError(
            "decoded "
                + img.getWidth()
                + "x"
                + img.getHeight()
                + " type "
                + img.getType()
                + " for a "
                + header.width()
                + "x"
                + header.height()
                + " JPEG; expected "
                + w
                + "x"
                + h
                + " RGB");
      }
    }
  }
}
