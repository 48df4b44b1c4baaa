package io.thumbflow.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.thumbflow.core.decode.png.PngImageData;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.Inflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** thumbflow's PNG writer, read back by ImageIO's reader. */
class PngEncoderTest {
  private static final int[][] SIZES = {{1, 1}, {1, 9}, {9, 1}, {2, 3}, {256, 170}, {77, 301}};

  @Test
  void writesRgbThatReadsBackPixelForPixel() throws IOException {
    Random random = new Random(31);
    for (int[] size : SIZES) {
      int[] pixels = photoLike(random, size[0], size[1]);
      for (boolean nativeDeflate : deflaters()) {
        BufferedImage back =
            read(PngEncoder.encode(pixels, size[0], size[1], false, nativeDeflate));
        assertThat(back.getColorModel().hasAlpha()).isFalse();
        assertThat(back.getRGB(0, 0, size[0], size[1], null, 0, size[0]))
            .as("%dx%d, %s", size[0], size[1], nativeDeflate ? "zlib-ng" : "JDK zlib")
            .isEqualTo(opaque(pixels));
      }
    }
  }

  @Test
  void writesAlphaUnpremultipliedAsItWasGiven() throws IOException {
    Random random = new Random(32);
    for (int[] size : SIZES) {
      int[] pixels = photoLike(random, size[0], size[1]);
      for (int i = 0; i < pixels.length; i += 3)
        pixels[i] &= 0x00ffffff; // transparent, colour kept
      for (boolean nativeDeflate : deflaters()) {
        BufferedImage back = read(PngEncoder.encode(pixels, size[0], size[1], true, nativeDeflate));
        assertThat(back.getColorModel().hasAlpha()).isTrue();
        assertThat(back.getRGB(0, 0, size[0], size[1], null, 0, size[0]))
            .as("%dx%d, %s", size[0], size[1], nativeDeflate ? "zlib-ng" : "JDK zlib")
            .isEqualTo(pixels);
      }
    }
  }

  @Test
  void writesTheChunksImageIoWroteAndPaethRows() {
    byte[] png = PngEncoder.encode(new int[] {0xff102030, 0xff405060}, 2, 1, false);
    assertThat(chunkTypes(png)).containsExactly("IHDR", "IDAT", "IEND");
    // IHDR: 2 x 1, 8 bits, colour type 2, then compression, filter and interlace 0.
    assertThat(ByteBuffer.wrap(png, 16, 13).getInt()).isEqualTo(2);
    assertThat(ByteBuffer.wrap(png, 20, 9).getInt()).isEqualTo(1);
    assertThat(new byte[] {png[24], png[25], png[26], png[27], png[28]})
        .containsExactly(8, 2, 0, 0, 0);
  }

  @Test
  void filtersTheRowsInCAsTheJavaFilterDoes() throws Exception {
    assumeTrue(deflaters().contains(true), "the native PNG library is not loaded here");
    Random random = new Random(33);
    for (int[] size : SIZES) {
      for (boolean alpha : new boolean[] {false, true}) {
        int[] pixels = photoLike(random, size[0], size[1]);
        assertThat(filteredRows(PngEncoder.encode(pixels, size[0], size[1], alpha, true)))
            .as("%dx%d, alpha %s", size[0], size[1], alpha)
            .isEqualTo(filteredRows(PngEncoder.encode(pixels, size[0], size[1], alpha, false)));
      }
    }
  }

  @Test
  void paethFiltersAgainstTheRowAboveAndTheLeftPixel() {
    byte[] prev = {10, 20, 30, 40, 50, 60};
    byte[] cur = {15, 25, 35, 100, (byte) 200, 0};
    byte[] out = new byte[7];
    PngEncoder.paeth(cur, prev, 3, out);
    // The first pixel's predictor is the one above; the second's: a=15 b=40 c=10 -> p=45, pa=30,
    // pb=5, pc=35 -> b (40); a=25 b=50 c=20 -> b (50); a=35 b=60 c=30 -> b (60).
    assertThat(out).containsExactly(0, 5, 5, 5, 60, (byte) 150, (byte) -60);
  }

  @Test
  void refusesAPixelArrayShorterThanItsSize() {
    assertThatThrownBy(() -> PngEncoder.encode(new int[5], 2, 3, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** The encoders to test: the JDK's zlib always, zlib-ng where the PNG library loads. */
  private static List<Boolean> deflaters() {
    boolean loaded = PngImageData.paethDeflated(new int[1], 1, 1, false, 2).isPresent();
    return loaded ? List.of(false, true) : List.of(false);
  }

  /** The IDAT's zlib stream inflated: the filter bytes and filtered rows. */
  private static byte[] filteredRows(byte[] png) throws Exception {
    Chunk idat =
        chunks(png).stream()
            .filter(c -> c.type().equals("IDAT"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no IDAT"));
    Inflater inflater = new Inflater();
    inflater.setInput(png, idat.offset(), idat.length());
    java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    while (!inflater.finished()) {
      int n = inflater.inflate(buf);
      assertThat(n > 0 || !inflater.needsInput()).as("zlib stream complete").isTrue();
      raw.write(buf, 0, n);
    }
    inflater.end();
    return raw.toByteArray();
  }

  /** Smooth gradients with noise, so every filter path and the deflater's matches are used. */
  private static int[] photoLike(Random random, int w, int h) {
    int[] px = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int r = (x * 255 / Math.max(1, w - 1) + random.nextInt(9)) & 0xff;
        int g = (y * 255 / Math.max(1, h - 1) + random.nextInt(9)) & 0xff;
        int b = random.nextInt(256);
        px[y * w + x] = random.nextInt(256) << 24 | r << 16 | g << 8 | b;
      }
    }
    return px;
  }

  private static int[] opaque(int[] px) {
    int[] out = new int[px.length];
    for (int i = 0; i < px.length; i++) out[i] = px[i] | 0xff000000;
    return out;
  }

  private static BufferedImage read(byte[] png) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image).as("ImageIO reads it").isNotNull();
    return image;
  }

  private static List<String> chunkTypes(byte[] png) {
    return chunks(png).stream().map(Chunk::type).toList();
  }

  /** A chunk: its type and where its data is in the file. */
  private record Chunk(String type, int offset, int length) {}

  private static List<Chunk> chunks(byte[] png) {
    List<Chunk> chunks = new ArrayList<>();
    ByteBuffer b = ByteBuffer.wrap(png);
    b.position(8);
    while (b.remaining() >= 12) {
      int length = b.getInt();
      byte[] type = new byte[4];
      b.get(type);
      chunks.add(
          new Chunk(
              new String(type, java.nio.charset.StandardCharsets.US_ASCII), b.position(), length));
      b.position(b.position() + length + 4);
    }
    return chunks;
  }
}
