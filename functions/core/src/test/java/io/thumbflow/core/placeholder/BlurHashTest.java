package io.thumbflow.core.placeholder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.thumbflow.core.Placeholder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The BlurHash encoder against Wolt's reference decoder (the npm {@code blurhash} package installed
 * in {@code .ci/node} by {@code npm ci --prefix .ci/node}; skipped without it, required in CI):
 * what it makes must be the reference encoder's where the two encoders' scaling agrees, its DC term
 * the image's mean colour within {@value #MEAN_TOLERANCE}, and what it decodes must have the
 * component cells' mean colours within {@value #CELL_TOLERANCE} per channel on average (BlurHash
 * keeps only a few low-frequency cosines, quantised to 19 levels, so a sharp edge rings).
 */
class BlurHashTest {
  private static final Path REPO = Path.of(System.getProperty("thumbflow.repo", "../.."));
  private static final Path NODE_MODULES = REPO.resolve(".ci/node/node_modules");
  private static final Path NODE = NODE_MODULES.resolve(".bin/node");

  /**
   * The hash's DC term is the image's mean colour (linear light) within this, its 8-bit rounding.
   */
  static final int MEAN_TOLERANCE = 1;

  /**
   * Mean over component cells of each cell's colour error, per channel, on the corpus photos
   * (measured: 18 at worst over the 69 photos at 50x50).
   */
  static final int CELL_TOLERANCE = 20;

  /** How far a flat image's ripple strays from its colour (measured: 9 on the test colour). */
  static final int FLAT_RIPPLE = 12;

  @Test
  void componentsFollowTheAspectRatio() {
    assertThat(BlurHash.componentsFor(100, 100)).containsExactly(4, 4);
    assertThat(BlurHash.componentsFor(300, 200)).containsExactly(5, 3);
    assertThat(BlurHash.componentsFor(400, 100)).containsExactly(8, 2);
    assertThat(BlurHash.componentsFor(100, 400)).containsExactly(2, 8);
    assertThat(BlurHash.componentsFor(10_000, 1)).containsExactly(9, 1);
  }

  @Test
  void aHashHasTheLengthItsComponentsNeed() {
    int[] grey = new int[32 * 32];
    java.util.Arrays.fill(grey, 0x808080);
    assertThat(BlurHash.encode(grey, 32, 32, 4, 3)).hasSize(4 + 2 * 4 * 3);
    assertThat(BlurHash.encode(grey, 32, 32, 1, 1)).hasSize(6);
  }

