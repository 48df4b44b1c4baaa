package io.thumbflow.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageRejectedException;
import io.thumbflow.core.Limits;
import io.thumbflow.core.SharedCorpus;
import io.thumbflow.core.decode.heif.HeifDecoder;
import io.thumbflow.core.render.PackedPixels;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every HEIC/HEIF/AVIF file of {@code ../shared/corpus/phones}, as its manifest expects: decoded
 * upright (irot/imir applied by libheif, EXIF Orientation not applied again), at the reported
 * scale, with alpha kept, in sRGB; the 200 MP frame may be refused as too many pixels. The colours
 * are compared with libheif's own decode ({@code heif-convert}, Debian libheif-examples) converted
 * from its ICC profile to sRGB by LittleCMS (Debian python3-pil) and reduced by the same factors.
 *
 * <p>Needs libheif (Debian libheif1) and {@code ../shared}; the reference checks also need
 * heif-convert and /usr/bin/python3 with Pillow. Each skips cleanly without them; {@code .ci/run}
 * installs them and fails on a skip.
 */
class HeifCorpusTest {
  private static final HeifDecoder HEIF = HeifDecoder.load();
  private static final ImageDecoder DECODER = new ImageDecoder(Limits.DEFAULT, HEIF);
  private static final int MIN = 256;

  /**
   * Mean absolute difference per 8-bit channel allowed against the reference. Sources of
   * difference: thumbflow reduces before the ICC conversion and the reference after, and libheif's
   * 16-bit output is averaged before it is rounded to 8 bits. Measured over the corpus files: 0.0
   * to 0.82 (the alpha AVIF).
   */
  private static final double MEAN_TOLERANCE = 2.0;

  private static final Pattern QUARTER_TURN = Pattern.compile("irot=(90|270)\\b");

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

    /** The displayed size: a quarter-turn irot swaps the declared ('ispe') width and height. */
    int uprightWidth() {
      return QUARTER_TURN.matcher(notes).find() ? height : width;
    }

