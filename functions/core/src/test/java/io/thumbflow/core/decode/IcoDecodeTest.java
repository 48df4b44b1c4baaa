package io.thumbflow.core.decode;

import static io.thumbflow.core.decode.LegacyFormatFiles.dib;
import static io.thumbflow.core.decode.LegacyFormatFiles.ico;
import static io.thumbflow.core.decode.LegacyFormatFiles.pattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.ImageRejectedException;
import io.thumbflow.core.Limits;
import io.thumbflow.core.render.PackedPixels;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class IcoDecodeTest {
  private final ImageDecoder decoder = new ImageDecoder(Limits.DEFAULT);

  @Test
  void showsTheLargestBitmapOfAnIconWithItsAlpha() throws Exception {
    int[] small = pattern(16, 16, true);
    int[] large = pattern(48, 48, true);
    byte[] icon =
        ico(
            false,
            List.of(dib(small, 16, 16), dib(large, 48, 48), dib(pattern(32, 32, true), 32, 32)),
            List.of(new int[] {16, 16}, new int[] {48, 48}, new int[] {32, 32}));
    DecodedImage d = decoder.decode(icon, "a.ico", 48, 48);
    assertThat(d.header().format()).isEqualTo(ImageFormat.ICO);
    assertThat(d.header().frames()).isEqualTo(3);
    DecodedPixels.assertSubsampled(d.image(), large, 48, 48, 1, true, 0);
  }

  @Test
  void showsAnEmbeddedPngWhenItIsTheLargestImageAndSubsamplesIt() throws Exception {
    int[] big = pattern(512, 384, true);
    byte[] png = TestImages.encode(PackedPixels.wrap(big, 512, 384, true), "png");
    byte[] icon =
        ico(
            false,
            List.of(dib(pattern(32, 32, true), 32, 32), png),
            List.of(new int[] {32, 32}, new int[] {0, 0}));
    DecodedImage d = decoder.decode(icon, "big.ico", 8, 8);
    assertThat(d.header().width() + "x" + d.header().height()).isEqualTo("512x384");
    assertThat(d.image().getWidth()).isLessThan(512);
    int factor = (int) Math.round(1 / d.scaleX());
    DecodedPixels.assertSubsampled(d.image(), big, 512, 384, factor, true, 0);
  }

  @Test
  void decodesACursorLikeAnIcon() throws Exception {
    int[] px = pattern(32, 32, true);
    DecodedImage d =
        decoder.decode(
            ico(true, List.of(dib(px, 32, 32)), List.of(new int[] {32, 32})), "a.cur", 32, 32);
    DecodedPixels.assertSubsampled(d.image(), px, 32, 32, 1, true, 0);
  }

  @Test
  void refusesAnEmbeddedBitmapDeclaringTooManyPixelsWhateverTheDirectorySays() {
    byte[] bitmap = dib(pattern(16, 16, false), 16, 16);
    bitmap[4] =
        bitmap[5] = bitmap[8] = bitmap[9] = (byte) 0xFF; // 65535 x 65535/2 in the bitmap header
    byte[] icon = ico(false, List.of(bitmap), List.<int[]>of(new int[] {16, 16}));
    assertThatThrownBy(() -> decoder.decode(icon, "bomb.ico", 16, 16))
        .isInstanceOfSatisfying(
            ImageRejectedException.class,
            e -> assertThat(e.type()).isEqualTo(ErrorType.TooManyPixels));
  }

  @Test
  void refusesAnEmbeddedPngDeclaringTooManyPixels() {
    byte[] png = TestImages.pngHeaderOnly(100_000, 100_000, 8, 6);
    byte[] icon = ico(false, List.of(png), List.<int[]>of(new int[] {0, 0}));
    assertThatThrownBy(() -> decoder.decode(icon, "bomb.ico", 16, 16))
        .isInstanceOfSatisfying(
            ImageRejectedException.class,
            e -> assertThat(e.type()).isEqualTo(ErrorType.TooManyPixels));
  }

  @Test
  void refusesAnImageRunningPastTheEndAsTruncatedAndADirectoryDisagreeingWithItsBitmapAsCorrupt() {
    byte[] icon =
        ico(false, List.of(dib(pattern(32, 32, true), 32, 32)), List.<int[]>of(new int[] {32, 32}));
    byte[] cut = Arrays.copyOf(icon, icon.length - 10);
    assertThatThrownBy(() -> decoder.decode(cut, "cut.ico", 16, 16))
        .isInstanceOfSatisfying(
            ImageRejectedException.class,
            e -> {
              assertThat(e.type()).isEqualTo(ErrorType.Truncated);
              assertThat(e.reason())
                  .isEqualTo("truncated: ICO image 1 of 1 runs past the end of the file");
            });
    byte[] lying =
        ico(false, List.of(dib(pattern(32, 32, true), 32, 32)), List.<int[]>of(new int[] {48, 48}));
    assertThatThrownBy(() -> decoder.decode(lying, "lying.ico", 16, 16))
        .isInstanceOfSatisfying(
            ImageRejectedException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.Corrupt));
  }
}
