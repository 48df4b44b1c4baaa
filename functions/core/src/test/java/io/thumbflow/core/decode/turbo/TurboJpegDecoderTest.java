package io.thumbflow.core.decode.turbo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.thumbflow.core.SharedCorpus;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Needs libturbojpeg.so.0 (Debian: libturbojpeg0); the decode tests skip when it cannot be loaded.
 */
class TurboJpegDecoderTest {
  private static Optional<TurboJpegDecoder> decoder;

  @BeforeAll
  static void loadDecoder() {
    decoder = TurboJpegDecoder.load();
  }

  private static TurboJpegDecoder decoder() {
    assumeTrue(decoder.isPresent(), "libturbojpeg.so.0 not available here");
    return decoder.get();
  }

  @Test
  void decodesAt1of8WhenThatStillCoversA50pxBox() throws Exception {
    BufferedImage out = decoder().decode(jpeg(redLeftBlueRight(800, 600)), 50, 50);

    assertThat(out.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
    assertThat(out.getWidth()).isEqualTo(100);
    assertThat(out.getHeight()).isEqualTo(75);
    assertThat(new Color(out.getRGB(20, 37)))
        .satisfies(
            c -> {
              assertThat(c.getRed()).isGreaterThan(200);
              assertThat(c.getBlue()).isLessThan(60);
            });
    assertThat(new Color(out.getRGB(80, 37)))
        .satisfies(
            c -> {
              assertThat(c.getBlue()).isGreaterThan(200);
              assertThat(c.getRed()).isLessThan(60);
            });
  }

  @Test
  void picksTheSmallestEighthWhoseShorterSideStillCoversTheBox() throws Exception {
    // 600 * 3/8 = 225 < 256, 600 * 4/8 = 300 >= 256
    BufferedImage out = decoder().decode(jpeg(redLeftBlueRight(800, 600)), 256, 256);

    assertThat(out.getWidth()).isEqualTo(400);
    assertThat(out.getHeight()).isEqualTo(300);
  }

  @Test
  void roundsScaledSizesUpAsLibjpegDoes() throws Exception {
    BufferedImage out = decoder().decode(jpeg(redLeftBlueRight(801, 97)), 10, 10);

    assertThat(out.getWidth()).isEqualTo(101);
    assertThat(out.getHeight()).isEqualTo(13);
  }

  @Test
  void neverEnlargesAnImageSmallerThanTheBox() throws Exception {
    BufferedImage out = decoder().decode(jpeg(redLeftBlueRight(40, 30)), 50, 50);

    assertThat(out.getWidth()).isEqualTo(40);
    assertThat(out.getHeight()).isEqualTo(30);
  }

  @Test
  void decodesGreyscaleJpegToEqualRgbChannels() throws Exception {
    BufferedImage grey = new BufferedImage(320, 240, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = grey.createGraphics();
    g.setColor(new Color(180, 180, 180));
    g.fillRect(0, 0, 320, 240);
    g.dispose();

    BufferedImage out = decoder().decode(jpeg(grey), 40, 30);

    assertThat(out.getWidth()).isEqualTo(40);
    Color c = new Color(out.getRGB(20, 15));
    assertThat(c.getRed()).isEqualTo(c.getGreen()).isEqualTo(c.getBlue()).isBetween(170, 190);
  }

  @Test
  void reportsTruncatedJpegAsTruncatedInsteadOfPaddingIt() throws Exception {
    byte[] whole = jpeg(noise(640, 480));
    byte[] cut = Arrays.copyOf(whole, whole.length * 6 / 10);

    TurboJpegException e =
        catchThrowableOfType(TurboJpegException.class, () -> decoder().decode(cut, 50, 50));

    assertThat(e).isNotNull();
    assertThat(e.truncated()).isTrue();
    assertThat(e.getMessage()).containsIgnoringCase("premature end");
  }

  @Test
  void reportsBytesThatAreNotAJpegAsCorruptNotTruncated() {
    byte[] junk = "definitely not a JPEG file, just text".getBytes();

    TurboJpegException e =
        catchThrowableOfType(TurboJpegException.class, () -> decoder().decode(junk, 50, 50));

    assertThat(e).isNotNull();
    assertThat(e.truncated()).isFalse();
  }

  @Test
  void loadIsEmptyWhenThePropertyPointsAtAMissingLibrary() {
    String before = System.getProperty(TurboJpegLibrary.PROPERTY);
    System.setProperty(TurboJpegLibrary.PROPERTY, "/nonexistent/libturbojpeg.so.0");
    try {
      assertThat(TurboJpegDecoder.load()).isEmpty();
    } finally {
      if (before == null) {
        System.clearProperty(TurboJpegLibrary.PROPERTY);
      } else {
        System.setProperty(TurboJpegLibrary.PROPERTY, before);
      }
    }
  }

  @Test
  void loadIsEmptyWhenTheLibraryFileIsNotASharedObject(@TempDir Path dir) throws IOException {
    Path fake = Files.writeString(dir.resolve("libturbojpeg.so.0"), "not an ELF file");

    assertThat(TurboJpegDecoder.loadFrom(fake)).isEmpty();
  }

  @Test
  void triesTheNextLibraryWhenAnInstalledOneDoesNotLink(@TempDir Path dir) throws IOException {
    Path good = decoder().library();
    Path fake = Files.writeString(dir.resolve("libturbojpeg.so.0"), "not an ELF file");

    Optional<TurboJpegDecoder> chosen = TurboJpegDecoder.firstThatLinks(Stream.of(fake, good));

    assertThat(chosen.map(TurboJpegDecoder::library)).contains(good);
  }

  @Test
  void decodesEveryCorpusJpegAtReducedSize() throws IOException {
    TurboJpegDecoder turbo = decoder();
    Path photos = SharedCorpus.photos();
    assumeTrue(Files.isDirectory(photos), "corpus not found at " + photos);
    int decoded = 0;
    try (var files = Files.list(photos)) {
      for (Path file :
          files.filter(p -> p.toString().toLowerCase().endsWith(".jpg")).sorted().toList()) {
        BufferedImage out = null;
        try {
          out = turbo.decode(Files.readAllBytes(file), 50, 50);
        } catch (TurboJpegException e) {
          throw new AssertionError(file + ": " + e.getMessage(), e);
        }
        assertThat(Math.min(out.getWidth(), out.getHeight()))
            .as(file.toString())
            .isGreaterThanOrEqualTo(50);
        decoded++;
      }
    }
    assertThat(decoded).isPositive();
  }

  private static BufferedImage redLeftBlueRight(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.RED);
    g.fillRect(0, 0, width / 2, height);
    g.setColor(Color.BLUE);
    g.fillRect(width / 2, 0, width - width / 2, height);
    g.dispose();
    return image;
  }

  private static BufferedImage noise(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    java.util.Random random = new java.util.Random(42);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, random.nextInt(0x1000000));
      }
    }
    return image;
  }

  private static byte[] jpeg(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, "jpeg", out)).isTrue();
    return out.toByteArray();
  }
}
