package io.thumbflow.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.ImageRejectedException;
import io.thumbflow.core.Limits;
import io.thumbflow.core.SharedCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decodes every file of {@code ../shared/corpus/hostile} (read in place) with the real decoder at a
 * 256x256 minimum size and checks the manifest's expectation: a sane upright image for {@code
 * thumbnail}, a typed one-line rejection naming the file for {@code reject}, either for {@code
 * thumbnail-or-reject}; never another exception, never out of memory (Surefire runs this with
 * -Xmx512m), never past the deadline.
 */
class HostileCorpusTest {
  private static final Limits LIMITS = Limits.DEFAULT;
  private static final ImageDecoder DECODER = new ImageDecoder(LIMITS);
  private static final Pattern DECLARED = Pattern.compile("^(\\w+) (\\d+)x(\\d+)$");

  record Row(String file, String category, String expected, String declared, String notes) {
    @Override
    public String toString() {
      return expected + " " + file;
    }
  }

  static Path corpus() {
    return SharedCorpus.dir().resolve("corpus").resolve("hostile");
  }

  static Stream<Row> rows() throws IOException {
    Path manifest = corpus().resolve("MANIFEST.tsv");
    if (!Files.isRegularFile(manifest)) {
      fail(
          "hostile corpus manifest not found at "
              + manifest.toAbsolutePath()
              + " (set -Dthumbflow.shared to the folder holding corpus/hostile)");
    }
    List<String> lines = Files.readAllLines(manifest);
    return lines.stream()
        .skip(1)
        .filter(l -> !l.isBlank())
        .map(
            l -> {
              String[] c = l.split("\t", -1);
              return new Row(c[0], c[3], c[4], c[6], c[8]);
            });
  }

  @Test
  void corpusIsPresentAndListsTheExpectedKinds() throws IOException {
    assertThat(corpus().resolve("MANIFEST.tsv"))
        .as("CI provides ../shared/corpus/hostile")
        .isRegularFile();
    assertThat(rows().map(Row::expected).distinct())
        .containsExactlyInAnyOrder("thumbnail", "reject", "thumbnail-or-reject");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  @Timeout(30) // a hang guard only: the decoder's own deadline is 5 s
  void decodesOrRejectsAsTheManifestExpects(Row row) throws IOException {
    byte[] data = Files.readAllBytes(corpus().resolve(row.file()));
    DecodedImage decoded = null;
    ImageRejectedException rejected = null;
    try {
      decoded = DECODER.decode(data, row.file(), 256, 256);
    } catch (ImageRejectedException e) {
      rejected = e;
    }
    switch (row.expected()) {
      case "thumbnail" -> {
        assertThat(rejected).as("%s should decode (%s)", row.file(), row.notes()).isNull();
        assertSane(row, decoded);
      }
      case "reject" -> {
        assertThat(decoded).as("%s should be rejected (%s)", row.file(), row.notes()).isNull();
        assertClear(row, rejected);
      }
      default -> {
        if (rejected != null) {
          assertClear(row, rejected);
        } else {
          assertSane(row, decoded);
        }
      }
    }
  }

  private static void assertClear(Row row, ImageRejectedException e) {
    assertThat(e.type()).isNotNull();
    assertThat(e.getMessage()).isNotBlank().contains(row.file()).doesNotContain("\n");
    assertThat(e.reason()).isNotBlank().doesNotContain("\n");
  }

  private static void assertSane(Row row, DecodedImage d) {
    assertThat(d).isNotNull();
    var image = d.image();
    assertThat(image.getWidth()).isGreaterThanOrEqualTo(1);
    assertThat(image.getHeight()).isGreaterThanOrEqualTo(1);
    assertThat(image.getType())
        .isIn(
            java.awt.image.BufferedImage.TYPE_INT_RGB, java.awt.image.BufferedImage.TYPE_INT_ARGB);
    ImageHeader h = d.header();
    // Upright output, as large as the decoder says: each side is the upright source's side times
    // that axis's scale (the two may differ after a PNG's box reduce), rounded up, within 1 px.
    assertThat((double) image.getWidth())
        .as(
            "%dx%d decoded for an upright %dx%d source at %.4f x %.4f",
            image.getWidth(),
            image.getHeight(),
            h.uprightWidth(),
            h.uprightHeight(),
            d.scaleX(),
            d.scaleY())
        .isCloseTo(
            Math.ceil(h.uprightWidth() * d.scaleX()), org.assertj.core.data.Offset.offset(1.0));
    assertThat((double) image.getHeight())
        .as(
            "%dx%d decoded for an upright %dx%d source at %.4f x %.4f",
            image.getWidth(),
            image.getHeight(),
            h.uprightWidth(),
            h.uprightHeight(),
            d.scaleX(),
            d.scaleY())
        .isCloseTo(
            Math.ceil(h.uprightHeight() * d.scaleY()), org.assertj.core.data.Offset.offset(1.0));
    // Shrink-on-load never goes below the requested size unless the source itself is smaller.
    // (A JPEG's 1/8, 1/4 and 1/2 decodes, area averages, may stop at a fraction of the asked size.)
    double least =
        h.format() != ImageFormat.JPEG
                || !(d.scaleX() == 0.125 || d.scaleX() == 0.25 || d.scaleX() == 0.5)
            ? 1
            : Math.min(
                ImageDecoder.BLOCK_MEAN_MIN_FRACTION, ImageDecoder.SHRINK_ON_LOAD_MIN_FRACTION);
    assertThat(image.getWidth())
        .isGreaterThanOrEqualTo((int) Math.floor(Math.min(256, h.uprightWidth()) * least));
    assertThat(image.getHeight())
        .isGreaterThanOrEqualTo((int) Math.floor(Math.min(256, h.uprightHeight()) * least));
    Matcher m = DECLARED.matcher(row.declared());
    if (m.matches() && h.format() != ImageFormat.GIF) {
      // The stock reader's declared size (stored orientation) agrees with our own header parsing.
      assertThat(h.width() + "x" + h.height()).isEqualTo(m.group(2) + "x" + m.group(3));
    }
    Matcher o = Pattern.compile("(?i)orientation[= ](\\d)").matcher(row.notes());
    if (o.find()) {
      assertThat(h.orientation()).isEqualTo(Integer.parseInt(o.group(1)));
    }
  }
}
