package io.thumbflow.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.thumbflow.core.Limits;
import io.thumbflow.core.decode.heif.HeifDecoder;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nclx-tagged AVIFs decode to the sRGB colours the specs give: Display P3 converted by the CSS
 * Color 4 matrix, PQ at the BT.2408 reference white shown near white. The files are made at test
 * time: a flat colour coded losslessly by {@code heif-enc} (Debian libheif-examples, with aom),
 * whose nclx 'colr' box then gets the primaries and transfer under test written into it (heif-enc
 * 1.15 ignores its own --colour_primaries/--transfer_characteristic options). Skips without libheif
 * or heif-enc; {@code .ci/run} installs both.
 */
class HeifNclxTest {
  private static final HeifDecoder HEIF = HeifDecoder.load();

  @BeforeAll
  static void needsLibheifAndHeifEnc() {
    assumeTrue(HEIF.available(), "libheif not available: " + HEIF.unavailableReason());
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/heif-enc")),
        "heif-enc (Debian libheif-examples) not installed");
  }

  @Test
  void displayP3ColoursAreConvertedToSrgb(@TempDir Path tmp) throws Exception {
    int[] p3 = {200, 60, 40};
    int srgbTagged = decodeFlat(avif(tmp, flat8(p3), 1, 13), "srgb.avif");
    int p3Tagged = decodeFlat(avif(tmp, flat8(p3), 12, 13), "p3.avif");
    int[] control =
        channels(srgbTagged); // BT.709/sRGB: nothing to convert (lossless coding is within 1)
    for (int c = 0; c < 3; c++) {
      assertThat(control[c]).isCloseTo(p3[c], org.assertj.core.data.Offset.offset(1));
    }
    // CSS Color Module 4 (sample code), Display P3 to sRGB in linear light, then the sRGB curve.
    double r = lin(p3[0]), g = lin(p3[1]), b = lin(p3[2]);
    int[] expected = {
      enc(1.2249401 * r - 0.2249404 * g),
      enc(-0.0420569 * r + 1.0420571 * g),
      enc(-0.0196376 * r - 0.0786361 * g + 1.0982735 * b)
    };
    int[] actual = channels(p3Tagged);
    for (int c = 0; c < 3; c++) {
      assertThat(actual[c])
          .as("channel %d of %s", c, java.util.Arrays.toString(actual))
          .isCloseTo(expected[c], org.assertj.core.data.Offset.offset(2));
    }
    assertThat(actual[0])
        .isGreaterThan(p3[0]); // P3 red is redder than sRGB red at the same code value
  }

  @Test
  void pqReferenceWhiteIsShownNearWhiteNotAsMidGrey(@TempDir Path tmp) throws Exception {
    int signal = (int) Math.round(pqSignal(203) * 255); // BT.2408 reference white, 58% PQ
    int pq = decodeFlat(avif(tmp, flat8(new int[] {signal, signal, signal}), 9, 16), "pq.avif");
    int[] c = channels(pq);
    assertThat(c[0])
        .isBetween(240, 250); // the roll-off keeps headroom: 203 cd/m2 -> 0.926 linear -> 247
    assertThat(c[1]).isCloseTo(c[0], org.assertj.core.data.Offset.offset(2));
    assertThat(c[2]).isCloseTo(c[0], org.assertj.core.data.Offset.offset(2));
  }

  private static int decodeFlat(Path avif, String name) throws Exception {
    DecodedImage d =
        new ImageDecoder(Limits.DEFAULT, HEIF).decode(Files.readAllBytes(avif), name, 8, 8);
    return d.image().getRGB(d.image().getWidth() / 2, d.image().getHeight() / 2);
  }

  private static Path avif(Path tmp, BufferedImage png, int primaries, int transfer)
      throws Exception {
    Path in = tmp.resolve("in-" + primaries + "-" + transfer + ".png");
    ImageIO.write(png, "png", in.toFile());
    Path out = tmp.resolve("out-" + primaries + "-" + transfer + ".avif");
    List<String> cmd =
        List.of("/usr/bin/heif-enc", "-A", "-L", "-o", out.toString(), in.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(log).isZero();
    byte[] data = Files.readAllBytes(out);
    // 'colr' box (ISO/IEC 14496-12 12.1.5): size, "colr", "nclx", colour_primaries u16, transfer
    // u16, matrix u16.
    int at = indexOf(data, "colrnclx".getBytes(StandardCharsets.ISO_8859_1));
    assertThat(at).as("heif-enc wrote an nclx colr box").isPositive();
    data[at + 8] = (byte) (primaries >> 8);
    data[at + 9] = (byte) primaries;
    data[at + 10] = (byte) (transfer >> 8);
    data[at + 11] = (byte) transfer;
    Files.write(out, data);
    return out;
  }

  private static int indexOf(byte[] data, byte[] what) {
    outer:
    for (int i = 0; i + what.length <= data.length; i++) {
      for (int j = 0; j < what.length; j++) {
        if (data[i + j] != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static BufferedImage flat8(int[] rgb) {
    BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        img.setRGB(x, y, rgb[0] << 16 | rgb[1] << 8 | rgb[2]);
      }
    }
    return img;
  }

  private static int[] channels(int rgb) {
    return new int[] {(rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF};
  }

  private static double lin(int v) {
    double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }

  private static int enc(double l) {
    double c =
        l <= 0 ? 0 : l >= 1 ? 1 : l <= 0.0031308 ? l * 12.92 : 1.055 * Math.pow(l, 1 / 2.4) - 0.055;
    return (int) Math.round(c * 255);
  }

  /** SMPTE ST 2084 inverse EOTF. */
  private static double pqSignal(double nits) {
    double m1 = 2610.0 / 16384;
    double m2 = 2523.0 / 4096 * 128;
    double c1 = 3424.0 / 4096;
    double c2 = 2413.0 / 4096 * 32;
    double c3 = 2392.0 / 4096 * 32;
    double y = Math.pow(nits / 10000, m1);
    return Math.pow((c1 + c2 * y) / (1 + c3 * y), m2);
  }
}