    int uprightHeight() {
      return QUARTER_TURN.matcher(notes).find() ? width : height;
    }
  }

  @BeforeAll
  static void needsLibheif() {
    assumeTrue(HEIF.available(), "libheif not available: " + HEIF.unavailableReason());
  }

  static Path phones() {
    return SharedCorpus.dir().resolve("corpus").resolve("phones");
  }

  static Stream<Row> rows() throws IOException {
    List<String> lines =
        Files.readAllLines(phones().resolve("MANIFEST.tsv"), StandardCharsets.UTF_8);
    return lines.stream()
        .skip(1)
        .filter(l -> !l.isBlank())
        .map(l -> l.split("\t", -1))
        .filter(c -> c[5].startsWith("HEIC") || c[5].startsWith("HEIF") || c[5].startsWith("AVIF"))
        .map(
            c ->
                new Row(
                    c[0], c[4], c[5], Integer.parseInt(c[6]), Integer.parseInt(c[7]), c[8], c[9]));
  }

  static Stream<Row> thumbnails() throws IOException {
    return rows().filter(r -> r.expected().equals("thumbnail"));
  }

  @Test
  void theCorpusHasTheKindsOfHeifFilesThisTestIsAbout() throws IOException {
    List<Row> rows = rows().toList();
    assertThat(rows).extracting(Row::format).anyMatch(f -> f.contains("grid"));
    assertThat(rows)
        .extracting(Row::notes)
        .anyMatch(n -> QUARTER_TURN.matcher(n).find())
        .anyMatch(n -> n.contains("auxiliary:alpha"))
        .anyMatch(n -> n.contains("pixi=10"))
        .anyMatch(n -> n.contains("pixi=12"))
        .anyMatch(n -> n.contains("Display P3"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void decodesUprightAtTheReportedScaleOrRefusesAsTheManifestAllows(Row row) throws IOException {
    byte[] data = Files.readAllBytes(phones().resolve(row.file()));
    DecodedImage decoded;
    try {
      decoded = DECODER.decode(data, row.file(), MIN, MIN);
    } catch (ImageRejectedException e) {
      assertThat(row.expected())
          .as("%s was refused: %s", row.file(), e.getMessage())
          .isEqualTo("thumbnail-or-reject");
      assertThat(e.type()).isEqualTo(ErrorType.TooManyPixels);
      assertThat((long) row.width() * row.height()).isGreaterThan(Limits.DEFAULT_MAX_PIXELS);
      assertThat(e.getMessage()).contains(row.file()).doesNotContain("\n");
      return;
    }
    ImageHeader h = decoded.header();
    assertThat(h.orientation())
        .as("libheif applied the transformations; nothing is left to rotate")
        .isEqualTo(1);
    assertThat(h.uprightWidth() + "x" + h.uprightHeight())
        .isEqualTo(row.uprightWidth() + "x" + row.uprightHeight());
    BufferedImage image = decoded.image();
    assertThat((double) image.getWidth())
        .isCloseTo(Math.ceil(h.uprightWidth() * decoded.scaleX()), Offset.offset(1.0));
    assertThat((double) image.getHeight())
        .isCloseTo(Math.ceil(h.uprightHeight() * decoded.scaleY()), Offset.offset(1.0));
    assertThat(image.getWidth()).isBetween(Math.min(MIN, h.uprightWidth()), 2 * MIN);
    assertThat(image.getHeight()).isBetween(Math.min(MIN, h.uprightHeight()), 2 * MIN);
    boolean alpha = row.notes().contains("auxiliary:alpha");
    assertThat(image.getType())
        .isEqualTo(alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    if (alpha) {
      assertThat(java.util.Arrays.stream(PackedPixels.of(image)).anyMatch(p -> p >>> 24 < 255))
          .as("some pixels are translucent")
          .isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("thumbnails")
  void matchesLibheifsOwnDecodeConvertedToSrgb(Row row, @TempDir Path tmp) throws Exception {
    byte[] data = Files.readAllBytes(phones().resolve(row.file()));
    DecodedImage decoded = DECODER.decode(data, row.file(), MIN, MIN);
    double mean = meanDifference(decoded, reference(row.file(), decoded, tmp));
    assertThat(mean)
        .as("mean |thumbflow - reference| per channel for %s", row.file())
        .isLessThan(MEAN_TOLERANCE);
  }

  @Test
  void aDisplayP3PhotoWouldFailTheReferenceCheckWithoutItsProfileApplied(@TempDir Path tmp)
      throws Exception {
    Row p3 =
        thumbnails().filter(r -> r.notes().contains("ICC 'Display P3'")).findFirst().orElseThrow();
    byte[] data = Files.readAllBytes(phones().resolve(p3.file()));
    DecodedImage decoded = DECODER.decode(data, p3.file(), MIN, MIN);
    byte[] reference = reference(p3.file(), decoded, tmp);
    HeaderProbe.Probed probed = new HeaderProbe(Limits.DEFAULT, () -> HEIF).probe(data, p3.file());
    assertThat(probed.icc()).as("the profile is read from the colr box").isNotNull();
    HeifDecoder.Reduced raw =
        HEIF.decode(
            data,
            p3.file(),
            "HEIC",
            probed.heif(),
            MIN,
            MIN,
            Limits.DEFAULT_MAX_PIXELS,
            System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
    DecodedImage unconverted =
        new DecodedImage(raw.image(), decoded.header(), raw.scaleX(), raw.scaleY());
    assertThat(meanDifference(decoded, reference)).isLessThan(MEAN_TOLERANCE);
    assertThat(meanDifference(unconverted, reference))
        .as("P3 pixels shown as sRGB")
        .isGreaterThan(MEAN_TOLERANCE);
  }

  /**
   * heif-convert's full decode, ICC-converted to sRGB and reduced by the decoded image's factors
   * (raw bytes).
   */
  private static byte[] reference(String file, DecodedImage decoded, Path tmp) throws Exception {
    Path heifConvert = Path.of("/usr/bin/heif-convert");
    Path python = Path.of("/usr/bin/python3");
    assumeTrue(
        Files.isExecutable(heifConvert), "heif-convert (Debian libheif-examples) not installed");
    assumeTrue(Files.isExecutable(python), "/usr/bin/python3 not installed");
    Path png = tmp.resolve("reference.png");
    run(
        List.of(
            heifConvert.toString(), "--quiet", phones().resolve(file).toString(), png.toString()));
    if (!Files.exists(png)) {
      // Several top-level images: heif-convert writes reference-N.png in heif-info's order; take
      // the primary.
      List<String> images =
          run(List.of("/usr/bin/heif-info", phones().resolve(file).toString()))
              .lines()
              .filter(l -> l.startsWith("image:"))
              .toList();
      int primary =
          images.indexOf(
              images.stream().filter(l -> l.endsWith("primary")).findFirst().orElseThrow());
      png = tmp.resolve("reference-" + (primary + 1) + ".png");
    }
    Path script = tmp.resolve("reference.py");
    try (var in = HeifCorpusTest.class.getResourceAsStream("/heif/reference.py")) {
      Files.copy(in, script);
    }
    Path raw = tmp.resolve("reference.raw");
    int fx = (int) Math.round(1 / decoded.scaleX());
    int fy = (int) Math.round(1 / decoded.scaleY());
    String out =
        run(
            List.of(
                python.toString(),
                script.toString(),
                png.toString(),
                Integer.toString(fx),
                Integer.toString(fy),
                raw.toString()));
    assumeTrue(!out.contains("No module named 'PIL'"), "Pillow (Debian python3-pil) not installed");
    String[] size = out.strip().split(" ");
    assertThat(size[0] + "x" + size[1])
        .as("reference size")
        .isEqualTo(decoded.image().getWidth() + "x" + decoded.image().getHeight());
    return Files.readAllBytes(raw);
  }

  /**
   * Mean |a - b| over the colour channels of opaque-enough pixels, and over alpha when the image
   * has it.
   */
  private static double meanDifference(DecodedImage decoded, byte[] reference) {
    BufferedImage image = decoded.image();
    boolean alpha = image.getType() == BufferedImage.TYPE_INT_ARGB;
    int channels = alpha ? 4 : 3;
    int[] px = PackedPixels.of(image);
    assertThat(reference.length).isEqualTo(px.length * channels);
    long sum = 0;
    long n = 0;
    for (int i = 0; i < px.length; i++) {
      int p = px[i];
      int o = i * channels;
      if (alpha) {
        sum += Math.abs((p >>> 24) - (reference[o + 3] & 0xFF));
        n++;
        if ((reference[o + 3] & 0xFF) < 128) {
          continue;
        }
      }
      sum += Math.abs(((p >> 16) & 0xFF) - (reference[o] & 0xFF));
      sum += Math.abs(((p >> 8) & 0xFF) - (reference[o + 1] & 0xFF));
      sum += Math.abs((p & 0xFF) - (reference[o + 2] & 0xFF));
      n += 3;
    }
    return sum / (double) Math.max(1, n);
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    if (p.exitValue() != 0 && !out.contains("No module named 'PIL'")) {
      throw new IOException(
          String.join(" ", command) + " failed (" + p.exitValue() + "): " + out.strip());
    }
    return out;
  }
}
