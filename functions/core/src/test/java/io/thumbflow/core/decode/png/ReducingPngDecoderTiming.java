package io.thumbflow.core.decode.png;

import io.thumbflow.core.render.BoxReduce;
import io.thumbflow.core.render.PackedPixels;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Prints CPU ms (warm, mean of a few rounds) and allocated MB per PNG of a folder for this decoder
 * (box reduce to about twice the thumbnail) and for ImageIO's point-subsampled read at 8x the
 * thumbnail, alone and followed by the packed-pixel conversion and box reduce the pipeline then
 * does. Not a test: run by hand with {@code java -cp <core classes>:<test classes>
 * io.thumbflow.core.decode.png.ReducingPngDecoderTiming DIR}.
 */
public final class ReducingPngDecoderTiming {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  private static final int WARMUP = 3;
  private static final int ROUNDS = 8;

  private ReducingPngDecoderTiming() {}

  public static void main(String[] args) throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(Path.of(args[0]))) {
      files = s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
    }
    System.out.println(
        "file\tsize\tthumb\treduce(fx,fy)\treducer_ms\treducer_alloc_MB\timageio_8x_sub"
            + "\timageio_ms\timageio+reduce_ms\timageio+reduce_alloc_MB");
    double[] totals = new double[6];
    for (Path file : files) {
      byte[] png = Files.readAllBytes(file);
      BufferedImage probe = ImageIO.read(new ByteArrayInputStream(png));
      int w = probe.getWidth();
      int h = probe.getHeight();
      int col = 0;
      for (int size : new int[] {50, 256}) {
        int fx = Math.max(1, w / (2 * size));
        int fy = Math.max(1, h / (2 * size));
        int sub = Math.max(1, Math.min(w / (8 * size), h / (8 * size)));
        Work ours = () -> ReducingPngDecoder.decode(png, fx, fy);
        Work theirs = () -> subsampledAndReduced(png, sub, size);
        double reducer = cpuMs(ours);
        double imageio = cpuMs(() -> subsampled(png, sub));
        double imageioReduced = cpuMs(theirs);
        totals[col++] += reducer;
        totals[col++] += imageio;
        totals[col++] += imageioReduced;
        System.out.printf(
            "%s\t%dx%d\t%d\t%d,%d\t%.1f\t%.1f\t%d\t%.1f\t%.1f\t%.1f%n",
            file.getFileName(),
            w,
            h,
            size,
            fx,
            fy,
            reducer,
            allocatedMb(ours),
            sub,
            imageio,
            imageioReduced,
            allocatedMb(theirs));
      }
    }
    System.out.printf(
        "TOTAL 50: reducer %.1f ms, imageio %.1f ms, imageio+reduce %.1f ms; "
            + "256: reducer %.1f ms, imageio %.1f ms, imageio+reduce %.1f ms%n",
        totals[0], totals[1], totals[2], totals[3], totals[4], totals[5]);
  }

  private interface Work {
    Object run() throws Exception;
  }

  private static double cpuMs(Work work) throws Exception {
    for (int i = 0; i < WARMUP; i++) {
      work.run();
    }
    long t0 = CPU.getCurrentThreadCpuTime();
    for (int i = 0; i < ROUNDS; i++) {
      work.run();
    }
    return (CPU.getCurrentThreadCpuTime() - t0) / 1e6 / ROUNDS;
  }

  private static double allocatedMb(Work work) throws Exception {
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) CPU;
    long id = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(id);
    work.run();
    return (mx.getThreadAllocatedBytes(id) - before) / 1e6;
  }

  /**
   * What the pipeline does today: ImageIO's subsampled read, packed pixels, then the box reduce.
   */
  private static int[] subsampledAndReduced(byte[] png, int sub, int size) throws Exception {
    BufferedImage image = subsampled(png, sub);
    int w = image.getWidth();
    int h = image.getHeight();
    int fx = Math.max(1, w / (2 * size));
    int fy = Math.max(1, h / (2 * size));
    return BoxReduce.reduce(PackedPixels.of(image), w, h, fx, fy, image.getColorModel().hasAlpha());
  }

  private static BufferedImage subsampled(byte[] png, int sub) throws Exception {
    ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
      reader.setInput(in, true, true);
      ImageReadParam param = reader.getDefaultReadParam();
      param.setSourceSubsampling(sub, sub, 0, 0);
      return reader.read(0, param);
    } finally {
      reader.dispose();
    }
  }
}
