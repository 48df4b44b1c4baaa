package io.thumbflow.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageRejectedException;
import io.thumbflow.core.Limits;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * What a TIFF's first directory is checked for before any decoder runs (see {@link TiffStrips}):
 * camera raw files, which are TIFF-based but hold sensor data, and sample counts that would size
 * arrays beyond the heap.
 */
class TiffDirectoryChecksTest {
  private final ImageDecoder decoder = new ImageDecoder(Limits.DEFAULT);

  /**
   * A little-endian 4x4 8-bit grey TIFF, with one extra IFD0 entry {tag, type, value} when given.
   */
  private static byte[] tiff(int[] extra, boolean cr2Header) {
    int entries = 8 + (extra == null ? 0 : 1);
    ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {'I', 'I', 42, 0}).putInt(16);
    b.put(cr2Header ? new byte[] {'C', 'R', 2, 0, 0, 0, 0, 0} : new byte[8]);
    b.putShort((short) entries);
    int data = 16 + 2 + 12 * entries + 4;
    int[][] tags = {
      {256, 3, 4},
      {257, 3, 4},
      {258, 3, 8},
      {259, 3, 1},
      {262, 3, 1},
      {273, 4, data},
      {278, 3, 4},
      {279, 4, 16}
    };
    for (int[] t : tags) {
      entry(b, t[0], t[1], t[2]);
    }
    if (extra != null) {
      entry(b, extra[0], extra[1], extra[2]);
    }
    b.putInt(0);
    for (int i = 0; i < 16; i++) {
      b.put((byte) (i * 16));
    }
    return java.util.Arrays.copyOf(b.array(), b.position());
  }

  private static void entry(ByteBuffer b, int tag, int type, int value) {
    b.putShort((short) tag).putShort((short) type).putInt(1);
    if (type == 3) {
      b.putShort((short) value).putShort((short) 0);
    } else {
      b.putInt(value);
    }
  }

  @Test
  void decodesAPlainTiff() throws Exception {
    assertThat(decoder.decode(tiff(null, false), "plain.tif", 4, 4).image().getWidth())
        .isEqualTo(4);
  }

  @Test
  void refusesATiffDeclaringADngVersionAsCameraRaw() {
    assertRaw(tiff(new int[] {50706, 1, 1}, false), "DNG");
  }

  @Test
  void refusesACanonCr2HeaderAsCameraRaw() {
    assertRaw(tiff(null, true), "CR2");
  }

  @Test
  void refusesATiffWhoseSubIfdHoldsColourFilterArrayDataAsCameraRaw() {
    byte[] base = tiff(new int[] {330, 4, 0}, false);
    // Append a SubIFD with PhotometricInterpretation 32803 (CFA) and point tag 330 at it.
    ByteBuffer b = ByteBuffer.allocate(base.length + 18).order(ByteOrder.LITTLE_ENDIAN).put(base);
    int sub = base.length;
    b.putShort((short) 1);
    entry(b, 262, 3, 32803);
    b.putInt(0);
    byte[] file = b.array();
    int entry330 = 16 + 2 + 12 * 8;
    ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(entry330 + 8, sub);
    assertRaw(file, "TIFF-based camera raw");
  }

  @Test
  void decodesAGreyTiffThatStatesOneSamplePerPixel() throws Exception {
    assertThat(
            decoder
                .decode(tiff(new int[] {277, 3, 1}, false), "grey.tif", 4, 4)
                .image()
                .getHeight())
        .isEqualTo(4);
  }

  @Test
  void refusesATiffDeclaringABillionSamplesPerPixelBeforeDecoding() {
    // A LONG SamplesPerPixel with no ExtraSamples: TwelveMonkeys would allocate long[2^30] for the
    // extras.
    assertThatThrownBy(
            () -> decoder.decode(tiff(new int[] {277, 4, 1 << 30}, false), "forged.tif", 4, 4))
        .isInstanceOfSatisfying(
            ImageRejectedException.class,
            e -> {
              assertThat(e.type()).isEqualTo(ErrorType.UnsupportedFormat);
              assertThat(e.source()).isEqualTo("forged.tif");
              assertThat(e.reason())
                  .isEqualTo(
                      "unsupported format: TIFF with 1073741824 samples per pixel (thumbflow reads at most 16)");
            });
  }

  @Test
  void readsTheEntriesThatFitWhenTheDirectoryClaimsMoreThanTheFileHolds() {
    // Fuzzing: the entry count forged to 40968. TwelveMonkeys reads the entries that fit and ran
    // the heap out on the billion samples, while the check had skipped the whole directory.
    byte[] file = tiff(new int[] {277, 4, 1 << 30}, false);
    file[16] = 0x08;
    file[17] = (byte) 0xa0;

    assertThatThrownBy(() -> decoder.decode(file, "forged.tif", 4, 4))
        .isInstanceOfSatisfying(
            ImageRejectedException.class,
            e -> assertThat(e.type()).isEqualTo(ErrorType.UnsupportedFormat));
  }

  @Test
  void readsARepeatedSamplesPerPixelTagAsTheDecoderDoesByItsFirstEntry() {
    // Fuzzing: a billion samples per pixel, then junk entries repeating the tag with 1.
    // TwelveMonkeys
    // takes the first entry of a tag and ran the heap out, while the check had kept the last.
    byte[] file = tiff(new int[] {277, 4, 1 << 30}, false);
    int directory = 18; // after the header, the CR2 bytes and the entry count
    int at =
        directory + 12 * ((file.length - directory + 11) / 12); // an entry's place past the end
    byte[] repeated = java.util.Arrays.copyOf(file, at + 12);
    ByteBuffer tail = ByteBuffer.wrap(repeated).order(ByteOrder.LITTLE_ENDIAN);
    tail.position(at);
    entry(tail, 277, 3, 1);
    repeated[16] = 0x08; // the directory claims 40968 entries: those that fit are read
    repeated[17] = (byte) 0xa0;

    assertThatThrownBy(() -> decoder.decode(repeated, "forged.tif", 4, 4))
        .isInstanceOfSatisfying(
            ImageRejectedException.class,
            e -> {
              assertThat(e.type()).isEqualTo(ErrorType.UnsupportedFormat);
              assertThat(e.reason()).contains("1073741824 samples per pixel");
            });
  }

  private void assertRaw(byte[] file, String kind) {
    assertThatThrownBy(() -> decoder.decode(file, "x.raw", 4, 4))
        .isInstanceOfSatisfying(
            ImageRejectedException.class,
            e -> {
              assertThat(e.type()).isEqualTo(ErrorType.UnsupportedFormat);
              assertThat(e.reason()).startsWith("unsupported format: camera raw (" + kind + ")");
            });
  }
}
