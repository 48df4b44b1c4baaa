package io.thumbflow.core.decode;

import static io.thumbflow.core.decode.TestImages.jpeg;
import static io.thumbflow.core.decode.TestImages.picture;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class JpegStructureTest {
  private static final byte[] SRGB = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

  @Test
  void leavesAProfileSplitOverSegmentsToTheReaderWhateverItsLaterChunksStartWith()
      throws Exception {
    byte[] second = Arrays.copyOfRange(SRGB, 1000, SRGB.length);
    Arrays.fill(
        second, 0, 4, (byte) 0xFF); // a later chunk's first bytes are profile data, not a size
    byte[] file = withIccSegments(Arrays.copyOf(SRGB, 1000), second);

    JpegStructure s = JpegStructure.read(file, "split.jpg", 100, 1L << 30);

    assertThat(s.iccSegments()).hasSize(2);
    assertThat(s.headWithoutOverrunningProfile(file)).isNull();
  }

  @Test
  void hidesAProfileWhoseHeaderDeclaresMoreThanItsSegmentsHoldFromTheReader() throws Exception {
    byte[] header = Arrays.copyOf(SRGB, 128);
    header[0] = 0x63; // 0x63544C48 bytes: 1.6 GB
    header[1] = 0x54;
    header[2] = 0x4C;
    header[3] = 0x48;
    byte[] file = withIccSegments(header);

    JpegStructure s = JpegStructure.read(file, "forged.jpg", 100, 1L << 30);
    byte[] head = s.headWithoutOverrunningProfile(file);

    int identifier = s.iccSegments()[0];
    assertThat(head).hasSize(identifier + 1); // through the identifier's first byte, now 'X'
    assertThat((char) head[identifier]).isEqualTo('X');
    head[identifier] = 'I';
    assertThat(head).isEqualTo(Arrays.copyOf(file, head.length));
  }

  /** A small JPEG with {@code chunks} as APP2 ICC segments 1..n of n right after SOI. */
  private static byte[] withIccSegments(byte[]... chunks) {
    byte[] plain = jpeg(picture(16, 16), false);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(plain, 0, 2);
    for (int i = 0; i < chunks.length; i++) {
      int length = 2 + 14 + chunks[i].length;
      out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE2, (byte) (length >> 8), (byte) length});
      out.writeBytes("ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(new byte[] {(byte) (i + 1), (byte) chunks.length});
      out.writeBytes(chunks[i]);
    }
    out.write(plain, 2, plain.length - 2);
    return out.toByteArray();
  }
}
