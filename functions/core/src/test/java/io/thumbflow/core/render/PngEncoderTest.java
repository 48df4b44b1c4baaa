package io.thumbflow.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
      BufferedImage back = read(PngEncoder.encode(pixels, size[0], size[1], false));
      assertThat(back.getColorModel().hasAlpha()).isFalse();
      assertThat(back.getRGB(0, 0, size[0], size[1], null, 0, size[0]))
          .as("%dx%d", size[0], size[1])
          .isEqualTo(opaque(pixels));
    }
  }

  @Test
  void writesAlphaUnpremultipliedAsItWasGiven() throws IOException {
    Random random = new Random(32);
    for (int[] size : SIZES) {
      int[] pixels = photoLike(random, size[0], size[1]);
      for (int i = 0; i < pixels.length; i += 3)
        pixels[i] &= 0x00ffffff; // transparent, colour kept
      BufferedImage back = read(PngEncoder.encode(pixels, size[0], size[1], true));
      assertThat(back.getColorModel().hasAlpha()).isTrue();
      assertThat(back.getRGB(0, 0, size[0], size[1], null, 0, size[0]))
          .as("%dx%d", size[0], size[1])
          .isEqualTo(pixels);
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
    List<String> types = new ArrayList<>();
    ByteBuffer b = ByteBuffer.wrap(png);
    b.position(8);
    while (b.remaining() >= 12) {
      int length = b.getInt();
      byte[] type = new byte[4];
      b.get(type);
      types.add(new String(type, java.nio.charset.StandardCharsets.US_ASCII));
      b.position(b.position() + length + 4);
    }
    return types;
  }
}
