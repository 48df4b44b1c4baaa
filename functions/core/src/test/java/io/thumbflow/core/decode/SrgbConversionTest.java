package io.thumbflow.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.thumbflow.core.SharedCorpus;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.ColorConvertOp;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SrgbConversionTest {

  @Test
  void leavesAnSrgbProfileAloneWhenItsDescriptionIsIccV4Utf16() throws Exception {
    Path png = SharedCorpus.photos().resolve("lxqt_flowers.png");
    byte[] icc = PngStructure.read(Files.readAllBytes(png), "flowers.png", Long.MAX_VALUE).icc();
    ICC_Profile gimp = ICC_Profile.getInstance(icc);
    assertThat(gimp.getMajorVersion()).as("an ICC v4 profile").isEqualTo(4);
    assertThat(new String(gimp.getData(ICC_Profile.icSigProfileDescriptionTag), 0, 4, "ISO-8859-1"))
        .as("whose description is a UTF-16 'mluc'")
        .isEqualTo("mluc");

    assertThat(SrgbConversion.nonSrgbRgbProfile(icc)).isNull();
  }

  @Test
  void leavesAnSrgbProfileAloneWhateverItIsCalled() {
    ICC_Profile srgb = ((ICC_ColorSpace) ColorSpace.getInstance(ColorSpace.CS_sRGB)).getProfile();
    ICC_Profile renamed = ICC_Profile.getInstance(srgb.getData());
    renamed.setData(ICC_Profile.icSigProfileDescriptionTag, textDescription("c2"));
    assertThat(ICC_Profile.getInstance(renamed.getData()).getColorSpaceType())
        .as("the renamed profile still reads as RGB")
        .isEqualTo(ColorSpace.TYPE_RGB);

    assertThat(SrgbConversion.nonSrgbRgbProfile(renamed.getData())).isNull();
  }

  @Test
  void convertsFromAProfileThatMovesColoursWhateverItIsCalled() {
    ICC_Profile adobe = ICC_Profile.getInstance(AdobeRgbProfile.bytes());
    adobe.setData(ICC_Profile.icSigProfileDescriptionTag, textDescription("wide gamut"));

    assertThat(SrgbConversion.nonSrgbRgbProfile(adobe.getData())).isNotNull();
  }

  /** An ICC v2 'desc' tag holding {@code ascii}, with empty Unicode and ScriptCode parts. */
  private static byte[] textDescription(String ascii) {
    java.nio.ByteBuffer tag = java.nio.ByteBuffer.allocate(12 + ascii.length() + 1 + 8 + 3 + 67);
    tag.put("desc".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(0);
    tag.putInt(ascii.length() + 1).put(ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    tag.put((byte) 0).putInt(0).putInt(0).putShort((short) 0).put((byte) 0);
    return tag.array();
  }

  @Test
  void convertsDisplayP3PixelsToSrgbAsTheColourManagementSystemDoes() throws Exception {
    Path jpeg = SharedCorpus.hostile("libavif_apple_gainmap_new.jpg");
    byte[] icc = JpegStructure.read(Files.readAllBytes(jpeg), "p3.jpg", 100, Long.MAX_VALUE).icc();
    ICC_Profile p3 = SrgbConversion.nonSrgbRgbProfile(icc);
    assertThat(p3).as("the iPhone JPEG carries a non-sRGB RGB profile").isNotNull();

    Random random = new Random(7);
    int n = 2000;
    int[] pixels = new int[n];
    WritableRaster reference = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, n, 1, 3, null);
    for (int i = 0; i < n; i++) {
      int rgb = random.nextInt(1 << 24);
      pixels[i] = 0xFF000000 | rgb;
      reference.setPixel(i, 0, new int[] {(rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF});
    }
    ICC_Profile srgb = ((ICC_ColorSpace) ColorSpace.getInstance(ColorSpace.CS_sRGB)).getProfile();
    WritableRaster expected =
        new ColorConvertOp(new ICC_Profile[] {p3, srgb}, null).filter(reference, null);

    java.awt.image.BufferedImage image =
        new java.awt.image.BufferedImage(n, 1, java.awt.image.BufferedImage.TYPE_INT_ARGB);
    image.setRGB(0, 0, n, 1, pixels, 0, n);
    SrgbConversion.applyProfile(image, p3);
    image.getRGB(0, 0, n, 1, pixels, 0, n);

    int worst = 0;
    int changed = 0;
    int[] e = new int[3];
    for (int i = 0; i < n; i++) {
      expected.getPixel(i, 0, e);
      int[] a = TestImages.rgb(pixels[i]);
      for (int c = 0; c < 3; c++) {
        worst = Math.max(worst, Math.abs(a[c] - e[c]));
      }
      reference.getPixel(i, 0, e);
      if (!java.util.Arrays.equals(a, e)) {
        changed++;
      }
      assertThat(pixels[i] >>> 24).isEqualTo(0xFF);
    }
    assertThat(worst).isLessThanOrEqualTo(1);
    assertThat(changed).as("P3 differs from sRGB, so most colours move").isGreaterThan(n / 2);
  }
}