  @Test
  void theReferenceDecoderGivesBackTheImagesColoursWhereItHasThem() throws Exception {
    assumeThat(Files.isExecutable(NODE) && Files.isDirectory(NODE_MODULES.resolve("blurhash")))
        .as("Node and the blurhash package in .ci/node (npm ci --prefix .ci/node)")
        .isTrue();
    // Left half orange, right half blue, 60x40: every component cell's mean colour must come back.
    int w = 60;
    int h = 40;
    int[] px = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) px[y * w + x] = 0xff000000 | (x < w / 2 ? 0xf08020 : 0x2050d0);
    }
    Placeholder p = Placeholders.of(px, w, h, false);
    // The npm encoder scales AC terms by their largest value where Wolt's C encoder (followed here)
    // takes the largest magnitude; on this image both are the same, so the hashes must be equal.
    assertThat(p.blurhash()).isEqualTo(referenceEncode(px, w, h));
    assertNear(dc(p.blurhash()), cellMean(px, w, 0, w, 0, h), MEAN_TOLERANCE);
    assertThat(p.dominantColor()).isIn("#f08020", "#2050d0");
  }

  @Test
  void photosComeBackAsTheirColoursCellByCell() throws Exception {
    assumeThat(Files.isExecutable(NODE) && Files.isDirectory(NODE_MODULES.resolve("blurhash")))
        .as("Node and the blurhash package in .ci/node (npm ci --prefix .ci/node)")
        .isTrue();
    java.util.List<Path> photos;
    try (var files = Files.list(io.thumbflow.core.SharedCorpus.photos())) {
      photos = files.filter(f -> f.toString().matches(".*\\.(jpg|png)")).sorted().toList();
    }
    io.thumbflow.core.Recipe recipe =
        io.thumbflow.core.Recipe.DEFAULT
            .withBlurRadius(0)
            .withPlaceholder(true)
            .withFormat(
                io.thumbflow.core.ImageFormat
                    .PNG); // lossless, so the written pixels are the hashed ones
    var pipeline =
        new io.thumbflow.core.ThumbnailPipeline(
            recipe,
            io.thumbflow.core.Limits.DEFAULT.withDeadline(java.time.Duration.ofSeconds(60)));
    for (Path photo : photos) {
      var rendered = pipeline.render(Files.readAllBytes(photo), photo.toString());
      var image =
          javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(rendered.primary().bytes()));
      int w = image.getWidth();
      int h = image.getHeight();
      int[] px = image.getRGB(0, 0, w, h, null, 0, w);
      if (image.getColorModel().hasAlpha())
        px = io.thumbflow.core.render.PackedPixels.overWhite(px, w * h);
      String hash = rendered.placeholder().blurhash();
      assertNear(dc(hash), cellMean(px, w, 0, w, 0, h), MEAN_TOLERANCE);
      assertCellMeansNear(referenceDecode(hash, w, h), px, w, h);
    }
  }

  /**
   * Over the cells of the hash's component grid, the decoded mean colours are the image's within
   * {@value #CELL_TOLERANCE} per channel on average: what a handful of quantised cosines give on
   * photos (a single cell across a sharp edge can be much further off, which is BlurHash's nature,
   * not a defect).
   */
  private static void assertCellMeansNear(int[] decoded, int[] px, int w, int h) {
    int[] c = BlurHash.componentsFor(w, h);
    double sum = 0;
    int n = 0;
    for (int cy = 0; cy < c[1]; cy++) {
      for (int cx = 0; cx < c[0]; cx++) {
        int x0 = cx * w / c[0];
        int x1 = (cx + 1) * w / c[0];
        int y0 = cy * h / c[1];
        int y1 = (cy + 1) * h / c[1];
        int a = cellMean(decoded, w, x0, x1, y0, y1);
        int e = cellMean(px, w, x0, x1, y0, y1);
        for (int shift = 0; shift <= 16; shift += 8) {
          sum += Math.abs(((a >> shift) & 0xff) - ((e >> shift) & 0xff));
          n++;
        }
      }
    }
    assertThat(sum / n).as("mean cell error per channel").isLessThanOrEqualTo(CELL_TOLERANCE);
  }

  /** A cell's mean colour taken in linear light, as BlurHash's components are, back in sRGB. */
  private static int cellMean(int[] px, int w, int x0, int x1, int y0, int y1) {
    double[] sum = new double[3];
    int n = 0;
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        int v = px[y * w + x];
        for (int c = 0; c < 3; c++) sum[c] += toLinear((v >> (16 - 8 * c)) & 0xff);
        n++;
      }
    }
    int out = 0;
    for (int c = 0; c < 3; c++) out |= toSrgb(sum[c] / n) << (16 - 8 * c);
    return out;
  }

  private static double toLinear(int v) {
    double x = v / 255.0;
    return x <= 0.04045 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4);
  }

  private static int toSrgb(double v) {
    double x = v <= 0.0031308 ? v * 12.92 : 1.055 * Math.pow(v, 1 / 2.4) - 0.055;
    return (int) Math.round(Math.max(0, Math.min(1, x)) * 255);
  }

  @Test
  void aFlatImageDecodesToItsColourEverywhere() throws Exception {
    assumeThat(Files.isExecutable(NODE) && Files.isDirectory(NODE_MODULES.resolve("blurhash")))
        .as("Node and the blurhash package in .ci/node (npm ci --prefix .ci/node)")
        .isTrue();
    int[] px = new int[50 * 33];
    java.util.Arrays.fill(px, 0xff3c8d5a);
    Placeholder p = Placeholders.of(px, 50, 33, false);
    assertThat(p.dominantColor()).isEqualTo("#3c8d5a");
    assertNear(dc(p.blurhash()), 0x3c8d5a, 0);
    // BlurHash's cosines start at pixel edges, not centres, so even a flat image has small AC terms
    // that decode as a faint ripple (the reference encoder gives the same hash).
    int[] decoded = referenceDecode(p.blurhash(), 50, 33);
    for (int v : decoded) assertNear(v, 0x3c8d5a, FLAT_RIPPLE);
  }

  /** The hash's DC term: the image's mean colour in linear light, as 8-bit sRGB. */
  private static int dc(String hash) {
    String digits =
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~";
    int v = 0;
    for (char ch : hash.substring(2, 6).toCharArray()) v = v * 83 + digits.indexOf(ch);
    return v;
  }

  @Test
  void transparentPixelsAreLeftOutOfTheDominantColour() {
    int[] px = new int[100];
    java.util.Arrays.fill(px, 0x00ff0000); // transparent red
    for (int i = 0; i < 30; i++) px[i] = 0xff0000ff; // opaque blue
    assertThat(DominantColour.of(px, 100, true)).isEqualTo("#0000ff");
    assertThat(DominantColour.of(px, 100, false)).isEqualTo("#ff0000");
  }

  private static void assertNear(int actual, int expected) {
    assertNear(actual, expected, MEAN_TOLERANCE);
  }

  private static void assertNear(int actual, int expected, int tolerance) {
    for (int shift = 0; shift <= 16; shift += 8) {
      int a = (actual >> shift) & 0xff;
      int e = (expected >> shift) & 0xff;
      assertThat(Math.abs(a - e))
          .as("channel at bit %d: decoded %06x, expected %06x", shift, actual & 0xffffff, expected)
          .isLessThanOrEqualTo(tolerance);
    }
  }

  /**
   * Encodes with the npm {@code blurhash} package at the components thumbflow picks for the shape.
   */
  private static String referenceEncode(int[] px, int w, int h)
      throws IOException, InterruptedException {
    int[] c = BlurHash.componentsFor(w, h);
    StringBuilder rgb = new StringBuilder();
    for (int v : px) rgb.append(rgb.length() == 0 ? "" : ",").append(v & 0xffffff);
    Path input = Files.createTempFile("pixels", ".txt");
    Files.writeString(input, rgb);
    String script =
        "const {encode}=require(process.argv[1]);const v=require('fs').readFileSync(process.argv[2],'utf8')"
            + ".split(',').map(Number);const p=new Uint8ClampedArray(v.length*4);v.forEach((x,i)=>{p[4*i]=x>>16;"
            + "p[4*i+1]=(x>>8)&255;p[4*i+2]=x&255;p[4*i+3]=255});"
            + "console.log(encode(p,+process.argv[3],+process.argv[4],+process.argv[5],+process.argv[6]));";
    Process proc =
        new ProcessBuilder(
                NODE.toString(),
                "-e",
                script,
                NODE_MODULES.resolve("blurhash").toString(),
                input.toString(),
                Integer.toString(w),
                Integer.toString(h),
                Integer.toString(c[0]),
                Integer.toString(c[1]))
            .redirectErrorStream(true)
            .start();
    String text = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(proc.waitFor(30, TimeUnit.SECONDS)).isTrue();
    Files.delete(input);
    assertThat(proc.exitValue()).as(text).isZero();
    return text;
  }

  /** Decodes with the npm {@code blurhash} package: packed 0xRRGGBB per pixel. */
  private static int[] referenceDecode(String hash, int w, int h)
      throws IOException, InterruptedException {
    String script =
        "const {decode}=require(process.argv[1]);const p=decode(process.argv[2],+process.argv[3],"
            + "+process.argv[4]);const out=[];for(let i=0;i<p.length;i+=4)out.push((p[i]<<16)|(p[i+1]<<8)|p[i+2]);"
            + "console.log(out.join(','));";
    Process proc =
        new ProcessBuilder(
                NODE.toString(),
                "-e",
                script,
                NODE_MODULES.resolve("blurhash").toString(),
                hash,
                Integer.toString(w),
                Integer.toString(h))
            .redirectErrorStream(true)
            .start();
    String text = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(proc.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(proc.exitValue()).as(text).isZero();
    String[] parts = text.split(",");
    int[] px = new int[parts.length];
    for (int i = 0; i < parts.length; i++) px[i] = Integer.parseInt(parts[i]);
    assertThat(px).hasSize(w * h);
    return px;
  }
}
