package io.thumbflow.core.decode.dc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.thumbflow.core.SharedCorpus;
import io.thumbflow.core.decode.TestImages;
import io.thumbflow.core.decode.turbo.TurboJpegDecoder;
import io.thumbflow.core.render.BoxReduce;
import io.thumbflow.core.render.PackedPixels;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ProgressiveDcDecoderTest {

  @Test
  void decodesAGreyProgressiveJpegToExactlyLibjpegTurbosOneEighthScale() throws Exception {
    Optional<TurboJpegDecoder> turbo = TurboJpegDecoder.load();
    assumeTrue(turbo.isPresent(), "libjpeg-turbo not available here");
    byte[] jpeg = progressiveJpeg(grey(picture(613, 410)), 0);

    BufferedImage dc = ProgressiveDcDecoder.decode(jpeg).orElseThrow();
    BufferedImage reference = turbo.get().decode(jpeg, 1, 1);

    assertThat(dc.getWidth()).isEqualTo(77).isEqualTo(reference.getWidth());
    assertThat(dc.getHeight()).isEqualTo(52).isEqualTo(reference.getHeight());
    assertThat(TestImages.rgbPixels(dc)).containsExactly(TestImages.rgbPixels(reference));
  }

  @Test
  void matchesTheBlockMeansOfAFullDecodeOfAColourProgressiveJpeg() throws Exception {
    byte[] jpeg = progressiveJpeg(picture(640, 480), 0);
    BufferedImage full = ImageIO.read(new ByteArrayInputStream(jpeg));
    int[] means = BoxReduce.reduce(PackedPixels.of(full), 640, 480, 8, 8, false);

    BufferedImage dc = ProgressiveDcDecoder.decode(jpeg).orElseThrow();

    assertThat(dc.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
    // 32.1 dB on this picture of thin black lines on strong colours: its 4:2:0 chroma is
    // interpolated from 16x16 means (libjpeg-turbo's 1/8 decode, which inverse-transforms the
    // chroma, scores 36.1 dB).
    assertThat(psnr(TestImages.rgbPixels(dc), means)).isGreaterThan(30);
  }

  @Test
  void readsScansWithRestartMarkersLikeTheSameImageWithout() throws Exception {
    BufferedImage picture = picture(517, 333);
    byte[] plain = progressiveJpeg(picture, 0);
    byte[] withRestarts = progressiveJpeg(picture, 3);
    assertThat(containsMarker(withRestarts, 0xDD))
        .as("writer honoured the restart interval")
        .isTrue();

    assertThat(TestImages.rgbPixels(ProgressiveDcDecoder.decode(withRestarts).orElseThrow()))
        .containsExactly(TestImages.rgbPixels(ProgressiveDcDecoder.decode(plain).orElseThrow()));
  }

  @Test
  void declinesBaselineJpegs() throws Exception {
    byte[] baseline = TestImages.jpeg(picture(64, 64), false, 0);

    assertThat(ProgressiveDcDecoder.handles(0xC0)).isFalse();
    assertThat(ProgressiveDcDecoder.decode(baseline)).isEmpty();
  }

  @Test
  void declinesAFileCutInsideItsFirstDcScan() throws Exception {
    byte[] jpeg = progressiveJpeg(picture(400, 300), 0);
    int scan = indexOfMarker(jpeg, 0xDA, 0);
    byte[] cut = Arrays.copyOf(jpeg, scan + 60);

    assertThat(ProgressiveDcDecoder.decode(cut)).isEmpty();
  }

  @Test
  void declinesADcScanThatEndsBeforeItsLastBlock() throws Exception {
    byte[] jpeg = progressiveJpeg(picture(400, 300), 0);
    int scan = indexOfMarker(jpeg, 0xDA, 0);
    int next =
        indexOfMarker(jpeg, 0xDA, scan + 2); // the next scan header follows the first scan's data
    // Drop the second half of the first scan's data, keeping the file's later segments.
    int dataStart = scan + 2 + ((jpeg[scan + 2] & 0xFF) << 8 | (jpeg[scan + 3] & 0xFF));
    int keep = dataStart + (next - dataStart) / 2;
    ByteArrayOutputStream shortened = new ByteArrayOutputStream();
    shortened.write(jpeg, 0, keep);
    shortened.write(jpeg, next, jpeg.length - next);

    assertThat(ProgressiveDcDecoder.decode(shortened.toByteArray())).isEmpty();
  }

  @Test
  void declinesWhenItsThreadIsInterrupted() throws Exception {
    byte[] jpeg = progressiveJpeg(picture(320, 240), 0);
    AtomicReference<Optional<BufferedImage>> result = new AtomicReference<>();
    Thread worker =
        new Thread(
            () -> {
              Thread.currentThread().interrupt();
              result.set(ProgressiveDcDecoder.decode(jpeg));
            });
    worker.start();
    worker.join();

    assertThat(result.get()).isEmpty();
    assertThat(ProgressiveDcDecoder.decode(jpeg)).isPresent();
  }

  @Test
  void neverThrowsOnTheHostileJpegs() throws IOException {
    Path hostile = SharedCorpus.dir().resolve("corpus").resolve("hostile");
    int decoded = 0;
    int files = 0;
    try (DirectoryStream<Path> jpegs = Files.newDirectoryStream(hostile, "*.{jpg,jpeg,JPG}")) {
      for (Path file : jpegs) {
        files++;
        byte[] data = Files.readAllBytes(file);
        Optional<BufferedImage> image = ProgressiveDcDecoder.decode(data);
        if (image.isPresent()) {
          decoded++;
          assertThat(image.get().getWidth()).as(file.toString()).isPositive();
        }
      }
    }
    assertThat(files).isGreaterThan(20);
    assertThat(decoded).as("some hostile JPEGs are valid progressive files").isPositive();
  }

  @Test
  void agreesWithLibjpegTurboOnTheCorpusProgressivePhotos() throws Exception {
    Optional<TurboJpegDecoder> turbo = TurboJpegDecoder.load();
    assumeTrue(turbo.isPresent(), "libjpeg-turbo not available here");
    int compared = 0;
    int identical = 0;
    try (DirectoryStream<Path> photos = Files.newDirectoryStream(SharedCorpus.photos(), "*.jpg")) {
      for (Path file : photos) {
        byte[] data = Files.readAllBytes(file);
        Optional<BufferedImage> dc = ProgressiveDcDecoder.decode(data);
        if (dc.isEmpty()) {
          continue;
        }
        compared++;
        int[] expected = TestImages.rgbPixels(turbo.get().decode(data, 1, 1));
        int[] actual = TestImages.rgbPixels(dc.get());
        assertThat(actual).as(file.toString()).hasSameSizeAs(expected);
        // Luma is exact; subsampled chroma is interpolated here where libjpeg-turbo
        // inverse-transforms it.
        assertThat(psnr(actual, expected)).as(file.toString()).isGreaterThan(30);
        identical += Arrays.equals(actual, expected) ? 1 : 0;
      }
    }
    assertThat(compared).as("progressive photos in the corpus").isEqualTo(21);
    assertThat(identical).as("the 4:4:4 and greyscale ones").isGreaterThanOrEqualTo(3);
  }

  /** The shared test picture with thin black lines over it: sharp edges in every block row. */
  private static BufferedImage picture(int width, int height) {
    BufferedImage img = TestImages.picture(width, height);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.BLACK);
    for (int x = 0; x < width; x += 7) {
      g.drawLine(x, 0, width - x, height);
    }
    g.dispose();
    return img;
  }

  private static BufferedImage grey(BufferedImage rgb) {
    BufferedImage grey =
        new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = grey.createGraphics();
    g.drawImage(rgb, 0, 0, null);
    g.dispose();
    return grey;
  }

  private static byte[] progressiveJpeg(BufferedImage img, int restartInterval) {
    return TestImages.jpeg(img, true, restartInterval);
  }

  private static int indexOfMarker(byte[] d, int marker, int from) {
    for (int i = from; i + 1 < d.length; i++) {
      if ((d[i] & 0xFF) == 0xFF && (d[i + 1] & 0xFF) == marker) {
        return i;
      }
    }
    throw new AssertionError("marker 0x" + Integer.toHexString(marker) + " not found");
  }

  private static boolean containsMarker(byte[] d, int marker) {
    try {
      indexOfMarker(d, marker, 2);
      return true;
    } catch (AssertionError e) {
      return false;
    }
  }

  private static double psnr(int[] a, int[] b) {
    assertThat(a).hasSameSizeAs(b);
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      for (int shift = 0; shift < 24; shift += 8) {
        int e = ((a[i] >> shift) & 0xFF) - ((b[i] >> shift) & 0xFF);
        sum += e * e;
      }
    }
    double mse = sum / (3.0 * a.length);
    return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255 * 255 / mse);
  }
}
