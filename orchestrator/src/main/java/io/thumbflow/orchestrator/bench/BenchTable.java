package io.thumbflow.orchestrator.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Turns samples into one text table per size: median images/s and CPU ms/image over the rounds, the
 * peak RSS seen in any round, and how many times faster the reference contender (thumbflow) is.
 */
final class BenchTable {
  private BenchTable() {}

  /** One contender's row at one size. */
  record Row(
      String contender,
      int rounds,
      int failedRounds,
      double imagesPerSecond,
      OptionalDouble cpuMsPerImage,
      OptionalLong peakRssKb) {}

  /**
   * Rows for {@code size} and {@code batch}, in the order the contenders first appear in {@code
   * samples}.
   */
  static List<Row> rows(List<Sample> samples, String size, String batch) {
    Map<String, List<Sample>> byContender =
        samples.stream()
            .filter(s -> s.size().equals(size) && s.batch().equals(batch))
            .collect(
                Collectors.groupingBy(Sample::contender, LinkedHashMap::new, Collectors.toList()));
    List<Row> rows = new ArrayList<>();
    byContender.forEach(
        (name, runs) -> {
          List<Sample> ok = runs.stream().filter(s -> s.exitCode() == 0).toList();
          List<Sample> used = ok.isEmpty() ? runs : ok;
          double ips = median(used.stream().mapToDouble(Sample::imagesPerSecond).toArray());
          double[] cpu =
              used.stream()
                  .map(Sample::cpuMsPerImage)
                  .filter(OptionalDouble::isPresent)
                  .mapToDouble(OptionalDouble::getAsDouble)
                  .toArray();
          OptionalLong rss =
              used.stream()
                  .map(Sample::maxRss)
                  .filter(OptionalLong::isPresent)
                  .mapToLong(OptionalLong::getAsLong)
                  .max();
          rows.add(
              new Row(
                  name,
                  runs.size(),
                  runs.size() - ok.size(),
                  ips,
                  cpu.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(median(cpu)),
                  rss));
        });
    return rows;
  }

  /**
   * The table for one size. The last column is {@code reference images/s / row images/s}: above
   * 1.00x means the reference is faster than that row.
   */
  static String render(
      List<Sample> samples,
      String size,
      String batch,
      String reference,
      Map<String, String> skipped) {
    List<Row> rows = rows(samples, size, batch);
    Optional<Row> ref = rows.stream().filter(r -> r.contender().equals(reference)).findFirst();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "size %s, %s: median of rounds, whole processes (start-up included)%n",
            size,
            batch));
    String header =
        String.format(
            Locale.ROOT,
            "%-22s %9s %11s %12s %10s",
            "contender",
            "images/s",
            "CPU ms/img",
            "peak RSS MB",
            reference + "/x");
    out.append(header).append(System.lineSeparator());
    out.append("-".repeat(header.length())).append(System.lineSeparator());
    for (Row row : rows) {
      String ratio = ref.map(r -> ratio(r.imagesPerSecond(), row.imagesPerSecond())).orElse("n/a");
      out.append(
          String.format(
              Locale.ROOT,
              "%-22s %9.1f %11s %12s %10s%s%n",
              row.contender(),
              row.imagesPerSecond(),
              cpu(row),
              rss(row),
              row.contender().equals(reference) ? "-" : ratio,
              row.failedRounds() > 0
                  ? "   (" + row.failedRounds() + "/" + row.rounds() + " rounds failed)"
                  : ""));
    }
    skipped.forEach(
        (name, why) -> out.append(String.format(Locale.ROOT, "%-22s skipped: %s%n", name, why)));
    return out.toString();
  }

  /** The row's median CPU ms/image, rounded, or n/a. */
  static String cpu(Row row) {
    return row.cpuMsPerImage().isPresent()
        ? String.format(Locale.ROOT, "%.0f", row.cpuMsPerImage().getAsDouble())
        : "n/a";
  }

  /** The row's peak RSS in MB, rounded, or n/a. */
  static String rss(Row row) {
    return row.peakRssKb().isPresent()
        ? String.format(Locale.ROOT, "%.0f", row.peakRssKb().getAsLong() / 1024.0)
        : "n/a";
  }

  /** {@code a / b} as e.g. {@code 4.25x}. */
  static String ratio(double a, double b) {
    return b <= 0 || Double.isNaN(a) || Double.isNaN(b)
        ? "n/a"
        : String.format(Locale.ROOT, "%.2fx", a / b);
  }

  static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
