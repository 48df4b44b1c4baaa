package io.thumbflow.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blur, reduce and resample compared pixel by pixel with Pillow run live on the same drawn image.
 * Skipped where Debian's /usr/bin/python3 has no Pillow (CI installs python3-pil).
 */
class MatchesPillowStagesTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final int W = 97;
  private static final int H = 61;

  @TempDir Path dir;

  @Test
  void blurReduceAndResampleMatchPillowToTheLevel() throws Exception {
    int[] drawn = drawn();
    ImageIO.write(PackedPixels.wrap(drawn, W, H, false), "png", dir.resolve("in.png").toFile());
    int[] translucent = drawn.clone();
    for (int i = 0; i < translucent.length; i++)
      translucent[i] = (translucent[i] & 0xffffff) | (((i * 37) % 256) << 24);
    ImageIO.write(
        PackedPixels.wrap(translucent, W, H, true), "png", dir.resolve("rgba.png").toFile());
    String script =
        "import sys\n"
            + "from PIL import Image, ImageFilter\n"
            + "d = sys.argv[1]\n"
            + "im = Image.open(d + '/in.png').convert('RGB')\n"
            + "im.filter(ImageFilter.GaussianBlur(1.7)).save(d + '/blur.png')\n"
            + "im.filter(ImageFilter.GaussianBlur(3.5)).save(d + '/blur-wide.png')\n"
            + "im.filter(ImageFilter.GaussianBlur(0.6)).save(d + '/blur-narrow.png')\n"
            + "Image.open(d + '/rgba.png').filter(ImageFilter.GaussianBlur(1.2)).save(d + '/blur-rgba.png')\n"
            + "r = im.reduce((3, 2))\n"
            + "r.save(d + '/reduce.png')\n"
            + "r.resize((23, 17), Image.BICUBIC, box=(0, 0, 97 / 3, 61 / 2)).save(d + '/resample.png')\n";
    assumeTrue(runPillow(script), "needs /usr/bin/python3 with Pillow");

    int[] blurred = drawn.clone();
    GaussianBlur.blur(blurred, W, H, 1.7, 1.7, false);
    assertThat(maxDifference(blurred, read("blur.png"))).as("blur").isZero();
    // The blur has its own loops for whole box radius 0 (sigma 0.6, 1.2) and 1 (1.7) and a general
    // one (3.5: radius 2).
    for (double sigma : new double[] {3.5, 0.6}) {
      int[] other = drawn.clone();
      GaussianBlur.blur(other, W, H, sigma, sigma, false);
      String file = sigma > 2 ? "blur-wide.png" : "blur-narrow.png";
      assertThat(maxDifference(other, read(file))).as("blur at sigma %s", sigma).isZero();
    }

    GaussianBlur.blur(translucent, W, H, 1.2, 1.2, true);
    BufferedImage pillowRgba = ImageIO.read(dir.resolve("blur-rgba.png").toFile());
    assertThat(pillowRgba.getColorModel().hasAlpha()).isTrue();
    int[] expectedRgba = pillowRgba.getRGB(0, 0, W, H, null, 0, W);
    for (int i = 0; i < translucent.length; i++) {
      assertThat(Integer.toHexString(translucent[i]))
          .as("RGBA pixel %d", i)
          .isEqualTo(Integer.toHexString(expectedRgba[i]));
    }

    int[] reduced = BoxReduce.reduce(drawn, W, H, 3, 2, false);
    int rw = BoxReduce.reducedLength(W, 3);
    int rh = BoxReduce.reducedLength(H, 2);
    assertThat(maxDifference(reduced, read("reduce.png"))).as("reduce").isLessThanOrEqualTo(1);

    BufferedImage resampled =
        Resampler.resize(
            PackedPixels.wrap(PackedPixels.of(readImage("reduce.png")), rw, rh, false),
            new ThumbnailSize(23, 17),
            97 / 3.0,
            61 / 2.0);
    assertThat(maxDifference(PackedPixels.of(resampled), read("resample.png")))
        .as("resample")
        .isLessThanOrEqualTo(1);
  }

  /** Gradients, hard edges and noise: every stage has something to change. */
  private static int[] drawn() {
    Random random = new Random(7);
    int[] px = new int[W * H];
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        int r = (x * 255) / (W - 1);
        int g = ((x / 7 + y / 5) % 2 == 0) ? 30 : 220;
        int b = random.nextInt(256);
        px[y * W + x] = 0xff000000 | (r << 16) | (g << 8) | b;
      }
    }
    return px;
  }

  private int[] read(String name) throws IOException {
    return PackedPixels.of(readImage(name));
  }

  private BufferedImage readImage(String name) throws IOException {
    BufferedImage image = ImageIO.read(dir.resolve(name).toFile());
    BufferedImage rgb =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    rgb.setRGB(
        0,
        0,
        image.getWidth(),
        image.getHeight(),
        image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth()),
        0,
        image.getWidth());
    return rgb;
  }

  private static int maxDifference(int[] a, int[] b) {
    assertThat(a).hasSameSizeAs(b);
    int max = 0;
    for (int i = 0; i < a.length; i++) {
      for (int shift = 0; shift <= 16; shift += 8) {
        max = Math.max(max, Math.abs(((a[i] >>> shift) & 0xff) - ((b[i] >>> shift) & 0xff)));
      }
    }
    return max;
  }

  private boolean runPillow(String script) throws IOException, InterruptedException {
    if (!Files.isExecutable(PYTHON)) return false;
    Process check =
        new ProcessBuilder(PYTHON.toString(), "-c", "import PIL").redirectErrorStream(true).start();
    check.getInputStream().readAllBytes();
    if (!check.waitFor(60, TimeUnit.SECONDS) || check.exitValue() != 0) return false;
    Process p =
        new ProcessBuilder(PYTHON.toString(), "-c", script, dir.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return true;
  }
}
