package io.thumbflow.core.report;

import io.thumbflow.core.ImageResult;
import io.thumbflow.core.Placeholder;
import io.thumbflow.core.RenditionResult;
import io.thumbflow.core.cost.RunCost;
import java.math.BigDecimal;
import java.math.RoundingMode;
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
 * timeline of which worker processed which image when, a gallery of the thumbnails and the
 * failures. Every name that comes from the input is escaped, since file names and S3 keys are
 * user-controlled.
 */
public final class HtmlReport {
  /** Most bars drawn on the timeline; a bigger run shows the first ones and says so. */
  public static final int MAX_TIMELINE_BARS = 5000;

  /** Most sources shown in the gallery. */
  public static final int MAX_GALLERY_IMAGES = 2000;

  /** Most rows in the failures table. */
  public static final int MAX_FAILURE_ROWS = 1000;

  private HtmlReport() {}

  /**
   * Renders {@code report} with its own items.
   *
   * @param outputLink the {@code img src} for an output location (a path or {@code s3://} URI): a
   *     URL or a link relative to the report's folder, already URL-encoded (see {@link #href});
   *     null leaves it out
   */
  public static String render(RunReport report, Function<String, String> outputLink) {
    return render(report, report.items(), outputLink);
  }

  /**
   * Renders {@code report}, drawing the timeline, gallery and failures from {@code items} (all of
   * the run's, or the sample a {@link ReportAccumulator} kept); counts always come from the report.
   */
  public static String render(
      RunReport report, List<ImageResult> items, Function<String, String> outputLink) {
    StringBuilder h = new StringBuilder(16_384);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>thumbflow run report</title>\n<style>\n")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n")
        .append("<h1>thumbflow run report</h1>\n");
    summary(h, report);
    renditions(h, report);
    cost(h, report.cost());
    timeline(h, items, report.images());
    gallery(h, items, outputLink);
    failures(h, report, items);
    ignored(h, report, items);
    h.append("<script>\n").append(BLURHASH_JS).append("</script>\n");
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  private static void summary(StringBuilder h, RunReport r) {
    h.append("<section id=\"summary\">\n<p class=\"headline\">")
        .append(r.succeeded())
        .append(" of ")
        .append(r.images())
        .append(" images thumbnailed");
    if (r.skipped() > 0) h.append(", ").append(r.skipped()).append(" skipped (up to date)");
    if (r.failed() > 0)
      h.append(", <span class=\"bad\">").append(r.failed()).append(" failed</span>");
    if (r.ignored() > 0) h.append(", ").append(r.ignored()).append(" not images (listed below)");
    h.append(" in ").append(fmt(r.wallMs() / 1000.0, 2)).append(" s</p>\n<dl>\n");
    field(h, "images/s", fmt(r.imagesPerSecond(), 1));
    field(h, "wall", fmt(r.wallMs(), 0) + " ms");
    field(h, "sum of item times", fmt(r.sumMs(), 0) + " ms");
    field(h, "speedup (sum / wall)", fmt(r.speedup(), 2) + "x");
    for (Map.Entry<String, Object> e : r.run().entrySet()) {
      field(h, e.getKey(), String.valueOf(e.getValue()));
    }
    h.append(
        "</dl>\n<table class=\"stages\">\n<tr><th>stage</th><th>p50 ms</th><th>p95 ms</th><th>max ms</th></tr>\n");
    for (Map.Entry<String, StageStats> e : r.stages().entrySet()) {
      StageStats s = e.getValue();
      h.append("<tr><td>")
          .append(escape(e.getKey()))
          .append("</td><td>")
          .append(fmt(s.p50(), 1))
          .append("</td><td>")
          .append(fmt(s.p95(), 1))
          .append("</td><td>")
          .append(fmt(s.max(), 1))
          .append("</td></tr>\n");
    }
    h.append("</table>\n</section>\n");
  }

