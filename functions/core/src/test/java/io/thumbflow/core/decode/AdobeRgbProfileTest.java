package io.thumbflow.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class AdobeRgbProfileTest {

  @Test
  void colorantsAreTheD50AdaptedPrimariesAdobePublishes() {
    // rXYZ/gXYZ/bXYZ of Adobe's own AdobeRGB1998.icc (also in the corpus photo
    // twelvemonkeys_grape_with_path.jpg).
    double[][] adobe = {
      {0.60974, 0.31111, 0.01947}, {0.20528, 0.62567, 0.06087}, {0.14919, 0.06322, 0.74457}
    };
    double[][] ours = AdobeRgbProfile.colorants();
    for (int c = 0; c < 3; c++) {
      for (int k = 0; k < 3; k++) {
        assertThat(ours[c][k]).isCloseTo(adobe[c][k], Offset.offset(0.0005));
      }
    }
  }

  @Test
  void isAnRgbProfileTheJdkReadsAndMapsPureGreenOutsideSrgb() {
    ICC_Profile profile = ICC_Profile.getInstance(AdobeRgbProfile.bytes());
    assertThat(profile.getColorSpaceType()).isEqualTo(ColorSpace.TYPE_RGB);
    float[] srgb = new ICC_ColorSpace(profile).toRGB(new float[] {0, 1, 0});
    // Adobe RGB's green lies outside sRGB: it clips to full green with red and blue at 0.
    assertThat(srgb[1]).isGreaterThan(0.99f);
    assertThat(srgb[0]).isLessThan(0.01f);
    float[] mid = new ICC_ColorSpace(profile).toRGB(new float[] {0.5f, 0.5f, 0.5f});
    assertThat(mid[0])
        .isCloseTo(0.5f, Offset.offset(0.02f)); // neutral grey stays neutral, gamma ~2.2 both
  }

  @Test
  void exifDeclaringUncalibratedWithInteropR03IsAdobeRgbAndSrgbIsNot() {
    assertThat(ExifColourSpace.adobeRgb(exif(0xFFFF, "R03"))).isTrue();
    assertThat(ExifColourSpace.adobeRgb(exif(0xFFFF, "R98"))).isFalse();
    assertThat(ExifColourSpace.adobeRgb(exif(1, "R03"))).isFalse();
    assertThat(ExifColourSpace.adobeRgb(exif(2, null))).isTrue();
    assertThat(ExifColourSpace.adobeRgb(null)).isFalse();
  }

  /**
   * Big-endian EXIF: IFD0 -> Exif IFD (ColorSpace, Interop pointer) -> Interop IFD (InteropIndex).
   */
  static byte[] exif(int colourSpace, String interopIndex) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(128);
    b.put(new byte[] {'M', 'M', 0, 42}).putInt(8);
    b.putShort((short) 1)
        .putShort((short) 0x8769)
        .putShort((short) 4)
        .putInt(1)
        .putInt(26)
        .putInt(0); // IFD0 at 8
    int entries = interopIndex == null ? 1 : 2; // Exif IFD at 26
    b.putShort((short) entries);
    b.putShort((short) 0xA001)
        .putShort((short) 3)
        .putInt(1)
        .putShort((short) colourSpace)
        .putShort((short) 0);
    if (interopIndex != null) {
      b.putShort((short) 0xA005).putShort((short) 4).putInt(1).putInt(26 + 2 + 12 * entries + 4);
    }
    b.putInt(0);
    if (interopIndex != null) { // Interop IFD
      b.putShort((short) 1)
          .putShort((short) 1)
          .putShort((short) 2)
          .putInt(4)
          .put(interopIndex.getBytes(java.nio.charset.StandardCharsets.US_ASCII))
          .put((byte) 0)
          .putInt(0);
    }
    return java.util.Arrays.copyOf(b.array(), b.position());
  }
}
