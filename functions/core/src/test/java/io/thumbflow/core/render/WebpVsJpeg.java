package io.thumbflow.core.render;

import com.luciad.imageio.webp.CompressionType;
import com.luciad.imageio.webp.WebPImageReaderSpi;
import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.ImageRejectedException;
import io.thumbflow.core.Limits;
import io.thumbflow.core.Recipe;
import io.thumbflow.core.ThumbnailPipeline;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;

/**
 * Measures WebP against JPEG on the corpus photos: how close each encoded thumbnail is to the
 * unencoded one (PSNR over RGB) and how many bytes it takes. The unencoded thumbnail is thumbflow's
 * own, written as PNG (lossless) and read back; JPEG is {@link Encoder}'s (quality 75, 4:2:0), read
 * back by the JDK; WebP is libwebp's at each quality 0..100, read back by libwebp (webp-imageio's
 * reader), as browsers decode it.
 *
 * <p>It prints the quality at which the median WebP PSNR first reaches the median JPEG PSNR (the
 * one {@link WebpEncoder#LOSSY_QUALITY} uses), the bytes at that quality, and the bytes when each
 * photo gets the lowest WebP quality whose PSNR reaches its own JPEG's. From the repository root
 * (about a minute):
 *
 * <pre>
 * mvn -B -q -pl functions/core test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * java -cp functions/core/target/test-classes:functions/core/target/classes:$(cat functions/core/target/test.classpath) \
 *     io.thumbflow.core.render.WebpVsJpeg ../shared/corpus/photos 256 0
 * </pre>
 *
 * Arguments: the photos folder, the box side (px) and the blur radius (source px; the default
 * recipe's is 2).
 */
public final class WebpVsJpeg {
  private WebpVsJpeg() {}

  /** One photo: its reference thumbnail's JPEG and, per WebP quality 0..100, PSNR and bytes. */
  record Photo(String name, double jpegPsnr, int jpegBytes, double[] webpPsnr, int[] webpBytes) {
    /** The lowest WebP quality whose PSNR reaches this photo's JPEG PSNR (100 when none does). */
    int equalQuality() {
      for (int q = 0; q <= 100; q++) {
        if (webpPsnr[q] >= jpegPsnr) return q;
      }
      return 100;
    }
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "../shared/corpus/photos");
    int side = args.length > 1 ? Integer.parseInt(args[1]) : 256;
    double blur = args.length > 2 ? Double.parseDouble(args[2]) : 0;
    List<Photo> photos = measure(dir, side, blur);
    System.out.print(table(photos, side, blur));
    System.exit(0);
  }

  static List<Photo> measure(Path dir, int side, double blur) throws IOException {
    ThumbnailPipeline pipeline =
        new ThumbnailPipeline(Recipe.single(side, side, blur, ImageFormat.PNG), Limits.DEFAULT);
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().matches("(?i).*\\.(jpe?g|png)$")).sorted().toList();
    }
    List<Photo> photos = new ArrayList<>();
    for (Path file : files) {
      BufferedImage reference;
      try {
        byte[] png =
            pipeline
                .render(Files.readAllBytes(file), file.getFileName().toString())
                .thumbnails()
                .get(0)
                .bytes();
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(png));
        reference =
            PackedPixels.wrap(PackedPixels.of(read), read.getWidth(), read.getHeight(), false);
      } catch (ImageRejectedException e) {
        continue;
      }
      byte[] jpeg = Encoder.encode(reference, ImageFormat.JPEG);
      double jpegPsnr = psnr(reference, ImageIO.read(new ByteArrayInputStream(jpeg)));
      double[] webpPsnr = new double[101];
      int[] webpBytes = new int[101];
      for (int q = 0; q <= 100; q++) {
        byte[] webp = WebpEncoder.encode(reference, CompressionType.Lossy, q);
        webpBytes[q] = webp.length;
        webpPsnr[q] = psnr(reference, readWebp(webp));
      }
      photos.add(
          new Photo(file.getFileName().toString(), jpegPsnr, jpeg.length, webpPsnr, webpBytes));
    }
    return photos;
  }

  /** The markdown table of the measurement. */
  static String table(List<Photo> photos, int side, double blur) {
    double jpegPsnr = median(photos.stream().mapToDouble(Photo::jpegPsnr).toArray());
    int chosen = 100;
    for (int q = 0; q <= 100; q++) {
      final int k = q;
      if (median(photos.stream().mapToDouble(p -> p.webpPsnr()[k]).toArray()) >= jpegPsnr) {
        chosen = q;
        break;
      }
    }
    final int c = chosen;
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%d photos at %dx%d, blur %s; WebP quality with median PSNR >= JPEG's: %d%n%n",
            photos.size(),
            side,
            side,
            blur,
            chosen));
    out.append("| encoding | median PSNR (dB) | total bytes | median bytes | vs JPEG (total) |\n");
    out.append("| --- | ---: | ---: | ---: | ---: |\n");
    long jpegTotal = photos.stream().mapToLong(Photo::jpegBytes).sum();
    row(
        out,
        "JPEG quality 75 (4:2:0)",
        jpegPsnr,
        photos.stream().mapToDouble(Photo::jpegBytes).toArray(),
        jpegTotal);
    row(
        out,
        "WebP quality " + chosen + " (fixed)",
        median(photos.stream().mapToDouble(p -> p.webpPsnr()[c]).toArray()),
        photos.stream().mapToDouble(p -> p.webpBytes()[c]).toArray(),
        jpegTotal);
    row(
        out,
        "WebP at each photo's JPEG PSNR",
        median(photos.stream().mapToDouble(p -> p.webpPsnr()[p.equalQuality()]).toArray()),
        photos.stream().mapToDouble(p -> p.webpBytes()[p.equalQuality()]).toArray(),
        jpegTotal);
    out.append(
        String.format(
            Locale.ROOT,
            "%nper-photo equal-PSNR WebP quality: median %.0f, range %d..%d%n",
            median(photos.stream().mapToDouble(Photo::equalQuality).toArray()),
            photos.stream().mapToInt(Photo::equalQuality).min().orElse(0),
            photos.stream().mapToInt(Photo::equalQuality).max().orElse(0)));
    return out.toString();
  }

  private static void row(
      StringBuilder out, String name, double psnr, double[] bytes, long jpegTotal) {
    long total = (long) Arrays.stream(bytes).sum();
    out.append(
        String.format(
            Locale.ROOT,
            "| %s | %.2f | %d | %.0f | %+.1f%% |%n",
            name,
            psnr,
            total,
            median(bytes),
            100.0 * (total - jpegTotal) / jpegTotal));
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n == 0 ? Double.NaN : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  /** PSNR over R, G and B (8 bits each) of two images of the same size (dB; 99 when identical). */
  static double psnr(BufferedImage a, BufferedImage b) {
    if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
      throw new IllegalArgumentException("sizes differ");
    }
    double sum = 0;
    long n = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        for (int s = 0; s < 24; s += 8) {
          int d = ((p >> s) & 0xFF) - ((q >> s) & 0xFF);
          sum += d * d;
          n++;
        }
      }
    }
    double mse = sum / n;
    return mse == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / mse);
  }

  /** Decodes WebP with libwebp itself (webp-imageio's reader). */
  static BufferedImage readWebp(byte[] webp) {
    ImageReader reader = new WebPImageReaderSpi().createReaderInstance(null);
    try {
      reader.setInput(ImageIO.createImageInputStream(new ByteArrayInputStream(webp)));
      return reader.read(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      reader.dispose();
    }
  }
}
