package io.thumbflow.core.report;

import io.thumbflow.core.ImageResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Renders a run report as one self-contained HTML page (inline CSS, nothing fetched): summary, a
 * timeline of which worker processed which image when, a gallery of the thumbnails and the failures.
 * Every name that comes from the input is escaped, since file names and S3 keys are user-controlled.
 */
public final class HtmlReport {
  /** Most bars drawn on the timeline; a bigger run shows the first ones and says so. */
  public static final int MAX_TIMELINE_BARS = 5000;
  /** Most thumbnails shown in the gallery. */
  public static final int MAX_GALLERY_IMAGES = 2000;

  private HtmlReport() {}

  /**
   * Renders {@code report}.
   *
   * @param thumbLink the {@code img src} for an ok or skipped item: a URL or a link relative to the
   *     report's folder, already URL-encoded (see {@link #href}); null leaves the item out of the gallery
   */
  public static String render(RunReport report, Function<ImageResult, String> thumbLink) {
    StringBuilder h = new StringBuilder(16_384);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>thumbflow run report</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
        .append("<h1>thumbflow run report</h1>\n");
    summary(h, report);
    timeline(h, report);
    gallery(h, report, thumbLink);
    failures(h, report);
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  private static void summary(StringBuilder h, RunReport r) {
    h.append("<section id=\"summary\">\n<p class=\"headline\">")
        .append(r.succeeded()).append(" of ").append(r.images()).append(" images thumbnailed");
    if (r.skipped() > 0) h.append(", ").append(r.skipped()).append(" skipped (up to date)");
    if (r.failed() > 0) h.append(", <span class=\"bad\">").append(r.failed()).append(" failed</span>");
    h.append(" in ").append(fmt(r.wallMs() / 1000.0, 2)).append(" s</p>\n<dl>\n");
    field(h, "images/s", fmt(r.imagesPerSecond(), 1));
    field(h, "wall", fmt(r.wallMs(), 0) + " ms");
    field(h, "sum of item times", fmt(r.sumMs(), 0) + " ms");
    field(h, "speedup (sum / wall)", fmt(r.speedup(), 2) + "x");
    for (Map.Entry<String, Object> e : r.run().entrySet()) {
      field(h, e.getKey(), String.valueOf(e.getValue()));
    }
    h.append("</dl>\n<table class=\"stages\">\n<tr><th>stage</th><th>p50 ms</th><th>p95 ms</th><th>max ms</th></tr>\n");
    for (Map.Entry<String, StageStats> e : r.stages().entrySet()) {
      StageStats s = e.getValue();
      h.append("<tr><td>").append(escape(e.getKey())).append("</td><td>").append(fmt(s.p50(), 1))
          .append("</td><td>").append(fmt(s.p95(), 1)).append("</td><td>").append(fmt(s.max(), 1))
          .append("</td></tr>\n");
    }
    h.append("</table>\n</section>\n");
  }

  private static void field(StringBuilder h, String name, String value) {
    h.append("<div><dt>").append(escape(name)).append("</dt><dd>").append(escape(value)).append("</dd></div>\n");
  }

  private static void timeline(StringBuilder h, RunReport r) {
    List<ImageResult> timed = r.items().stream().filter(i -> i.startMs() > 0 && i.endMs() >= i.startMs()).toList();
    h.append("<section id=\"timeline\">\n<h2>Timeline</h2>\n");
    if (timed.isEmpty()) {
      h.append("<p>No timing information.</p>\n</section>\n");
      return;
    }
    long t0 = timed.stream().mapToLong(ImageResult::startMs).min().orElse(0);
    long t1 = timed.stream().mapToLong(ImageResult::endMs).max().orElse(t0);
    double span = Math.max(1, t1 - t0);
    Map<String, List<ImageResult>> byWorker = new TreeMap<>(NATURAL);
    int drawn = 0;
    for (ImageResult i : timed) {
      if (drawn++ >= MAX_TIMELINE_BARS) break;
      byWorker.computeIfAbsent(i.worker() == null ? "?" : i.worker(), w -> new ArrayList<>()).add(i);
    }
    h.append("<p class=\"axis\">0 ms … ").append(fmt(span, 0)).append(" ms; one row per worker, hover a bar for the image</p>\n")
        .append("<div class=\"timeline\">\n");
    for (Map.Entry<String, List<ImageResult>> row : byWorker.entrySet()) {
      h.append("<div class=\"row\"><span class=\"worker\">").append(escape(row.getKey()))
          .append("</span><div class=\"lane\">");
      for (ImageResult i : row.getValue()) {
        double left = (i.startMs() - t0) * 100.0 / span;
        double width = Math.max(0.15, (i.endMs() - i.startMs()) * 100.0 / span);
        String title = i.source() + " \u2014 " + (i.endMs() - i.startMs()) + " ms"
            + (i.isFailed() && i.error() != null ? " \u2014 failed: " + i.error().type() : "");
        h.append("<div class=\"bar ").append(i.isFailed() ? "failed" : "ok").append("\" style=\"left:")
            .append(fmt(left, 3)).append("%;width:").append(fmt(width, 3)).append("%\" title=\"")
            .append(escape(title)).append("\"></div>");
      }
      h.append("</div></div>\n");
    }
    h.append("</div>\n");
    if (timed.size() > MAX_TIMELINE_BARS) {
      h.append("<p>Showing the first ").append(MAX_TIMELINE_BARS).append(" of ").append(timed.size()).append(" images.</p>\n");
    }
    h.append("</section>\n");
  }

  private static void gallery(StringBuilder h, RunReport r, Function<ImageResult, String> thumbLink) {
    h.append("<section id=\"gallery\">\n<h2>Gallery</h2>\n<div class=\"gallery\">\n");
    int shown = 0;
    int eligible = 0;
    for (ImageResult i : r.items()) {
      if (!(i.isOk() || ImageResult.SKIPPED.equals(i.status())) || i.output() == null) continue;
      String link = thumbLink.apply(i);
      if (link == null) continue;
      eligible++;
      if (shown >= MAX_GALLERY_IMAGES) continue;
      shown++;
      double ms = i.timingsMs() == null ? 0 : i.timingsMs().total();
      h.append("<figure><a href=\"").append(escape(link)).append("\"><img src=\"").append(escape(link))
          .append("\" alt=\"").append(escape(i.source())).append("\" loading=\"lazy\"></a><figcaption>")
          .append(escape(i.source())).append("<br><small>").append(i.width()).append("\u00d7").append(i.height())
          .append(" \u00b7 ").append(fmt(ms, 0)).append(" ms</small></figcaption></figure>\n");
    }
    h.append("</div>\n");
    if (eligible > shown) {
      h.append("<p>Showing ").append(shown).append(" of ").append(eligible).append(" thumbnails.</p>\n");
    }
    if (eligible == 0) {
      h.append("<p>No thumbnails.</p>\n");
    }
    h.append("</section>\n");
  }

  private static void failures(StringBuilder h, RunReport r) {
    h.append("<section id=\"failures\">\n<h2>Failures</h2>\n");
    if (r.failed() == 0) {
      h.append("<p>None.</p>\n</section>\n");
      return;
    }
    h.append("<p>");
    r.errors().forEach((type, g) -> h.append("<span class=\"tag\">").append(escape(type)).append(": ")
        .append(g.count()).append("</span> "));
    h.append("</p>\n<table class=\"failures\">\n<tr><th>source</th><th>type</th><th>message</th></tr>\n");
    for (ImageResult i : r.items()) {
      if (!i.isFailed()) continue;
      String type = i.error() == null ? "Unknown" : i.error().type();
      String message = i.error() == null ? "" : i.error().message();
      h.append("<tr><td>").append(escape(i.source())).append("</td><td>").append(escape(type))
          .append("</td><td>").append(escape(message)).append("</td></tr>\n");
    }
    h.append("</table>\n</section>\n");
  }

  /** Escapes text for HTML element content and double- or single-quoted attributes. Null gives "". */
  public static String escape(String text) {
    if (text == null) return "";
    StringBuilder b = new StringBuilder(text.length() + 16);
    for (int k = 0; k < text.length(); k++) {
      char c = text.charAt(k);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * A relative link for a {@code /}-separated relative path: each segment percent-encoded (UTF-8),
   * so spaces, {@code #}, {@code ?} and a {@code javascript:}-looking first segment stay a plain path.
   */
  public static String href(String relativePath) {
    StringBuilder b = new StringBuilder();
    for (byte x : relativePath.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
        b.append((char) c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return b.toString();
  }

  private static String fmt(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  /** Orders worker names so that worker-2 comes before worker-10. */
  private static final Comparator<String> NATURAL = (a, b) -> {
    String pa = a.replaceAll("\\d+$", "");
    String pb = b.replaceAll("\\d+$", "");
    int c = pa.compareTo(pb);
    if (c != 0) return c;
    String na = a.substring(pa.length());
    String nb = b.substring(pb.length());
    if (na.length() != nb.length()) return Integer.compare(na.length(), nb.length());
    return na.compareTo(nb);
  };

  private static final String CSS = """
      body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222;background:#fff}
      h1{font-size:1.5em;margin:0 0 .5em}h2{font-size:1.2em;margin:1.5em 0 .5em}
      .headline{font-size:1.1em;font-weight:600}.bad{color:#b00020}
      dl{display:flex;flex-wrap:wrap;gap:.3em 1.5em;margin:.5em 0}dl div{display:flex;gap:.4em}
      dt{color:#666}dd{margin:0;font-weight:600}
      table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ddd;padding:.2em .6em;text-align:left;vertical-align:top}
      .stages td:not(:first-child){text-align:right;font-variant-numeric:tabular-nums}
      .axis{color:#666;font-size:.9em}
      .timeline{border:1px solid #ddd;padding:.3em}
      .row{display:flex;align-items:center;height:18px;margin:2px 0}
      .worker{width:9em;flex:none;font-size:.8em;color:#444;overflow:hidden;white-space:nowrap;text-overflow:ellipsis}
      .lane{position:relative;flex:1;height:14px;background:#f4f4f4}
      .bar{position:absolute;top:0;height:14px;box-sizing:border-box;border-right:1px solid #fff}
      .bar.ok{background:#2e7d32}.bar.failed{background:#c62828}
      .gallery{display:flex;flex-wrap:wrap;gap:.6em}
      figure{margin:0;width:136px;text-align:center;font-size:.75em;word-break:break-all}
      figure img{max-width:128px;max-height:128px;background:repeating-conic-gradient(#eee 0 25%,#fff 0 50%) 0 0/12px 12px}
      .tag{display:inline-block;background:#fdecea;color:#8a1c1c;border-radius:3px;padding:0 .4em;margin-right:.3em}
      """;
}
