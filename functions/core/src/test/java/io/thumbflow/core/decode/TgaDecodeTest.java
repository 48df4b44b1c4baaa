package io.thumbflow.core.decode;

import static io.thumbflow.core.decode.LegacyFormatFiles.pattern;
import static io.thumbflow.core.decode.LegacyFormatFiles.tga;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageRejectedException;
import io.thumbflow.core.Limits;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TgaDecodeTest {
  private final ImageDecoder decoder = new ImageDecoder(Limits.DEFAULT);

  @ParameterizedTest(name = "{0} bits, rle {1}, top-down {2}, right-to-left {3}")
  @CsvSource({
    "24, false, false, false",
    "24, true, false, false",
    "24, false, true, false",
    "32, false, false, false",
    "32, true, true, false",
    "15, false, false, false",
    "24, false, false, true",
    "32, true, true, true"
  })
  void decodesEveryRowOrderAndDepthUprightWithAlphaFromItsAttributeBits(
      int depth, boolean rle, boolean topDown, boolean rightToLeft) throws Exception {
    boolean alpha = depth == 32;
    int[] px = pattern(41, 27, alpha);
    if (depth == 15) {
      px =
          Arrays.stream(px)
              .map(p -> p & 0xFFF8F8F8 | (p >> 5) & 0x070707)
              .toArray(); // 5 bits, replicated
    }
    DecodedImage d =
        decoder.decode(tga(px, 41, 27, depth, rle, topDown, rightToLeft), "a.tga", 41, 27);
    assertThat(d.header().orientation()).isEqualTo(rightToLeft ? 2 : 1);
    DecodedPixels.assertSubsampled(d.image(), px, 41, 27, 1, alpha, depth == 15 ? 8 : 0);
  }

  @Test
  void subsamplesEveryColumnOfAnOddWidthImage() throws Exception {
    int[] px = pattern(999, 400, false);
    DecodedImage d = decoder.decode(tga(px, 999, 400, 24, true, true, false), "wide.tga", 8, 8);
    int factor = (int) Math.round(1 / d.scaleY());
    assertThat(999 % factor).isNotZero();
    assertThat(d.image().getWidth()).isEqualTo(999 / factor);
    DecodedPixels.assertSubsampled(d.image(), px, 999, 400, factor, false, 0);
  }

  @Test
  void refusesAHeaderDeclaringTooManyPixelsBeforeDecoding() {
    byte[] bomb = tga(pattern(2, 2, false), 2, 2, 24, false, false, false);
    bomb[12] = bomb[13] = bomb[14] = bomb[15] = (byte) 0xFF;
    assertThatThrownBy(() -> decoder.decode(bomb, "bomb.tga", 64, 64))
        .isInstanceOfSatisfying(
            ImageRejectedException.class,
            e -> {
              assertThat(e.type()).isEqualTo(ErrorType.TooManyPixels);
              assertThat(e.reason()).contains("65535x65535");
            });
  }

  @Test
  void refusesRawAndRunLengthDataThatEndBeforeTheImageAsTruncated() {
    for (boolean rle : new boolean[] {false, true}) {
      byte[] whole = tga(pattern(64, 64, false), 64, 64, 24, rle, false, false);
      byte[] cut = Arrays.copyOf(whole, whole.length - 100);
      assertThatThrownBy(() -> decoder.decode(cut, "cut.tga", 16, 16))
          .isInstanceOfSatisfying(
              ImageRejectedException.class,
              e -> {
                assertThat(e.type()).isEqualTo(ErrorType.Truncated);
                assertThat(e.reason())
                    .isEqualTo("truncated: TGA data ends before the end of the 64x64 image");
              });
    }
  }
}
