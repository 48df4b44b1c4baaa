package io.thumbflow.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.thumbflow.core.ImageFormat;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FormatSnifferTest {

  private static SniffedFormat sniff(String s) {
    return FormatSniffer.sniff(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static SniffedFormat sniff(int... bytes) {
    byte[] d = new byte[Math.max(bytes.length, 32)];
    for (int i = 0; i < bytes.length; i++) {
      d[i] = (byte) bytes[i];
    }
    return FormatSniffer.sniff(d);
  }

  @Test
  void recognisesTheDecodableFormatsByTheirMagicBytes() {
    assertThat(sniff(0xFF, 0xD8, 0xFF, 0xE0).format()).isEqualTo(ImageFormat.JPEG);
    assertThat(sniff(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A).format())
        .isEqualTo(ImageFormat.PNG);
    assertThat(sniff("GIF89a\u0001\0\u0001\0\0\0\0;").format()).isEqualTo(ImageFormat.GIF);
    assertThat(sniff("RIFF\u0024\0\0\0WEBPVP8 ").format()).isEqualTo(ImageFormat.WEBP);
    assertThat(sniff('I', 'I', 0x2A, 0, 8, 0, 0, 0).format()).isEqualTo(ImageFormat.TIFF);
    assertThat(sniff('M', 'M', 0, 0x2A, 0, 0, 0, 8).format()).isEqualTo(ImageFormat.TIFF);
    assertThat(sniff('B', 'M', 0, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0, 40, 0, 0, 0).format())
        .isEqualTo(ImageFormat.BMP);
  }

  @Test
  void recognisesHeicAndAvifAsDecodableTheHeaderProbeDecidesWhetherLibheifIsThere() {
    SniffedFormat heic = sniff("\0\0\0\u0018ftypheic\0\0\0\0mif1heic");
    SniffedFormat avif = sniff("\0\0\0\u0018ftypmif1\0\0\0\0mif1avif");
    assertThat(heic.kind()).isEqualTo(SniffedFormat.Kind.DECODABLE);
    assertThat(heic.format()).isEqualTo(ImageFormat.HEIC);
    assertThat(avif.kind()).isEqualTo(SniffedFormat.Kind.DECODABLE);
    assertThat(avif.format()).isEqualTo(ImageFormat.AVIF);
  }

  @Test
  void recognisesFormatsItRefusesByName() {
    assertThat(sniff(0xFF, 0x4F, 0xFF, 0x51).name()).isEqualTo("JPEG 2000");
    assertThat(sniff("8BPS\0\u0001").name()).isEqualTo("PSD");
    assertThat(sniff(0, 0, 1, 0, 1, 0, 16, 16).name()).isEqualTo("ICO");
    assertThat(sniff("P6\n640 480\n255\n").name()).isEqualTo("PNM");
    assertThat(sniff(0x76, 0x2F, 0x31, 0x01).name()).isEqualTo("OpenEXR");
    assertThat(sniff("qoif\0\0\0\u0001").name()).isEqualTo("QOI");
    assertThat(sniff("icns\0\0\u0010\0").name()).isEqualTo("ICNS");
    assertThat(sniff("  <?xml version='1.0'?><svg width='10'/>").name()).isEqualTo("SVG");
    byte[] dicom = new byte[200];
    System.arraycopy("DICM".getBytes(StandardCharsets.ISO_8859_1), 0, dicom, 128, 4);
    assertThat(FormatSniffer.sniff(dicom).name()).isEqualTo("DICOM");
    assertThat(sniff("PF\n4 4\n-1.0\n").name()).startsWith("PFM");
    assertThat(sniff("PF\n4 4\n-1.0\n").kind()).isEqualTo(SniffedFormat.Kind.UNSUPPORTED);
  }

  @Test
  void recognisesTgaOnlyFromAFullyPlausibleHeader() {
    // id length 0, no colour map, type 2 (true colour), 64x32, 24 bpp, bottom-left origin
    SniffedFormat tga = sniff(0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 64, 0, 32, 0, 24, 0, 1, 2, 3);
    assertThat(tga.name()).isEqualTo("TGA");
    SniffedFormat noise = sniff(0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 64, 0, 32, 0, 23, 0, 1, 2, 3);
    assertThat(noise.kind()).isEqualTo(SniffedFormat.Kind.UNKNOWN);
  }

  @Test
  void recognisesDocumentsArchivesAndTextAsNotImages() {
    assertThat(sniff("%PDF-1.7\n").kind()).isEqualTo(SniffedFormat.Kind.NOT_AN_IMAGE);
    assertThat(sniff('P', 'K', 3, 4, 20, 0).name()).contains("ZIP");
    assertThat(sniff(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1).name()).contains("OLE");
    assertThat(sniff("<html><body>hi</body></html>").name()).contains("HTML");
    assertThat(sniff("hello, world\n").name()).isEqualTo("plain text");
    assertThat(FormatSniffer.sniff(new byte[0]).name()).contains("empty");
  }

  @Test
  void reportsADamagedPngSignatureAsDamagedNotUnknown() {
    assertThat(
            sniff(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0B, 0, 0, 0, 13, 'I', 'H', 'D', 'R')
                .kind())
        .isEqualTo(SniffedFormat.Kind.DAMAGED);
  }
}
