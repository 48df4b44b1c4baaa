package io.thumbflow.core;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Compares thumbflow's thumbnails with those of the original program ({@code
 * ../shared/peers/seed.py}, run with Debian's Pillow): sizes and PSNR over RGB, alpha flattened
 * onto white on both sides.
 *
 * <p>As a program, checks every photo of the corpus at 50x50 and 256x256 (or the boxes given after
 * the shared directory) and prints each photo and the medians (needs /usr/bin/python3 with Pillow;
 * about a minute on 2 cores), from the repository root:
 *
 * <pre>
 * mvn -B -q -pl functions/core test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * java -cp functions/core/target/test-classes:functions/core/target/classes:$(cat functions/core/target/test.classpath) \
 *     io.thumbflow.core.FidelityCheck ../shared [1024x1024 ...]
 * </pre>
 */
public final class FidelityCheck {
  static final Path PYTHON = Paths.get("/usr/bin/python3");

  /** One photo's comparison. */
  public record Comparison(
      String name, int width, int height, int seedWidth, int seedHeight, double psnr) {
    int sizeError() {
      return Math.max(Math.abs(width - seedWidth), Math.abs(height - seedHeight));
    }
  }

  private FidelityCheck() {}

  /**
   * The shared folder beside the clone (tests skip without it; {@link #main} takes it as an
   * argument).
   */
  static Path sharedDir() {
    return SharedCorpus.dir();
  }

  /** True when Debian's python3 can import Pillow. */
  static boolean pillowAvailable() {
    if (!Files.isExecutable(PYTHON)) return false;
    try {
      Process p =
          new ProcessBuilder(PYTHON.toString(), "-c", "import PIL")
              .redirectErrorStream(true)
              .start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Runs seed.py over {@code inDir} into {@code outDir} at {@code size} (e.g. {@code 50x50}). */
  static void runSeed(Path seedPy, Path inDir, Path outDir, String size)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                PYTHON.toString(), seedPy.toString(), inDir.toString(), outDir.toString(), size)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException("seed.py failed: " + out);
    }
  }

  /**
   * Renders each photo with thumbflow and compares it with seed.py's output of the same name in
   * {@code seedOut}.
   */
  static List<Comparison> compare(List<Path> photos, Path seedOut, Recipe recipe) throws Exception {
    ThumbnailPipeline pipeline =
        new ThumbnailPipeline(
            recipe, Limits.DEFAULT.withDeadline(java.time.Duration.ofSeconds(60)));
    List<Comparison> out = new ArrayList<>();
    for (Path photo : photos) {
      String name = photo.getFileName().toString();
      Thumbnail ours = pipeline.render(Files.readAllBytes(photo), name).primary();
      BufferedImage a = ImageIO.read(new ByteArrayInputStream(ours.bytes()));
      BufferedImage b = ImageIO.read(seedOut.resolve(name).toFile());
      if (a == null || b == null)
        throw new IOException("cannot read back the thumbnails of " + name);
      out.add(
          new Comparison(
              name, a.getWidth(), a.getHeight(), b.getWidth(), b.getHeight(), psnr(a, b)));
    }
    return out;
  }

  /** PSNR (dB) over RGB of the common area, alpha flattened onto white; 99 for identical images. */
  static double psnr(BufferedImage a, BufferedImage b) {
    int w = Math.min(a.getWidth(), b.getWidth());
    int h = Math.min(a.getHeight(), b.getHeight());
    double sum = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = onWhite(argbAt(a, x, y));
        int q = onWhite(argbAt(b, x, y));
        for (int shift = 0; shift <= 16; shift += 8) {
          int d = ((p >>> shift) & 0xff) - ((q >>> shift) & 0xff);
          sum += d * d;
        }
      }
    }
    double mse = sum / (3.0 * w * h);
    return mse == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / mse);
  }

  /**
   * The pixel as stored: Java 2D treats 8-bit grey as linear light and would brighten it in getRGB,
   * while JPEG and PNG grey (and Pillow's "L") are sRGB-encoded values.
   */
  private static int argbAt(BufferedImage image, int x, int y) {
    java.awt.image.Raster raster = image.getRaster();
    int bands = raster.getNumBands();
    if (bands <= 2
        && image.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY) {
      int v = raster.getSample(x, y, 0) >> (raster.getSampleModel().getSampleSize(0) - 8);
      int alpha =
          bands == 2
              ? raster.getSample(x, y, 1) >> (raster.getSampleModel().getSampleSize(1) - 8)
              : 0xff;
      return (alpha << 24) | (v << 16) | (v << 8) | v;
    }
    return image.getRGB(x, y);
  }

  private static int onWhite(int argb) {
    int a = argb >>> 24;
    int rgb = 0;
    for (int shift = 0; shift <= 16; shift += 8) {
      int c = (argb >>> shift) & 0xff;
      rgb |= ((c * a + 255 * (255 - a) + 127) / 255) << shift;
    }
    return rgb;
  }

  static double median(List<Comparison> results) {
    double[] v = results.stream().mapToDouble(Comparison::psnr).sorted().toArray();
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  /** The corpus photos seed.py would pick (.jpg, .jpeg, .png), sorted by name. */
  static List<Path> photos(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(
              p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(jpe?g|png)"))
          .sorted(Comparator.comparing(Path::toString))
          .toList();
    }
  }

  public static void main(String[] args) throws Exception {
    Path shared = args.length > 0 ? Paths.get(args[0]) : sharedDir();
    if (!pillowAvailable()) {
      System.err.println("needs /usr/bin/python3 with Pillow (apt-get install python3-pil)");
      System.exit(2);
    }
    List<Path> photos = photos(shared.resolve("corpus/photos"));
    List<String> sizes =
        args.length > 1 ? List.of(args).subList(1, args.length) : List.of("50x50", "256x256");
    for (String size : sizes) {
      int[] box = Arrays.stream(size.split("x")).mapToInt(Integer::parseInt).toArray();
      Path seedOut = Files.createTempDirectory("seed-" + size);
      runSeed(shared.resolve("peers/seed.py"), shared.resolve("corpus/photos"), seedOut, size);
      List<Comparison> results = compare(photos, seedOut, Recipe.DEFAULT.withSize(box[0], box[1]));
      for (Comparison c : results) {
        System.out.printf(
            Locale.ROOT,
            "%-48s %4dx%-4d seed %4dx%-4d psnr %6.2f%n",
            c.name(),
            c.width(),
            c.height(),
            c.seedWidth(),
            c.seedHeight(),
            c.psnr());
      }
      long sizeMisses = results.stream().filter(c -> c.sizeError() > 1).count();
      System.out.printf(
          Locale.ROOT,
          "FIDELITY size=%s images=%d median_psnr_db=%.2f min_psnr_db=%.2f sizes_off_by_more_than_1px=%d%n",
          size,
          results.size(),
          median(results),
          results.stream().mapToDouble(Comparison::psnr).min().orElse(0),
          sizeMisses);
    }
  }
}
