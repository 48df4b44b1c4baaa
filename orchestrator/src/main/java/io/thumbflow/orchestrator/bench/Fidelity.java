package io.thumbflow.orchestrator.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * How closely one folder of thumbnails matches a reference folder (seed.py's outputs): same-named
 * files are compared by size (within 1 px, Pillow's rule) and by PSNR.
 *
 * @param compared pairs found in both folders
 * @param missing reference files with no readable counterpart
 * @param sizeMismatches pairs whose width or height differ by more than 1 px
 * @param medianPsnrDb median PSNR over the compared pairs, dB (NaN when none)
 * @param minPsnrDb lowest PSNR, dB (NaN when none)
 */
record Fidelity(
    int compared, int missing, int sizeMismatches, double medianPsnrDb, double minPsnrDb) {
  /** The bar: median PSNR against seed.py's outputs. */
  static final double MIN_MEDIAN_PSNR_DB = 30.0;

  static Fidelity compare(Path referenceDir, Path candidateDir) throws IOException {
    List<Double> psnr = new ArrayList<>();
    int missing = 0;
    int mismatches = 0;
    List<Path> references;
    try (Stream<Path> files = Files.list(referenceDir)) {
      references = files.filter(Fidelity::isImage).sorted().toList();
    }
    for (Path reference : references) {
      Path candidate = candidateDir.resolve(reference.getFileName().toString());
      BufferedImage ref = ImageIO.read(reference.toFile());
      BufferedImage cand = Files.isRegularFile(candidate) ? ImageIO.read(candidate.toFile()) : null;
      if (ref == null || cand == null) {
        missing++;
        continue;
      }
      if (Math.abs(ref.getWidth() - cand.getWidth()) > 1
          || Math.abs(ref.getHeight() - cand.getHeight()) > 1) {
        mismatches++;
      }
      psnr.add(Psnr.of(ref, cand));
    }
    double[] values = psnr.stream().mapToDouble(Double::doubleValue).toArray();
    return new Fidelity(
        values.length,
        missing,
        mismatches,
        BenchTable.median(values),
        values.length == 0
            ? Double.NaN
            : psnr.stream().mapToDouble(Double::doubleValue).min().getAsDouble());
  }

  boolean passes() {
    return compared > 0
        && missing == 0
        && sizeMismatches == 0
        && medianPsnrDb >= MIN_MEDIAN_PSNR_DB;
  }

  String describe() {
    return String.format(
        Locale.ROOT,
        "median PSNR %.1f dB (min %.1f) over %d images; %d missing, %d sizes off by > 1 px: %s",
        medianPsnrDb,
        minPsnrDb,
        compared,
        missing,
        sizeMismatches,
        passes()
            ? "PASS"
            : "FAIL (needs median >= "
                + MIN_MEDIAN_PSNR_DB
                + " dB, none missing, sizes within 1 px)");
  }

  private static boolean isImage(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png") || n.endsWith(".webp");
  }
}
