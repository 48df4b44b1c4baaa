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
