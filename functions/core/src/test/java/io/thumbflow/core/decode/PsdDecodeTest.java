package io.thumbflow.core.decode;

import static io.thumbflow.core.decode.LegacyFormatFiles.pattern;
import static io.thumbflow.core.decode.LegacyFormatFiles.psd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.ImageRejectedException;
import io.thumbflow.core.Limits;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PsdDecodeTest {
  private final ImageDecoder decoder = new ImageDecoder(Limits.DEFAULT);

  @ParameterizedTest(name = "mode {0}, {1} bits, alpha {2}, PackBits {3}")
  @CsvSource({
    "3, 8, false, false",
    "3, 8, false, true",
    "3, 8, true, true",
    "3, 16, false, true",
    "3, 16, true, false",
    "1, 8, false, true",
    "1, 16, false, false"
  })
  void decodesTheMergedImageTo8BitSrgb(int mode, int depth, boolean alpha, boolean packBits)
      throws Exception {
    int[] px = pattern(45, 31, alpha);
    if (mode == 1) {
      px = Arrays.stream(px).map(p -> (p & 0xFF000000) | ((p >> 16) & 0xFF) * 0x010101).toArray();
    }
    DecodedImage d =
        decoder.decode(psd(px, 45, 31, mode, depth, alpha, packBits, null, null), "a.psd", 45, 31);
    assertThat(d.header().format()).isEqualTo(ImageFormat.PSD);
    DecodedPixels.assertSubsampled(d.image(), px, 45, 31, 1, alpha, 0);
  }

  @Test
  void pointSubsamplesALargeMergedImage() throws Exception {
    int[] px = pattern(1200, 900, false);
    DecodedImage d =
        decoder.decode(psd(px, 1200, 900, 3, 8, false, true, null, null), "big.psd", 25, 25);
    assertThat(d.scaleX()).isEqualTo(1 / 4.0);
    DecodedPixels.assertSubsampled(d.image(), px, 1200, 900, 4, false, 0);
  }

  @Test
  void appliesTheExifOrientationResource() throws Exception {
    int[] px = pattern(40, 20, false);
    byte[] file = psd(px, 40, 20, 3, 8, false, false, null, LegacyFormatFiles.exifOrientation(6));
    DecodedImage d = decoder.decode(file, "rotated.psd", 40, 20);
    assertThat(d.header().orientation()).isEqualTo(6);
    assertThat(d.image().getWidth() + "x" + d.image().getHeight()).isEqualTo("20x40");
    // Orientation 6 turns the stored top-left pixel to the top-right.
    assertThat(d.image().getRGB(19, 0) & 0xFFFFFF).isEqualTo(px[0] & 0xFFFFFF);
  }

  @Test
  void convertsColoursFromTheIccProfileResourceToSrgb() throws Exception {
    int[] px = pattern(30, 20, false);
    byte[] adobe = AdobeRgbProfile.bytes();
    DecodedImage tagged =
        decoder.decode(psd(px, 30, 20, 3, 8, false, false, adobe, null), "adobe.psd", 30, 20);
    java.awt.image.BufferedImage expected =
        SrgbConversion.toSrgb(
            io.thumbflow.core.render.PackedPixels.wrap(px.clone(), 30, 20, false), adobe);
    DecodedPixels.assertSubsampled(
        tagged.image(), io.thumbflow.core.render.PackedPixels.of(expected), 30, 20, 1, false, 1);
    assertThat(tagged.image().getRGB(29, 0))
        .isNotEqualTo(px[29]); // the profile did change the colours
  }

  @Test
  void refusesAHeaderDeclaringTooManyPixelsBeforeDecoding() {
    byte[] file = psd(pattern(4, 4, false), 4, 4, 3, 8, false, false, null, null);
    file[14] = 0;
    file[15] = 0;
    file[16] = 0x75;
    file[17] = 0x30; // 30000 rows
    file[20] = 0x75;
    file[21] = 0x30; // 30000 columns
    assertThatThrownBy(() -> decoder.decode(file, "bomb.psd", 16, 16))
        .isInstanceOfSatisfying(
            ImageRejectedException.class,
            e -> {
              assertThat(e.type()).isEqualTo(ErrorType.TooManyPixels);
              assertThat(e.reason()).contains("30000x30000");
            });
  }

  @Test
  void refusesAMergedImageThatEndsEarlyAsTruncated() {
    for (boolean packBits : new boolean[] {false, true}) {
      byte[] whole = psd(pattern(64, 64, false), 64, 64, 3, 8, false, packBits, null, null);
      byte[] cut = Arrays.copyOf(whole, whole.length - 200);
      assertThatThrownBy(() -> decoder.decode(cut, "cut.psd", 16, 16))
          .isInstanceOfSatisfying(
              ImageRejectedException.class,
              e -> {
                assertThat(e.type()).isEqualTo(ErrorType.Truncated);
                assertThat(e.reason()).startsWith("truncated: PSD ends inside its merged image");
              });
    }
  }

  @Test
  void refusesASectionLengthRunningPastTheFileAndAnUnknownVersion() {
    byte[] file = psd(pattern(8, 8, false), 8, 8, 3, 8, false, false, null, null);
    byte[] longResources = file.clone();
    longResources[30] = 0x7F; // image resources section length
    assertThatThrownBy(() -> decoder.decode(longResources, "r.psd", 8, 8))
        .isInstanceOfSatisfying(
            ImageRejectedException.class,
            e ->
                assertThat(e.reason()).isEqualTo("truncated: PSD ends inside its image resources"));
    byte[] version3 = file.clone();
    version3[5] = 3;
    assertThatThrownBy(() -> decoder.decode(version3, "v.psd", 8, 8))
        .isInstanceOfSatisfying(
            ImageRejectedException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.Corrupt));
  }

  @Test
  void refusesALayerRecordWhoseExtraDataRunsPastTheLayerInfoBeforeTheReaderSizesArraysFromIt()
      throws Exception {
    // Found by fuzzing: a 10x10 PSD whose second layer record, read from the first one's bytes,
    // declared blending ranges that made TwelveMonkeys allocate past a 512 MB heap.
    byte[] file =
        java.nio.file.Files.readAllBytes(
            java.nio.file.Path.of(
                getClass()
                    .getResource(
                        "/io/thumbflow/core/ThumbnailPipelineFuzzTestInputs/render/"
                            + "psd-layer-blending-ranges-past-its-record")
                    .toURI()));
    assertThatThrownBy(() -> decoder.decode(file, "layers.psd", 10, 10))
        .isInstanceOfSatisfying(
            ImageRejectedException.class,
            e ->
                assertThat(e.reason())
                    .isEqualTo("corrupt: PSD layer 0's extra data runs past the layer info"));
  }

  @Test
  void refusesASixteenBitLayerBlockWhoseRecordRunsPastTheBlock() {
    byte[] base = psd(pattern(8, 8, false), 8, 8, 3, 8, false, false, null, null);
    // Layer info and global layer mask empty, then an Lr16 block (where 16-bit documents keep their
    // layers) with one layer whose extra data claims 2 GB.
    java.nio.ByteBuffer section = java.nio.ByteBuffer.allocate(4 + 56);
    section.putInt(56).putInt(0).putInt(0);
    section.put("8BIMLr16".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36);
    section.putShort((short) 1).put(new byte[16]).putShort((short) 0);
    section.put("8BIMnorm".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    section.put(new byte[] {(byte) 0xFF, 0, 0, 0}).putInt(0x7FFFFFFF);
    int layerSectionAt = 34; // 26-byte header, empty colour mode data and image resources
    assertThat(Arrays.copyOfRange(base, 26, 38)).containsOnly(0);
    byte[] file = new byte[base.length + 56];
    System.arraycopy(base, 0, file, 0, layerSectionAt);
    System.arraycopy(section.array(), 0, file, layerSectionAt, 60);
    System.arraycopy(
        base, layerSectionAt + 4, file, layerSectionAt + 60, base.length - layerSectionAt - 4);

    assertThatThrownBy(() -> decoder.decode(file, "lr16.psd", 8, 8))
        .isInstanceOfSatisfying(
            ImageRejectedException.class,
            e ->
                assertThat(e.reason())
                    .isEqualTo("corrupt: PSD layer 0's extra data runs past the layer info"));
  }
}
