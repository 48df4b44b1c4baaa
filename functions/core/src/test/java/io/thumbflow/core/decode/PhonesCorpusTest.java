package io.thumbflow.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageRejectedException;
import io.thumbflow.core.Limits;
import io.thumbflow.core.SharedCorpus;
import io.thumbflow.core.render.PackedPixels;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of {@code ../shared/corpus/phones} that is not HEIC/HEIF/AVIF ({@code HeifCorpusTest}
 * covers those), as its manifest's {@code expected} column says: decoded upright at 256x256 in
 * sRGB, or refused with a typed one-line reason (camera raw files as unsupported). Surefire runs it
 * with -Xmx512m.
 *
 * <p>The colours of the wide-gamut photos (Display P3 and Adobe RGB profiles, and Adobe RGB
 * declared only in EXIF) are compared, at full size, with Pillow's decode converted to sRGB by
 * LittleCMS (ImageCms) from the embedded profile; the EXIF-only photo is converted with the Adobe
 * RGB (1998) profile that Adobe's own software embedded in another corpus photo, so thumbflow's
 * built profile is checked against Adobe's.
 *
 * <p>Needs {@code ../shared}; the colour checks also need /usr/bin/python3 with Pillow (Debian
 * python3-pil). They skip without them; {@code .ci/run} installs both and fails on a skip.
 */
class PhonesCorpusTest {
  private static final ImageDecoder DECODER = new ImageDecoder(Limits.DEFAULT);
  private static final int MIN = 256;

  /**
   * Mean |thumbflow - reference| per 8-bit channel allowed, and the largest single difference: both
   * sides run LittleCMS on the same libjpeg-turbo pixels, so only rounding differs. Measured: means
   * 0.002 to 0.029, largest difference 1 on every file.
   */
  private static final double MEAN_TOLERANCE = 0.25;

  private static final int MAX_TOLERANCE = 2;
  private static final Pattern ORIENTATION = Pattern.compile("EXIF Orientation ([1-8])");
  private static final Pattern WIDE_GAMUT =
      Pattern.compile("ICC '(Display P3|Adobe RGB \\(1998\\))'");

  record Row(
      String file,
      String kind,
      String format,
      int width,
      int height,
      String notes,
      String expected) {
    @Override
    public String toString() {
      return expected + " " + file;
    }

    int orientation() {
      Matcher m = ORIENTATION.matcher(notes);
      return m.find() ? Integer.parseInt(m.group(1)) : 1;
    }

    /** Adobe RGB signalled only by EXIF (InteropIndex R03), no profile embedded. */
    boolean exifOnlyAdobeRgb() {
      return kind.equals("jpeg-adobe-rgb") && !notes.contains("ICC '");
    }
  }

  static Path phones() {
    return SharedCorpus.dir().resolve("corpus").resolve("phones");
  }

  static Stream<Row> rows() throws IOException {
    return Files.readAllLines(phones().resolve("MANIFEST.tsv"), StandardCharsets.UTF_8).stream()
        .skip(1)
        .filter(l -> !l.isBlank())
        .map(l -> l.split("\t", -1))
        .filter(
            c -> !(c[5].startsWith("HEIC") || c[5].startsWith("HEIF") || c[5].startsWith("AVIF")))
        .map(
            c ->
                new Row(
                    c[0], c[4], c[5], Integer.parseInt(c[6]), Integer.parseInt(c[7]), c[8], c[9]));
  }

  static Stream<Row> wideGamut() throws IOException {
    return rows()
        .filter(
            r ->
                r.expected().equals("thumbnail")
                    && (WIDE_GAMUT.matcher(r.notes()).find() || r.exifOnlyAdobeRgb()));
  }

