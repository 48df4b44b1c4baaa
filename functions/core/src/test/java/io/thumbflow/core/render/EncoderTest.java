package io.thumbflow.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thumbflow.core.ImageFormat;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class EncoderTest {

  /** Left half fully transparent black, right half opaque red. */
  private static BufferedImage halfTransparent() {
    int[] px = new int[20 * 10];
    for (int i = 0; i < px.length; i++) px[i] = (i % 20) < 10 ? 0x00000000 : 0xffff0000;
    return PackedPixels.wrap(px, 20, 10, true);
  }

  @Test
  void flattensAlphaOntoWhiteForJpeg() throws Exception {
    byte[] jpeg = Encoder.encode(halfTransparent(), ImageFormat.JPEG);
    BufferedImage back = ImageIO.read(new ByteArrayInputStream(jpeg));
    assertThat(back.getColorModel().hasAlpha()).isFalse();
    int transparentArea = back.getRGB(2, 5);
    assertThat((transparentArea >>> 16) & 0xff).isGreaterThan(240);
    assertThat((transparentArea >>> 8) & 0xff).isGreaterThan(240);
    assertThat(transparentArea & 0xff).isGreaterThan(240);
    int opaqueArea = back.getRGB(17, 5);
    assertThat((opaqueArea >>> 16) & 0xff).isGreaterThan(200);
    assertThat((opaqueArea >>> 8) & 0xff).isLessThan(60);
  }

  @Test
  void keepsAlphaForPng() throws Exception {
    byte[] png = Encoder.encode(halfTransparent(), ImageFormat.PNG);
    BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(back.getColorModel().hasAlpha()).isTrue();
    assertThat(back.getRGB(2, 5) >>> 24).isZero();
    assertThat(back.getRGB(17, 5)).isEqualTo(0xffff0000);
  }

  @Test
  void writesPngLosslessly() throws Exception {
    int[] px = new int[7 * 3];
    for (int i = 0; i < px.length; i++) px[i] = 0xff000000 | (i * 0x0a0b0c);
    byte[] png = Encoder.encode(PackedPixels.wrap(px, 7, 3, false), ImageFormat.PNG);
    BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(back.getRGB(0, 0, 7, 3, null, 0, 7)).isEqualTo(px);
  }

  @Test
  void followsTheSourceFormatWhereWritableElsePngForAlphaAndJpegOtherwise() {
    assertThat(Encoder.chooseFormat(null, ImageFormat.PNG, false)).isEqualTo(ImageFormat.PNG);
    assertThat(Encoder.chooseFormat(null, ImageFormat.JPEG, false)).isEqualTo(ImageFormat.JPEG);
    assertThat(Encoder.chooseFormat(null, ImageFormat.GIF, true)).isEqualTo(ImageFormat.PNG);
    assertThat(Encoder.chooseFormat(null, ImageFormat.BMP, false)).isEqualTo(ImageFormat.JPEG);
    assertThat(Encoder.chooseFormat(null, ImageFormat.WEBP, false)).isEqualTo(ImageFormat.JPEG);
    assertThat(Encoder.chooseFormat(ImageFormat.PNG, ImageFormat.JPEG, false))
        .isEqualTo(ImageFormat.PNG);
  }

  @Test
  void refusesAFormatThatIsNotAnOutputFormatWithAClearMessage() {
    assertThat(Encoder.canWrite(ImageFormat.TIFF)).isFalse();
    assertThatThrownBy(() -> Encoder.encode(halfTransparent(), ImageFormat.TIFF))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no TIFF writer available: thumbflow writes JPEG, PNG or WebP");
  }

  @Test
  void writesLossyWebpThatLibwebpReadsBackCloseToThePixels() {
    BufferedImage photo = io.thumbflow.core.decode.TestImages.picture(200, 150);
    byte[] webp = Encoder.encode(photo, ImageFormat.WEBP);
    assertThat(new String(webp, 0, 4, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("RIFF");
    assertThat(new String(webp, 12, 4, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("VP8 ");
    assertThat(WebpVsJpeg.psnr(photo, WebpVsJpeg.readWebp(webp))).isGreaterThan(30);
  }

  @Test
  void keepsAlphaInWebpAndWritesAFlatGraphicLosslessWhenThatIsSmaller() {
    BufferedImage graphic = halfTransparent();
    byte[] webp = Encoder.encode(graphic, ImageFormat.WEBP);
    byte[] lossy =
        WebpEncoder.encode(
            graphic, com.luciad.imageio.webp.CompressionType.Lossy, WebpEncoder.LOSSY_QUALITY);
    assertThat(webp.length).isLessThan(lossy.length);
    assertThat(new String(webp, 12, 4, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("VP8L");
    BufferedImage back = WebpVsJpeg.readWebp(webp);
    assertThat(back.getRGB(2, 5) >>> 24).isZero();
    assertThat(back.getRGB(17, 5)).isEqualTo(0xffff0000);
  }

  @Test
  void keepsLossyWebpForATranslucentPhotoWhereLosslessIsLarger() {
    BufferedImage photo = io.thumbflow.core.decode.TestImages.picture(200, 150);
    int[] px = PackedPixels.of(photo).clone();
    for (int i = 0; i < px.length; i++) px[i] = (px[i] & 0xFFFFFF) | ((i % 200) + 40) << 24;
    BufferedImage translucent = PackedPixels.wrap(px, 200, 150, true);
    byte[] webp = Encoder.encode(translucent, ImageFormat.WEBP);
    byte[] lossless =
        WebpEncoder.encode(
            translucent,
            com.luciad.imageio.webp.CompressionType.Lossless,
            WebpEncoder.LOSSY_QUALITY);
    assertThat(webp.length).isLessThan(lossless.length);
    assertThat(WebpVsJpeg.readWebp(webp).getRGB(0, 0) >>> 24).isBetween(30, 50);
  }
}
