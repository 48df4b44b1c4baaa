package io.thumbflow.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.Limits;
import io.thumbflow.core.SharedCorpus;
import io.thumbflow.core.render.PackedPixels;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The PSD, ICO, Netpbm and TGA files of {@code ../shared/corpus} decoded at full size and compared
 * with Pillow's decode of the same file (Debian python3-pil; for an icon its largest image).
 * Colours are compared where both are opaque, alpha where thumbflow keeps it. Two known
 * differences, both Pillow's: it reads a 32-bit TGA's fourth byte as alpha even when the header
 * declares no alpha (attribute) bits, so such a file is compared as RGB; and it reads a PSD's
 * merged image as RGB without its transparency.
 *
 * <p>Needs {@code ../shared} and /usr/bin/python3 with Pillow; skips without them ({@code .ci/run}
 * installs both and fails on a skip).
 */
class LegacyFormatsCorpusTest {
  private static final ImageDecoder DECODER = new ImageDecoder(Limits.DEFAULT);

  /** Largest mean |difference| per 8-bit channel; measured 0.000 on every file listed here. */
  private static final double MEAN_TOLERANCE = 0.5;

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "hostile/libvips_favicon.ico",
        "hostile/pillow_python.ico",
        "hostile/pillow_hopper_16bit.pgm",
        "hostile/pillow_hopper_8bit.ppm",
        "hostile/pillow_hopper.psd",
        "hostile/pillow_rgb32rle.tga"
      })
  void decodesAsPillowDoes(String file, @TempDir Path tmp) throws Exception {
    Path path = SharedCorpus.dir().resolve("corpus").resolve(file);
    DecodedImage decoded =
        DECODER.decode(
            Files.readAllBytes(path), file, Integer.MAX_VALUE / 2, Integer.MAX_VALUE / 2);
    assertThat(decoded.scaleX()).isEqualTo(1.0);
    BufferedImage image = decoded.image();
    boolean alpha = image.getType() == BufferedImage.TYPE_INT_ARGB;
    byte[] reference = reference(path, alpha ? "RGBA" : "RGB", image, tmp);
    int channels = alpha ? 4 : 3;
    int[] px = PackedPixels.of(image);
    long sum = 0;
    long n = 0;
    for (int i = 0; i < px.length; i++) {
      int o = i * channels;
      int refAlpha = alpha ? reference[o + 3] & 0xFF : 255;
      int ownAlpha = alpha ? px[i] >>> 24 : 255;
      if (alpha) {
        sum += Math.abs(ownAlpha - refAlpha);
        n++;
      }
      if (refAlpha == 255 && ownAlpha == 255) {
        for (int c = 0; c < 3; c++) {
          sum += Math.abs(((px[i] >> (16 - 8 * c)) & 0xFF) - (reference[o + c] & 0xFF));
          n++;
        }
      }
    }
    assertThat(n).isPositive();
    assertThat(sum / (double) n)
        .as("mean |thumbflow - Pillow| per channel of %s", file)
        .isLessThan(MEAN_TOLERANCE);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"phones/twelvemonkeys_photoshopping.psd"})
  void decodesAPhotoshopDocumentsMergedImage(String file) throws Exception {
    Path path = SharedCorpus.dir().resolve("corpus").resolve(file);
    DecodedImage decoded = DECODER.decode(Files.readAllBytes(path), file, 256, 256);
    assertThat(decoded.header().format()).isEqualTo(ImageFormat.PSD);
    assertThat(decoded.image().getWidth() + "x" + decoded.image().getHeight()).isEqualTo("300x225");
  }

  private static byte[] reference(Path file, String mode, BufferedImage image, Path tmp)
      throws Exception {
    Path python = Path.of("/usr/bin/python3");
    assumeTrue(Files.isExecutable(python), "/usr/bin/python3 not installed");
    Path script = tmp.resolve("reference.py");
    try (var in = LegacyFormatsCorpusTest.class.getResourceAsStream("/legacy/reference.py")) {
      Files.copy(in, script);
    }
    Path raw = tmp.resolve("reference.raw");
    Process p =
        new ProcessBuilder(
                python.toString(), script.toString(), file.toString(), mode, raw.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assumeTrue(!out.contains("No module named 'PIL'"), "Pillow (Debian python3-pil) not installed");
    if (p.exitValue() != 0) {
      throw new IOException("reference.py failed: " + out.strip());
    }
    assertThat(out.strip()).isEqualTo(image.getWidth() + " " + image.getHeight());
    return Files.readAllBytes(raw);
  }
}
