package io.thumbflow.core.decode.png;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.thumbflow.core.SharedCorpus;
import io.thumbflow.core.decode.SrgbConversion;
import io.thumbflow.core.render.BoxReduce;
import io.thumbflow.core.render.PackedPixels;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReducingPngDecoderTest {
  private static final int[][] FACTORS = {{1, 1}, {2, 3}, {7, 5}, {16, 16}};

  static Stream<Arguments> writtenImages() {
    return Stream.of(
        Arguments.of(
            "grey 8-bit",
            0,
            8,
            (Supplier<BufferedImage>) () -> image(BufferedImage.TYPE_BYTE_GRAY)),
        Arguments.of(
            "grey 16-bit",
            0,
            16,
            (Supplier<BufferedImage>) () -> image(BufferedImage.TYPE_USHORT_GRAY)),
        Arguments.of("grey 1-bit", 0, 1, (Supplier<BufferedImage>) () -> indexed(greyRamp(1), 1)),
        Arguments.of("grey 2-bit", 0, 2, (Supplier<BufferedImage>) () -> indexed(greyRamp(2), 2)),
        Arguments.of("grey 4-bit", 0, 4, (Supplier<BufferedImage>) () -> indexed(greyRamp(4), 4)),
        Arguments.of(
            "grey+alpha 8-bit",
            4,
            8,
            (Supplier<BufferedImage>)
                () ->
                    fill(
                        ImageTypeSpecifier.createInterleaved(
                                ColorSpace.getInstance(ColorSpace.CS_GRAY),
                                new int[] {0, 1},
                                DataBuffer.TYPE_BYTE,
                                true,
                                false)
                            .createBufferedImage(61, 43))),
        Arguments.of(
            "grey+alpha 16-bit",
            4,
            16,
            (Supplier<BufferedImage>)
                () ->
                    fill(
                        ImageTypeSpecifier.createInterleaved(
                                ColorSpace.getInstance(ColorSpace.CS_GRAY),
                                new int[] {0, 1},
                                DataBuffer.TYPE_USHORT,
                                true,
                                false)
                            .createBufferedImage(61, 43))),
        Arguments.of(
            "RGBA 16-bit",
            6,
            16,
            (Supplier<BufferedImage>)
                () ->
                    fill(
                        ImageTypeSpecifier.createInterleaved(
                                ColorSpace.getInstance(ColorSpace.CS_sRGB),
                                new int[] {0, 1, 2, 3},
                                DataBuffer.TYPE_USHORT,
                                true,
                                false)
                            .createBufferedImage(61, 43))),
        Arguments.of(
            "RGB 8-bit", 2, 8, (Supplier<BufferedImage>) () -> image(BufferedImage.TYPE_3BYTE_BGR)),
        Arguments.of(
            "RGB 16-bit",
            2,
            16,
            (Supplier<BufferedImage>)
                () ->
                    fill(
                        ImageTypeSpecifier.createInterleaved(
                                ColorSpace.getInstance(ColorSpace.CS_sRGB),
                                new int[] {0, 1, 2},
                                DataBuffer.TYPE_USHORT,
                                false,
                                false)
                            .createBufferedImage(61, 43))),
        Arguments.of(
            "RGBA 8-bit",
            6,
            8,
            (Supplier<BufferedImage>) () -> image(BufferedImage.TYPE_4BYTE_ABGR)),
        Arguments.of(
            "palette 8-bit",
            3,
            8,
            (Supplier<BufferedImage>) () -> indexed(palette(200, false, 8), 8)),
        Arguments.of(
            "palette 8-bit with alpha",
            3,
            8,
            (Supplier<BufferedImage>) () -> indexed(palette(256, true, 8), 8)),
        Arguments.of(
            "palette 4-bit",
            3,
            4,
            (Supplier<BufferedImage>) () -> indexed(palette(16, false, 4), 4)),
        Arguments.of(
            "palette 2-bit with alpha",
            3,
            2,
            (Supplier<BufferedImage>) () -> indexed(palette(4, true, 2), 2)),
        Arguments.of(
            "palette 1-bit",
            3,
            1,
            (Supplier<BufferedImage>) () -> indexed(palette(2, false, 1), 1)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writtenImages")
  void equalsImageIoDecodeBoxReducedForEveryFactor(
      String kind, int colorType, int bitDepth, Supplier<BufferedImage> source) throws Exception {
    byte[] png = write(source.get(), false);
    assertThat(new int[] {png[25], png[24]})
        .as("IHDR colour type, bit depth")
        .containsExactly(colorType, bitDepth);
    for (int[] f : FACTORS) {
      assertMatchesReference(png, f[0], f[1]);
    }
  }

  @Test
  void unfiltersRowsOfEveryFilterTypeExactly() throws Exception {
    int w = 29;
    int h = 17;
    byte[] rgb = new byte[w * h * 3];
    new Random(5).nextBytes(rgb);
    for (int i = 0; i < rgb.length; i += 7) {
      rgb[i] = (byte) 250; // values near 255 make the filters' byte arithmetic wrap
    }
    for (int filter = 0; filter <= 4; filter++) {
      byte[] png = PngFiles.rgb8(rgb, w, h, new int[] {filter}, 0);
      assertMatchesReference(png, 1, 1);
      assertMatchesReference(png, 3, 2);
    }
    byte[] mixed = PngFiles.rgb8(rgb, w, h, new int[] {4, 0, 3, 1, 2}, 0);
    assertMatchesReference(mixed, 1, 1);
    assertMatchesReference(mixed, 7, 5);
  }

  @Test
  void decodesImageDataInOneChunkLongerThanTheNativeStreamTakesAtATime() throws Exception {
    int w = 200;
    int h = 150;
    byte[] rgb = new byte[w * h * 3];
    new Random(8).nextBytes(rgb); // random samples barely compress
    byte[] png = PngFiles.rgb8(rgb, w, h, new int[] {4, 1, 0}, 0);
    assertThat(png.length).as("one IDAT of more than 64 KiB").isGreaterThan(80_000);
    assertMatchesReference(png, 1, 1);
    assertMatchesReference(png, 3, 2);
  }

  @Test
  void matchesImageIoForEveryCorpusPhoto() throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(SharedCorpus.photos())) {
      files = s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
    }
    assumeTrue(!files.isEmpty(), "no PNG in the corpus");
    for (Path file : files) {
      byte[] png = Files.readAllBytes(file);
      BufferedImage full = ImageIO.read(new ByteArrayInputStream(png));
      for (int[] f : new int[][] {{1, 1}, {8, 8}, {30, 30}}) {
        int[] reference = reference(full, f[0], f[1]);
        for (boolean nativeRows : rowLoops()) {
          BufferedImage decoded = ReducingPngDecoder.decode(png, f[0], f[1], nativeRows);
          assertThat(PackedPixels.of(decoded))
              .as(
                  "%s at %dx%d, %s row loops",
                  file.getFileName(), f[0], f[1], nativeRows ? "C" : "Java")
              .isEqualTo(reference);
        }
      }
    }
  }

  @Test
  void leavesInterlacedPngsToTheCaller() throws Exception {
    byte[] png = write(image(BufferedImage.TYPE_3BYTE_BGR), true);
    assertThat(png[28]).as("IHDR interlace method").isEqualTo((byte) 1);
    assertNotHandled(png, "interlaced");
  }

  @Test
  void leavesTruncatedImageDataToTheCaller() throws Exception {
    byte[] png = write(image(BufferedImage.TYPE_3BYTE_BGR), false);
    int idat = PngFiles.firstIdatData(png);
    assertNotHandled(Arrays.copyOf(png, idat + 40), "past the end");
    assertNotHandled(Arrays.copyOf(png, idat - 3), "before its image data");
  }

  @Test
  void leavesZlibStreamsThatEndEarlyToTheCaller() throws Exception {
    byte[] rgb = new byte[20 * 10 * 3];
    byte[] full = PngFiles.rgb8(rgb, 20, 10, new int[] {0}, 0);
    byte[] zlibForFewerRows = PngFiles.deflate(new byte[(20 * 3 + 1) * 9]);
    assertThat(ReducingPngDecoder.decode(full, 1, 1).getHeight()).isEqualTo(10);
    assertNotHandled(PngFiles.file(20, 10, 8, 2, 0, zlibForFewerRows), "ends before its last row");
  }

  @Test
  void leavesCorruptZlibDataToTheCaller() throws Exception {
    byte[] png = write(image(BufferedImage.TYPE_3BYTE_BGR), false);
    int idat = PngFiles.firstIdatData(png);
    png[idat] = 0x7f; // zlib header with an invalid compression method
    assertNotHandled(png, "not valid zlib");
  }

  @Test
  void leavesUnknownFilterTypesToTheCaller() throws Exception {
    byte[] rgb = new byte[12 * 6 * 3];
    new Random(2).nextBytes(rgb);
    assertNotHandled(PngFiles.rgb8(rgb, 12, 6, new int[] {1, 2, 7}, 0), "unknown filter type 7");
  }

  @Test
  void makesTheColourKeyTransparentAsImageIoDoes() throws Exception {
    int w = 23;
    int h = 14;
    byte[] rgb = new byte[w * h * 3];
    Random random = new Random(9);
    for (int i = 0; i < rgb.length; i += 3) {
      boolean key = random.nextInt(4) == 0;
      rgb[i] = (byte) (key ? 10 : random.nextInt(256));
      rgb[i + 1] = (byte) (key ? 200 : random.nextInt(256));
      rgb[i + 2] = (byte) (key ? 30 : random.nextInt(256));
    }
    byte[] png = PngFiles.rgb8(rgb, w, h, new int[] {4, 1}, 0);
    byte[] keyed = withChunkBeforeImageData(png, "tRNS", new byte[] {0, 10, 0, (byte) 200, 0, 30});
    assertThat(PackedPixels.of(ReducingPngDecoder.decode(keyed, 1, 1)))
        .as("key pixels made transparent")
        .contains(0x000ac81e);
    assertMatchesReference(keyed, 1, 1);
    assertMatchesReference(keyed, 3, 2);

    byte[] grey8 = write(image(BufferedImage.TYPE_BYTE_GRAY), false);
    int common =
        ReducingPngDecoder.decode(grey8, 1, 1).getRaster().getSample(0, 0, 0); // any present value
    for (int key : new int[] {common, 40, 300}) {
      assertMatchesReference(
          withChunkBeforeImageData(grey8, "tRNS", new byte[] {(byte) (key >> 8), (byte) key}),
          2,
          3);
    }
    byte[] grey2 = write(indexed(greyRamp(2), 2), false);
    for (int key :
        new int[] {1, 85, 255}) { // ImageIO compares the key with samples scaled to 8 bits
      assertMatchesReference(
          withChunkBeforeImageData(grey2, "tRNS", new byte[] {0, (byte) key}), 1, 1);
    }
  }

  @Test
  void leavesSixteenBitColourKeysToTheCaller() throws Exception {
    byte[] grey16 = write(image(BufferedImage.TYPE_USHORT_GRAY), false);
    assertNotHandled(
        withChunkBeforeImageData(grey16, "tRNS", new byte[] {1, 2}), "colour-key tRNS");
  }

  @Test
  void stopsWhenTheThreadIsInterrupted() throws Exception {
    byte[] png = write(image(BufferedImage.TYPE_3BYTE_BGR), false);
    Thread.currentThread().interrupt();
    try {
      assertNotHandled(png, "interrupted");
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void givesEveryHostileFileAResultOrTheNotHandledSignal() throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(SharedCorpus.dir().resolve("corpus").resolve("hostile"))) {
      files = s.sorted().toList();
    }
    int decoded = 0;
    for (Path file : files) {
      byte[] data = Files.readAllBytes(file);
      if (declaredPixels(data) > 40_000_000L) {
        continue; // the caller refuses these on their header before any decoder runs
      }
      try {
        BufferedImage image = ReducingPngDecoder.decode(data, 4, 4);
        assertThat(image.getWidth()).isPositive();
        decoded++;
      } catch (PngNotHandledException expected) {
        assertThat(expected)
            .as(file.getFileName().toString())
            .hasNoCause(); // a named reason, not a defect
      } catch (RuntimeException | Error e) {
        fail(file.getFileName() + " threw " + e, e);
      }
    }
    assertThat(decoded).as("hostile PNGs the decoder takes").isPositive();
  }

  @Test
  void agreesWithImageIoOnEveryHostilePngItTakes() throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(SharedCorpus.dir().resolve("corpus").resolve("hostile"))) {
      files = s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
    }
    int compared = 0;
    for (Path file : files) {
      byte[] data = Files.readAllBytes(file);
      if (declaredPixels(data) > 40_000_000L) {
        continue; // refused on its header by the caller
      }
      BufferedImage decoded;
      BufferedImage full;
      try {
        decoded = ReducingPngDecoder.decode(data, 3, 2);
        full = ImageIO.read(new ByteArrayInputStream(data));
      } catch (PngNotHandledException | IOException notComparable) {
        continue;
      }
      assertThat(PackedPixels.of(decoded))
          .as(file.getFileName().toString())
          .isEqualTo(reference(full, 3, 2));
      compared++;
    }
    assertThat(compared).as("hostile PNGs compared").isGreaterThan(5);
  }

  @Test
  void rejectsFactorsBelowOne() {
    assertThatThrownBy(() -> ReducingPngDecoder.decode(new byte[0], 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] withChunkBeforeImageData(byte[] png, String type, byte[] body) {
    int at = PngFiles.firstIdatData(png) - 8;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(png, 0, at);
    PngFiles.chunk(out, type, body);
    out.write(png, at, png.length - at);
    return out.toByteArray();
  }

  private static long declaredPixels(byte[] d) {
    if (d.length < 24 || d[1] != 'P' || d[2] != 'N' || d[3] != 'G') return 0;
    long w = java.nio.ByteBuffer.wrap(d, 16, 4).getInt() & 0xffffffffL;
    long h = java.nio.ByteBuffer.wrap(d, 20, 4).getInt() & 0xffffffffL;
    return w * h;
  }

  private static void assertNotHandled(byte[] png, String reason) {
    assertThatThrownBy(() -> ReducingPngDecoder.decode(png, 2, 2))
        .isInstanceOf(PngNotHandledException.class)
        .hasMessageContaining(reason);
  }

  private static void assertMatchesReference(byte[] png, int fx, int fy)
      throws IOException, PngNotHandledException {
    BufferedImage full = ImageIO.read(new ByteArrayInputStream(png));
    boolean alpha = full.getColorModel().hasAlpha();
    int[] reference = reference(full, fx, fy);
    for (boolean nativeRows : rowLoops()) {
      BufferedImage decoded = ReducingPngDecoder.decode(png, fx, fy, nativeRows);
      assertThat(decoded.getType())
          .isEqualTo(alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
      assertThat(decoded.getWidth()).isEqualTo(BoxReduce.reducedLength(full.getWidth(), fx));
      assertThat(decoded.getHeight()).isEqualTo(BoxReduce.reducedLength(full.getHeight(), fy));
      assertThat(PackedPixels.of(decoded))
          .as("factors %dx%d, %s row loops", fx, fy, nativeRows ? "C" : "Java")
          .isEqualTo(reference);
    }
  }

  /** The Java row loops, and the C ones where they load. */
  private static List<Boolean> rowLoops() {
    return NativePngRows.loaded() ? List.of(false, true) : List.of(false);
  }

  /**
   * What the ImageIO path makes of the same file: ImageIO's image, converted to sRGB, box-reduced.
   */
  private static int[] reference(BufferedImage full, int fx, int fy) {
    return BoxReduce.reduce(
        PackedPixels.of(SrgbConversion.toSrgb(full, null)),
        full.getWidth(),
        full.getHeight(),
        fx,
        fy,
        full.getColorModel().hasAlpha());
  }

  private static byte[] write(BufferedImage image, boolean interlaced) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setProgressiveMode(
          interlaced ? ImageWriteParam.MODE_DEFAULT : ImageWriteParam.MODE_DISABLED);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  private static BufferedImage image(int type) {
    return fill(new BufferedImage(61, 43, type));
  }

  private static BufferedImage indexed(IndexColorModel model, int bits) {
    int type = bits == 8 ? BufferedImage.TYPE_BYTE_INDEXED : BufferedImage.TYPE_BYTE_BINARY;
    return fill(new BufferedImage(61, 43, type, model));
  }

  /** Gradients plus noise in every band, so rows differ and the writer picks various filters. */
  private static BufferedImage fill(BufferedImage image) {
    WritableRaster raster = image.getRaster();
    Random random = new Random(image.getType() * 31L + raster.getNumBands());
    for (int y = 0; y < raster.getHeight(); y++) {
      for (int x = 0; x < raster.getWidth(); x++) {
        for (int b = 0; b < raster.getNumBands(); b++) {
          int max = (1 << raster.getSampleModel().getSampleSize(b)) - 1;
          long v =
              (long) (x * 5 + y * 3 + b * 40) * max / 400
                  + random.nextInt(Math.max(1, max / 8 + 1));
          raster.setSample(x, y, b, (int) (v % (max + 1)));
        }
      }
    }
    return image;
  }

  private static IndexColorModel greyRamp(int bits) {
    int n = 1 << bits;
    byte[] g = new byte[n];
    for (int i = 0; i < n; i++) {
      g[i] = (byte) (i * 255 / (n - 1));
    }
    return new IndexColorModel(bits, n, g, g, g);
  }

  private static IndexColorModel palette(int entries, boolean alpha, int bits) {
    Random random = new Random(entries * 7L + bits);
    byte[] r = new byte[entries];
    byte[] g = new byte[entries];
    byte[] b = new byte[entries];
    byte[] a = new byte[entries];
    random.nextBytes(r);
    random.nextBytes(g);
    random.nextBytes(b);
    random.nextBytes(a);
    return alpha
        ? new IndexColorModel(bits, entries, r, g, b, a)
        : new IndexColorModel(bits, entries, r, g, b);
  }
}
