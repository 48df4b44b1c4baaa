package io.thumbflow.core.decode.png;

import static io.thumbflow.core.fuzz.ImageFuzzProperties.LIMITS;
import static io.thumbflow.core.fuzz.ImageFuzzProperties.timed;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.ImageRejectedException;
import io.thumbflow.core.decode.ImageDecoder;
import io.thumbflow.core.decode.ImageHeader;
import io.thumbflow.core.fuzz.FuzzSeeds;
import io.thumbflow.core.fuzz.PngCrcs;
import io.thumbflow.core.render.ThumbnailSize;
import java.awt.image.BufferedImage;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes {@link ReducingPngDecoder#decode} on the inputs production gives it: PNGs (chunk CRCs
 * fixed, as a mutated chunk otherwise fails the probe) whose header the probe accepted, reduced by
 * the factors the pipeline asks for at 50x50 and 256x256 thumbnails. It returns an image of exactly
 * ceil(W/fx) x ceil(H/fy), or declines with {@link PngNotHandledException}; a decline caused by an
 * unchecked exception is a defect its safety net hid, and so is running out of memory.
 */
class ReducingPngDecoderFuzzTest {
  private static final ImageDecoder DECODER = new ImageDecoder(LIMITS);
  private static final int[] BOXES = {50, 256};

  static Stream<Arguments> seeds() {
    return FuzzSeeds.corpus(Set.of(ImageFormat.PNG));
  }

  @MethodSource("seeds")
  @FuzzTest
  void decode(byte[] data) {
    byte[] png = PngCrcs.fixed(data);
    ImageHeader header;
    try {
      header = DECODER.probe(png, "fuzz-input.png");
    } catch (ImageRejectedException e) {
      return; // refused before any decoder runs
    }
    if (header.format() != ImageFormat.PNG) {
      return;
    }
    for (int box : BOXES) {
      // As ImageDecoder.png: decode to at least twice the thumbnail (Pillow's reducing gap), stored
      // axes.
      ThumbnailSize size =
          ThumbnailSize.fit(header.uprightWidth(), header.uprightHeight(), box, box);
      int minW = (int) Math.min(header.uprightWidth(), 2L * size.width());
      int minH = (int) Math.min(header.uprightHeight(), 2L * size.height());
      if (header.transposed()) {
        int t = minW;
        minW = minH;
        minH = t;
      }
      int fx = Math.max(1, header.width() / minW);
      int fy = Math.max(1, header.height() / minH);
      decodeOnce(png, header, fx, fy);
    }
  }

  private static void decodeOnce(byte[] png, ImageHeader header, int fx, int fy) {
    timed(
        "reducing-decoding the PNG",
        () -> {
          try {
            BufferedImage img = ReducingPngDecoder.decode(png, fx, fy);
            int w = (header.width() + fx - 1) / fx;
            int h = (header.height() + fy - 1) / fy;
            if (img.getWidth() != w || img.getHeight() != h) {
              throw new AssertionError(
                  "decoded "
                      + img.getWidth()
                      + "x"
                      + img.getHeight()
                      + " for a "
                      + header.width()
                      + "x"
                      + header.height()
                      + " PNG reduced "
                      + fx
                      + "x"
                      + fy
                      + "; expected "
                      + w
                      + "x"
                      + h);
            }
          } catch (PngNotHandledException e) {
            if (e.getCause() != null) {
              throw new AssertionError(
                  "the decoder's safety net caught a defect: " + e.getMessage(), e.getCause());
            }
          }
        });
  }
}
