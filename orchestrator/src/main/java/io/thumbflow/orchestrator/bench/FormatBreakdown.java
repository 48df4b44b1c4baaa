package io.thumbflow.orchestrator.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The per-format view of a bench run: for each kind of photo ({@link PhotoKind}) that had a batch
 * of its own, each contender's median images/s, CPU ms/image and peak RSS, how many times faster
 * the reference (thumbflow) is, and one line per peer saying on which kinds the reference leads and
 * trails.
 */
final class FormatBreakdown {
  private FormatBreakdown() {}

  /** The reference's ratio to one peer on one kind: {@code reference images/s / peer images/s}. */
  record Standing(String peer, PhotoKind kind, double ratio) {
    boolean leads() {
      return ratio > 1.0;
    }
  }

  /**
   * Every peer's standing against {@code reference} per kind, peers in first-seen order, kinds in
   * batch order.
   */
  static List<Standing> standings(
      List<Sample> samples, String size, List<BenchCorpus.Batch> kinds, String reference) {
    List<Standing> out = new ArrayList<>();
    for (BenchCorpus.Batch batch : kinds) {
      List<BenchTable.Row> rows = BenchTable.rows(samples, size, batch.name());
      Optional<BenchTable.Row> ref =
          rows.stream().filter(r -> r.contender().equals(reference)).findFirst();
      if (ref.isEmpty()) {
        continue;
      }
      for (BenchTable.Row row : rows) {
        if (!row.contender().equals(reference) && row.imagesPerSecond() > 0) {
          out.add(
              new Standing(
                  row.contender(),
                  batch.kind(),
                  ref.get().imagesPerSecond() / row.imagesPerSecond()));
        }
      }
    }
    return out;
  }

  /** The breakdown for one size; empty when no kind had a batch. */
  static String render(
      List<Sample> samples, String size, List<BenchCorpus.Batch> kinds, String reference) {
    if (kinds.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "size %s by format: median of rounds, whole processes (start-up included); %s/x above 1.00x: %s is faster%n",
            size,
            reference,
            reference));
    String header =
        String.format(
            Locale.ROOT,
            "%-17s %6s  %-14s %9s %11s %12s %12s",
            "format",
            "images",
            "contender",
            "images/s",
            "CPU ms/img",
            "peak RSS MB",
            reference + "/x");
    out.append(header).append(System.lineSeparator());
    out.append("-".repeat(header.length())).append(System.lineSeparator());
    for (BenchCorpus.Batch batch : kinds) {
      List<BenchTable.Row> rows = BenchTable.rows(samples, size, batch.name());
      Optional<BenchTable.Row> ref =
          rows.stream().filter(r -> r.contender().equals(reference)).findFirst();
      boolean first = true;
      for (BenchTable.Row row : rows) {
        String ratio =
            row.contender().equals(reference)
                ? "-"
                : ref.map(r -> BenchTable.ratio(r.imagesPerSecond(), row.imagesPerSecond()))
                    .orElse("n/a");
        out.append(
            String.format(
                Locale.ROOT,
                "%-17s %6s  %-14s %9.1f %11s %12s %12s%n",
                first ? batch.kind().label() : "",
                first ? Integer.toString(batch.images()) : "",
                row.contender(),
                row.imagesPerSecond(),
                BenchTable.cpu(row),
                BenchTable.rss(row),
                ratio));
        first = false;
      }
    }
    out.append(summary(standings(samples, size, kinds, reference), reference));
    return out.toString();
  }

  /**
   * {@code thumbflow vs vips_batch: leads on baseline JPEG (1.20x); trails on PNG (0.80x)}, one
   * line per peer.
   */
  static String summary(List<Standing> standings, String reference) {
    Map<String, List<Standing>> byPeer = new LinkedHashMap<>();
    standings.forEach(s -> byPeer.computeIfAbsent(s.peer(), p -> new ArrayList<>()).add(s));
    StringBuilder out = new StringBuilder();
    byPeer.forEach(
        (peer, list) -> {
          List<String> parts = new ArrayList<>();
          String leads = join(list.stream().filter(Standing::leads).toList());
          String trails = join(list.stream().filter(s -> !s.leads()).toList());
          if (!leads.isEmpty()) {
            parts.add("leads on " + leads);
          }
          if (!trails.isEmpty()) {
            parts.add("trails on " + trails);
          }
          out.append(
              String.format(
                  Locale.ROOT, "%s vs %s: %s%n", reference, peer, String.join("; ", parts)));
        });
    return out.toString();
  }

  private static String join(List<Standing> list) {
    return String.join(
        ", ",
        list.stream()
            .map(s -> String.format(Locale.ROOT, "%s (%.2fx)", s.kind().label(), s.ratio()))
            .toList());
  }
}