  private static void field(StringBuilder h, String name, String value) {
    h.append("<div><dt>")
        .append(escape(name))
        .append("</dt><dd>")
        .append(escape(value))
        .append("</dd></div>\n");
  }

  private static void timeline(StringBuilder h, List<ImageResult> items, int images) {
    List<ImageResult> timed =
        items.stream().filter(i -> i.startMs() > 0 && i.endMs() >= i.startMs()).toList();
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
      byWorker
          .computeIfAbsent(i.worker() == null ? "?" : i.worker(), w -> new ArrayList<>())
          .add(i);
    }
    h.append("<p class=\"axis\">0 ms … ")
        .append(fmt(span, 0))
        .append(" ms; one row per worker, hover a bar for the image</p>\n")
        .append("<div class=\"timeline\">\n");
    for (Map.Entry<String, List<ImageResult>> row : byWorker.entrySet()) {
      h.append("<div class=\"row\"><span class=\"worker\">")
          .append(escape(row.getKey()))
          .append("</span><div class=\"lane\">");
      for (ImageResult i : row.getValue()) {
        double left = (i.startMs() - t0) * 100.0 / span;
        double width = Math.max(0.15, (i.endMs() - i.startMs()) * 100.0 / span);
        String title =
            sourceOf(i)
                + " \u2014 "
                + (i.endMs() - i.startMs())
                + " ms"
                + (i.isFailed() && i.error() != null ? " \u2014 failed: " + i.error().type() : "");
        h.append("<div class=\"bar ")
            .append(i.isFailed() ? "failed" : "ok")
            .append("\" style=\"left:")
            .append(fmt(left, 3))
            .append("%;width:")
            .append(fmt(width, 3))
            .append("%\" title=\"")
            .append(escape(title))
            .append("\"></div>");
      }
      h.append("</div></div>\n");
    }
    h.append("</div>\n");
    int shown = Math.min(MAX_TIMELINE_BARS, timed.size());
    if (shown < images) {
      h.append("<p>Showing the first ")
          .append(shown)
          .append(" of ")
          .append(images)
          .append(" images.</p>\n");
    }
    h.append("</section>\n");
  }

  private static void renditions(StringBuilder h, RunReport r) {
    if (r.renditions().isEmpty()) return;
    h.append(
        "<section id=\"renditions\">\n<h2>Renditions</h2>\n<table class=\"stages\">\n<tr><th>rendition</th>"
            + "<th>made</th><th>KiB</th><th>blur p50 ms</th><th>resize p50 ms</th><th>encode p50 ms</th>"
            + "<th>write p50 ms</th></tr>\n");
    r.renditions()
        .forEach(
            (name, s) ->
                h.append("<tr><td>")
                    .append(escape(name))
                    .append("</td><td>")
                    .append(s.made())
                    .append("</td><td>")
                    .append(fmt(s.bytes() / 1024.0, 1))
                    .append("</td><td>")
                    .append(fmt(p50(s, "blur"), 2))
                    .append("</td><td>")
                    .append(fmt(p50(s, "resize"), 2))
                    .append("</td><td>")
                    .append(fmt(p50(s, "encode"), 2))
                    .append("</td><td>")
                    .append(fmt(p50(s, "write"), 2))
                    .append("</td></tr>\n"));
    h.append("</table>\n</section>\n");
  }

  private static double p50(RenditionStats s, String stage) {
    StageStats stats = s.stages().get(stage);
    return stats == null ? 0 : stats.p50();
  }

  private static void cost(StringBuilder h, RunCost c) {
    if (c == null) return;
    h.append("<section id=\"cost\">\n<h2>Cost (")
        .append(escape(c.basis()))
        .append(")</h2>\n<p class=\"headline\">$")
        .append(fmt(c.totalUsd(), 6))
        .append(" in all, $")
        .append(fmt(c.usdPer1000Images(), 6))
        .append(
            " per 1,000 images</p>\n<table class=\"stages\">\n<tr><th>part</th><th>quantity</th><th>USD</th></tr>\n");
    RunCost.Lambda l = c.lambda();
    costRow(
        h,
        "Lambda (" + l.architecture() + ", " + l.memoryMb() + " MB)",
        l.requests() + " requests, " + fmt(l.gbSeconds(), 3) + " GB-s",
        l.usd());
    RunCost.StepFunctions f = c.stepFunctions();
    costRow(
        h,
        "Step Functions (" + f.workflow() + ")",
        f.transitions()
            + " transitions, "
            + f.expressRequests()
            + " Express executions, "
            + fmt(f.expressGbSeconds(), 3)
            + " GB-s",
        f.usd());
    RunCost.S3 s3 = c.s3();
    costRow(
        h,
        "S3 requests",
        s3.get() + " GET, " + s3.head() + " HEAD, " + s3.put() + " PUT, " + s3.list() + " LIST",
        s3.usd());
    h.append("</table>\n<p class=\"axis\">")
        .append(escape(c.prices()))
        .append("</p>\n<ul class=\"axis\">\n");
    for (String a : c.assumptions()) h.append("<li>").append(escape(a)).append("</li>\n");
    h.append("</ul>\n</section>\n");
  }

  private static void costRow(StringBuilder h, String part, String quantity, double usd) {
    h.append("<tr><td>")
        .append(escape(part))
        .append("</td><td>")
        .append(escape(quantity))
        .append("</td><td>")
        .append(fmt(usd, 6))
        .append("</td></tr>\n");
  }

  private static void gallery(
      StringBuilder h, List<ImageResult> items, Function<String, String> outputLink) {
    h.append("<section id=\"gallery\">\n<h2>Gallery</h2>\n<div class=\"gallery\">\n");
    int shown = 0;
    int eligible = 0;
    for (ImageResult i : items) {
      if (!(i.isOk() || i.isSkipped()) || i.renditions().isEmpty()) continue;
      eligible++;
      if (shown >= MAX_GALLERY_IMAGES) continue;
      shown++;
      double ms = i.timingsMs() == null ? 0 : i.timingsMs().total();
      h.append("<figure><div class=\"outputs\">");
      for (RenditionResult r : i.renditions()) {
        String link = r.output() == null ? null : outputLink.apply(r.output());
        h.append("<div class=\"output\">");
        if (link != null) {
          h.append("<a href=\"")
              .append(escape(link))
              .append("\"><img src=\"")
              .append(escape(link))
              .append("\" alt=\"")
              .append(escape(sourceOf(i) + " " + r.name()))
              .append("\" loading=\"lazy\"></a>");
        }
        h.append("<small>")
            .append(i.renditions().size() > 1 ? escape(r.name()) + " " : "")
            .append(r.width())
            .append("\u00d7")
            .append(r.height())
            .append("</small></div>");
      }
      Placeholder p = i.placeholder();
      if (p != null) {
        h.append(
                "<div class=\"output placeholder\"><canvas width=\"32\" height=\"32\" data-blurhash=\"")
            .append(escape(p.blurhash()))
            .append("\" title=\"BlurHash ")
            .append(escape(p.blurhash()))
            .append("\"></canvas><span class=\"swatch\" style=\"background:")
            .append(safeColour(p.dominantColor()))
            .append("\" title=\"dominant colour\"></span><small>")
            .append(escape(p.dominantColor()))
            .append("</small></div>");
      }
      h.append("</div><figcaption>")
          .append(escape(sourceOf(i)))
          .append("<br><small>")
          .append(escape(i.status()))
          .append(" \u00b7 ")
          .append(fmt(ms, 0))
          .append(" ms</small></figcaption></figure>\n");
    }
    h.append("</div>\n");
    if (eligible > shown) {
      h.append("<p>Showing ")
          .append(shown)
          .append(" of ")
          .append(eligible)
          .append(" sources.</p>\n");
    }
    if (eligible == 0) {
      h.append("<p>No thumbnails.</p>\n");
    }
    h.append("</section>\n");
  }

  /**
   * A {@code #rrggbb} colour, or a neutral grey for anything else (the value lands in a style
   * attribute).
   */
  private static String safeColour(String c) {
    return c != null && c.matches("#[0-9a-fA-F]{6}") ? c : "#808080";
  }

  private static String sourceOf(ImageResult i) {
    return i.source() == null ? "(unknown source)" : i.source();
  }

  private static void failures(StringBuilder h, RunReport r, List<ImageResult> items) {
    h.append("<section id=\"failures\">\n<h2>Failures</h2>\n");
    if (r.failed() == 0) {
      h.append("<p>None.</p>\n</section>\n");
      return;
    }
    h.append("<p>");
    r.errors()
        .forEach(
            (type, g) ->
                h.append("<span class=\"tag\">")
                    .append(escape(type))
                    .append(": ")
                    .append(g.count())
                    .append("</span> "));
    h.append(
        "</p>\n<table class=\"failures\">\n<tr><th>source</th><th>type</th><th>message</th></tr>\n");
    int rows = 0;
    for (ImageResult i : items) {
      if (!i.isFailed()) continue;
      if (rows >= MAX_FAILURE_ROWS) break;
      rows++;
      String type = i.error() == null ? "Unknown" : i.error().type();
      String message = i.error() == null ? "" : i.error().message();
      h.append("<tr><td>")
          .append(escape(sourceOf(i)))
          .append("</td><td>")
          .append(escape(type))
          .append("</td><td>")
          .append(escape(message))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
    if (rows < r.failed()) {
      h.append("<p>Showing ")
          .append(rows)
          .append(" of ")
          .append(r.failed())
          .append(" failures; report.json lists them all.</p>\n");
    }
    h.append("</section>\n");
  }

  private static void ignored(StringBuilder h, RunReport r, List<ImageResult> items) {
    if (r.ignored() == 0) return;
    h.append("<section id=\"ignored\">\n<h2>Not processed</h2>\n<p>")
        .append(r.ignored())
        .append(
            " entries are not images to process:</p>\n<table class=\"failures\">\n<tr><th>entry</th><th>reason</th></tr>\n");
    int rows = 0;
    for (ImageResult i : items) {
      if (!i.isIgnored()) continue;
      if (rows >= MAX_FAILURE_ROWS) break;
      rows++;
      h.append("<tr><td>")
          .append(escape(sourceOf(i)))
          .append("</td><td>")
          .append(escape(i.reason()))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
    if (rows < r.ignored()) {
      h.append("<p>Showing ")
          .append(rows)
          .append(" of ")
          .append(r.ignored())
          .append("; report.json lists them all.</p>\n");
    }
    h.append("</section>\n");
  }

  /**
   * Escapes text for HTML element content and double- or single-quoted attributes. Null gives "".
   */
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
   * so spaces, {@code #}, {@code ?} and a {@code javascript:}-looking first segment stay a plain
   * path.
   */
  public static String href(String relativePath) {
    StringBuilder b = new StringBuilder();
    for (byte x : relativePath.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~'
          || c == '/') {
        b.append((char) c);
      } else {
        b.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return b.toString();
  }

  /**
   * {@code String.format(Locale.ROOT, "%.Nf", v)}, in a quarter of its time on a cold JVM (a report
   * of 345 images formats ~2,400 numbers: 80 -> 19 ms, measured with the local run's C1-only
   * flags): the same shortest decimal digits ({@link Double#toString}) rounded half up.
   */
  static String fmt(double v, int decimals) {
    if (!Double.isFinite(v)) {
      return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
    BigDecimal rounded = BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP);
    String plain = rounded.toPlainString();
    // BigDecimal has no negative zero; the formatter keeps the sign: -0.04 to "-0.0".
    boolean negativeZero = rounded.signum() == 0 && (v < 0 || 1 / v < 0);
    return negativeZero ? "-" + plain : plain;
  }

  /** Orders worker names so that worker-2 comes before worker-10. */
  private static final Comparator<String> NATURAL =
      (a, b) -> {
        String pa = a.replaceAll("\\d+$", "");
        String pb = b.replaceAll("\\d+$", "");
        int c = pa.compareTo(pb);
        if (c != 0) return c;
        String na = a.substring(pa.length());
        String nb = b.substring(pb.length());
        if (na.length() != nb.length()) return Integer.compare(na.length(), nb.length());
        return na.compareTo(nb);
      };

  /**
   * Draws each {@code canvas[data-blurhash]}: a compact port of Wolt's reference decoder
   * (https://github.com/woltapp/blurhash, TypeScript {@code decode}), so the page stays
   * self-contained.
   */
  private static final String BLURHASH_JS =
      """
      (function(){var C="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~";
      function d83(s){var v=0;for(var i=0;i<s.length;i++)v=v*83+C.indexOf(s[i]);return v;}
      function lin(v){v/=255;return v<=0.04045?v/12.92:Math.pow((v+0.055)/1.055,2.4);}
      function srgb(v){v=Math.max(0,Math.min(1,v));return v<=0.0031308?Math.round(v*12.92*255):Math.round((1.055*Math.pow(v,1/2.4)-0.055)*255);}
      function sp(b,e){return Math.sign(b)*Math.pow(Math.abs(b),e);}
      function decode(h,w,ht){var s=d83(h[0]),ny=Math.floor(s/9)+1,nx=s%9+1,mx=(d83(h[1])+1)/166,cs=[];
      for(var i=0;i<nx*ny;i++){if(i==0){var v=d83(h.substring(2,6));cs.push([lin(v>>16),lin((v>>8)&255),lin(v&255)]);}
      else{var q=d83(h.substring(4+i*2,6+i*2));cs.push([sp((Math.floor(q/361)-9)/9,2)*mx,sp((Math.floor(q/19)%19-9)/9,2)*mx,sp((q%19-9)/9,2)*mx]);}}
      var px=new Uint8ClampedArray(w*ht*4);for(var y=0;y<ht;y++)for(var x=0;x<w;x++){var r=0,g=0,b=0;
      for(var j=0;j<ny;j++)for(var k=0;k<nx;k++){var f=Math.cos(Math.PI*x*k/w)*Math.cos(Math.PI*y*j/ht),c=cs[k+j*nx];r+=c[0]*f;g+=c[1]*f;b+=c[2]*f;}
      var o=4*(x+y*w);px[o]=srgb(r);px[o+1]=srgb(g);px[o+2]=srgb(b);px[o+3]=255;}return px;}
      document.querySelectorAll("canvas[data-blurhash]").forEach(function(c){try{var p=decode(c.dataset.blurhash,c.width,c.height),
      ctx=c.getContext("2d"),im=ctx.createImageData(c.width,c.height);im.data.set(p);ctx.putImageData(im,0,0);}catch(e){}});})();
      """;

  private static final String CSS =
      """
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
      figure{margin:0;max-width:420px;text-align:center;font-size:.75em;word-break:break-all;border:1px solid #eee;padding:.3em}
      .outputs{display:flex;gap:.4em;align-items:flex-end;justify-content:center;flex-wrap:wrap}
      .output{display:flex;flex-direction:column;align-items:center}
      figure img{max-width:128px;max-height:128px;background:repeating-conic-gradient(#eee 0 25%,#fff 0 50%) 0 0/12px 12px}
      .placeholder canvas{width:48px;height:48px}.swatch{display:inline-block;width:48px;height:10px}
      .tag{display:inline-block;background:#fdecea;color:#8a1c1c;border-radius:3px;padding:0 .4em;margin-right:.3em}
      """;
}