  @Test
  void theCorpusHasTheKindsOfFilesThisTestIsAbout() throws IOException {
    List<Row> rows = rows().toList();
    assertThat(rows)
        .extracting(Row::kind)
        .contains("raw", "jpeg-adobe-rgb", "psd", "tiff-16bit", "webp-alpha");
    assertThat(rows).anyMatch(Row::exifOnlyAdobeRgb);
    assertThat(rows)
        .extracting(Row::expected)
        .contains("thumbnail", "reject", "thumbnail-or-reject");
    assertThat(wideGamut().map(Row::notes))
        .anyMatch(n -> n.contains("Display P3"))
        .anyMatch(n -> n.contains("Adobe RGB"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void decodesUprightInSrgbOrRefusesAsTheManifestExpects(Row row) throws IOException {
    byte[] data = Files.readAllBytes(phones().resolve(row.file()));
    DecodedImage decoded = null;
    ImageRejectedException rejected = null;
    try {
      decoded = DECODER.decode(data, row.file(), MIN, MIN);
    } catch (ImageRejectedException e) {
      rejected = e;
    }
    if (row.expected().equals("thumbnail")) {
      assertThat(rejected).as("%s should decode", row.file()).isNull();
    } else if (row.expected().equals("reject")) {
      assertThat(decoded).as("%s should be refused", row.file()).isNull();
    }
    if (rejected != null) {
      assertThat(rejected.getMessage()).startsWith(row.file() + ": ").doesNotContain("\n");
      if (row.kind().equals("raw")) {
        assertThat(rejected.type()).isEqualTo(ErrorType.UnsupportedFormat);
        assertThat(rejected.reason()).startsWith("unsupported format: camera raw");
      }
      return;
    }
    ImageHeader h = decoded.header();
    assertThat(h.width() + "x" + h.height()).isEqualTo(row.width() + "x" + row.height());
    assertThat(h.orientation()).isEqualTo(row.orientation());
    BufferedImage image = decoded.image();
    boolean quarterTurn = row.orientation() >= 5;
    int uprightW = quarterTurn ? row.height() : row.width();
    int uprightH = quarterTurn ? row.width() : row.height();
    assertThat((double) image.getWidth())
        .isCloseTo(
            Math.ceil(uprightW * decoded.scaleX()), org.assertj.core.data.Offset.offset(1.0));
    assertThat((double) image.getHeight())
        .isCloseTo(
            Math.ceil(uprightH * decoded.scaleY()), org.assertj.core.data.Offset.offset(1.0));
    assertThat(image.getType()).isIn(BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB);
    assertThat(image.getColorModel().getColorSpace().isCS_sRGB()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wideGamut")
  void convertsWideGamutPhotosToSrgbAsLittleCmsDoes(Row row, @TempDir Path tmp) throws Exception {
    Difference d = difference(row, tmp, row.exifOnlyAdobeRgb() ? adobeProfileSource() : null);
    assertThat(d.mean())
        .as("mean |thumbflow - LittleCMS| per channel of %s", row.file())
        .isLessThan(MEAN_TOLERANCE);
    assertThat(d.max())
        .as("largest |thumbflow - LittleCMS| of %s", row.file())
        .isLessThanOrEqualTo(MAX_TOLERANCE);
  }

  @Test
  void widePhotosShownWithoutTheirProfileWouldFailThatCheck(@TempDir Path tmp) throws Exception {
    for (Row row : wideGamut().toList()) {
      Difference unconverted = difference(row, tmp, "none");
      assertThat(unconverted.mean())
          .as("%s taken as sRGB", row.file())
          .isGreaterThan(MEAN_TOLERANCE);
    }
  }

  private record Difference(double mean, int max) {}

  /**
   * Thumbflow's full-size decode against the reference, converted with {@code profile} (null:
   * embedded).
   */
  private static Difference difference(Row row, Path tmp, String profile) throws Exception {
    Path file = phones().resolve(row.file());
    DecodedImage decoded =
        DECODER.decode(
            Files.readAllBytes(file), row.file(), Integer.MAX_VALUE / 2, Integer.MAX_VALUE / 2);
    assertThat(decoded.scaleX()).isEqualTo(1.0);
    byte[] reference = reference(file, profile, decoded.image(), tmp);
    int[] px = PackedPixels.of(decoded.image());
    long sum = 0;
    int max = 0;
    for (int i = 0; i < px.length; i++) {
      for (int c = 0; c < 3; c++) {
        int diff = Math.abs(((px[i] >> (16 - 8 * c)) & 0xFF) - (reference[3 * i + c] & 0xFF));
        sum += diff;
        max = Math.max(max, diff);
      }
    }
    return new Difference(sum / (3.0 * px.length), max);
  }

  /** The corpus photo carrying Adobe's own Adobe RGB (1998) profile. */
  private static String adobeProfileSource() throws IOException {
    Row adobe =
        rows().filter(r -> r.notes().contains("ICC 'Adobe RGB (1998)'")).findFirst().orElseThrow();
    return phones().resolve(adobe.file()).toString();
  }

  private static byte[] reference(Path photo, String profile, BufferedImage image, Path tmp)
      throws Exception {
    Path python = Path.of("/usr/bin/python3");
    assumeTrue(Files.isExecutable(python), "/usr/bin/python3 not installed");
    Path script = tmp.resolve("reference.py");
    if (!Files.exists(script)) {
      try (var in = PhonesCorpusTest.class.getResourceAsStream("/colour/reference.py")) {
        Files.copy(in, script);
      }
    }
    Path raw = tmp.resolve("reference.raw");
    List<String> command =
        new ArrayList<>(
            List.of(python.toString(), script.toString(), photo.toString(), raw.toString()));
    if (profile != null) {
      command.add(profile);
    }
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assumeTrue(!out.contains("No module named 'PIL'"), "Pillow (Debian python3-pil) not installed");
    if (p.exitValue() != 0) {
      throw new IOException("reference.py failed: " + out.strip());
    }
    assertThat(out.strip().lines().reduce((a, b) -> b).orElse(""))
        .isEqualTo(image.getWidth() + " " + image.getHeight());
    return Files.readAllBytes(raw);
  }
}
