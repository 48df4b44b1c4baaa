package io.thumbflow.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.SharedCorpus;
import io.thumbflow.core.decode.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TurboJpegEncoderTest {
  private TurboJpegEncoder turbo;

  @BeforeEach
  void needsLibjpegTurbo() {
    Optional<TurboJpegEncoder> loaded = TurboJpegEncoder.load();
    assumeTrue(loaded.isPresent(), "libturbojpeg.so.0 not available here");
    turbo = loaded.get();
  }

  private static BufferedImage read(byte[] jpeg) throws IOException {
    return ImageIO.read(new ByteArrayInputStream(jpeg));
  }

  /** The first {@code n} JPEG photos of the corpus, by name. */
  private static List<Path> firstJpegs(int n) throws IOException {
    Path dir = SharedCorpus.photos();
    assumeTrue(Files.isDirectory(dir), "corpus not found at " + dir);
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".jpg")).sorted().limit(n).toList();
    }
  }

  @Test
  void writesJpegsThatDecodeToExactlyImageIosPixelsAtTheSameSize() throws Exception {
    List<Path> photos = firstJpegs(8);
    long turboBytes = 0;
    long imageIoBytes = 0;
    for (Path photo : photos) {
      BufferedImage pixels = TestImages.photoScaledTo(photo, 640);
      byte[] fast = turbo.encode(PackedPixels.of(pixels), pixels.getWidth(), pixels.getHeight());
      byte[] reference = Encoder.encodeWithImageIo(pixels, ImageFormat.JPEG);
      BufferedImage back = read(fast);
      BufferedImage expected = read(reference);
      assertThat(back.getWidth()).isEqualTo(pixels.getWidth());
      assertThat(back.getHeight()).isEqualTo(pixels.getHeight());
      assertThat(PackedPixels.of(back))
          .as("%s decoded from libjpeg-turbo's JPEG and from ImageIO's", photo.getFileName())
          .isEqualTo(PackedPixels.of(expected));
      turboBytes += fast.length;
      imageIoBytes += reference.length;
    }

    assertThat(photos).hasSize(8);
    assertThat((double) turboBytes / imageIoBytes).isBetween(0.99, 1.01);
  }

  @Test
  void encodesSizesThatAreNotWholeBlocksAndSinglePixels() throws Exception {
    for (int[] size : new int[][] {{1, 1}, {17, 3}, {333, 1}, {1, 200}, {31, 33}}) {
      int[] px = new int[size[0] * size[1]];
      for (int i = 0; i < px.length; i++) px[i] = (i * 0x010305) & 0xffffff;
      BufferedImage back = read(turbo.encode(px, size[0], size[1]));
      assertThat(back.getWidth()).isEqualTo(size[0]);
      assertThat(back.getHeight()).isEqualTo(size[1]);
    }
  }

  @Test
  void leavesOutputsOverItsPixelLimitToImageIo() throws Exception {
    int width = 4001;
    int height = (int) (TurboJpegEncoder.MAX_PIXELS / width) + 1;
    BufferedImage huge = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);

    assertThat(Encoder.encodeJpeg(huge, Optional.of(turbo))).isEmpty();
  }

  @Test
  void theEncoderWritesJpegsWithLibjpegTurboWhereItLoadsAndWithImageIoOtherwise() throws Exception {
    BufferedImage pixels = TestImages.photoScaledTo(firstJpegs(1).get(0), 640);

    byte[] written = Encoder.encode(pixels, ImageFormat.JPEG);

    assertThat(written)
        .isEqualTo(turbo.encode(PackedPixels.of(pixels), pixels.getWidth(), pixels.getHeight()));
    assertThat(Encoder.encodeJpeg(pixels, Optional.empty())).isEmpty();
    assertThat(read(Encoder.encodeWithImageIo(pixels, ImageFormat.JPEG)).getWidth())
        .isEqualTo(pixels.getWidth());
  }
}
