package io.thumbflow.core.decode;

import static io.thumbflow.core.decode.LegacyFormatFiles.netpbm;
import static io.thumbflow.core.decode.LegacyFormatFiles.pattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.ImageRejectedException;
import io.thumbflow.core.Limits;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetpbmDecodeTest {
  private final ImageDecoder decoder = new ImageDecoder(Limits.DEFAULT);

  @ParameterizedTest(name = "P{0} maxval {1} {2}")
  @CsvSource({
    "5, 255, GRAYSCALE",
    "5, 65535, GRAYSCALE",
    "5, 1023, GRAYSCALE",
    "6, 255, RGB",
    "6, 65535, RGB",
    "6, 4095, RGB",
    "7, 255, RGB_ALPHA",
    "7, 65535, RGB_ALPHA",
    "7, 255, GRAYSCALE_ALPHA",
    "7, 255, GRAYSCALE"
  })
  void decodesBinaryNetpbmTo8BitSrgbWithGreyAsDisplayValuesAndAlphaKept(
      int magic, int maxval, String tuple) throws Exception {
    boolean alpha = tuple.endsWith("_ALPHA");
    int[] px = pattern(37, 23, alpha);
    if (!tuple.startsWith("RGB")) {
      px = Arrays.stream(px).map(p -> (p & 0xFF000000) | ((p >> 16) & 0xFF) * 0x010101).toArray();
    }
    DecodedImage d = decoder.decode(netpbm(magic, px, 37, 23, maxval, tuple), "a.pnm", 37, 23);
    assertThat(d.header().format()).isEqualTo(ImageFormat.PNM);
    // A sample scaled to maxval and back to 8 bits is off by at most half a step of the coarser
    // scale.
    DecodedPixels.assertSubsampled(d.image(), px, 37, 23, 1, alpha, maxval < 255 ? 1 : 0);
  }

  @Test
  void decodesAPlainTextBitmapWithOneAsBlack() throws Exception {
    boolean[] black = new boolean[5 * 3];
    black[0] = true;
    black[14] = true;
    DecodedImage d = decoder.decode(LegacyFormatFiles.plainPbm(black, 5, 3), "b.pbm", 5, 3);
    assertThat(d.image().getRGB(0, 0) & 0xFFFFFF).isZero();
    assertThat(d.image().getRGB(1, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    assertThat(d.image().getRGB(4, 2) & 0xFFFFFF).isZero();
  }

  @Test
  void subsamplesEveryColumnOfAnImageWhoseWidthIsNotAMultipleOfTheFactor() throws Exception {
    int[] px = pattern(1001, 600, false);
    DecodedImage d = decoder.decode(netpbm(6, px, 1001, 600, 255, "RGB"), "wide.ppm", 12, 12);
    int factor = (int) Math.round(1 / d.scaleY());
    assertThat(1001 % factor).isNotZero();
    // The reader would leave the last of ceil(1001 / factor) columns black; whole steps only are
    // read instead.
    assertThat(d.image().getWidth()).isEqualTo(1001 / factor);
    assertThat(d.scaleX()).isEqualTo((1001 / factor) / 1001.0);
    DecodedPixels.assertSubsampled(d.image(), px, 1001, 600, factor, false, 0);
  }

  @Test
  void refusesAHeaderDeclaringTooManyPixelsBeforeReadingAnySample() {
    byte[] bomb = "P6\n100000 100000\n255\n".getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> decoder.decode(bomb, "bomb.ppm", 64, 64))
        .isInstanceOfSatisfying(
            ImageRejectedException.class,
            e -> assertThat(e.type()).isEqualTo(ErrorType.TooManyPixels));
  }

  @Test
  void refusesBinaryDataThatEndsBeforeTheImageAsTruncated() {
    byte[] ppm = netpbm(6, pattern(40, 30, false), 40, 30, 255, "RGB");
    byte[] cut = Arrays.copyOf(ppm, ppm.length - 50);
    assertThatThrownBy(() -> decoder.decode(cut, "cut.ppm", 16, 16))
        .isInstanceOfSatisfying(
            ImageRejectedException.class,
            e -> {
              assertThat(e.type()).isEqualTo(ErrorType.Truncated);
              assertThat(e.reason())
                  .isEqualTo("truncated: PPM data ends before the end of the 40x30 image");
            });
  }

  @Test
  void refusesAMalformedHeaderAsCorruptAndFloatingPointAsUnsupported() {
    byte[] bad = "P5\n12 x4\n255\n".getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> decoder.decode(bad, "bad.pgm", 8, 8))
        .isInstanceOfSatisfying(
            ImageRejectedException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.Corrupt));
    byte[] pam =
        "P7\nWIDTH 2\nHEIGHT 2\nDEPTH 2\nMAXVAL 255\nTUPLTYPE HEIGHTMAP\nENDHDR\n\0\0\0\0\0\0\0\0"
            .getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> decoder.decode(pam, "h.pam", 8, 8))
        .isInstanceOfSatisfying(
            ImageRejectedException.class,
            e -> assertThat(e.type()).isEqualTo(ErrorType.UnsupportedFormat));
    byte[] pfm = "PF\n2 2\n-1.0\n".getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> decoder.decode(pfm, "h.pfm", 8, 8))
        .isInstanceOfSatisfying(
            ImageRejectedException.class, e -> assertThat(e.reason()).contains("PFM"));
  }
}
