package io.thumbflow.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  private static final String EVIL = "<img src=x onerror=alert(1)>\"'&.jpg";

  private static int count(String text, String regex) {
    return (int) Pattern.compile(regex).matcher(text).results().count();
  }

  private static RunReport sample() {
    return RunReport.of(
        List.of(
            RunReportTest.ok("a.jpg", 5, "worker-1", 1000, 1020),
            RunReportTest.ok(EVIL, 5, "worker-2", 1005, 1030),
            RunReportTest.ok("sub/c d.png", 5, "worker-10", 1020, 1040),
            RunReportTest.failed("<script>bad</script>.jpg", "Corrupt")),
        40,
        Map.of("mode", "local"));
  }

  @Test
  void formatsNumbersExactlyAsStringFormatDoes() {
    double[] edges = {
      0,
      -0.0,
      0.125,
      1.005,
      2.5,
      -0.04,
      -2.5,
      99.9999,
      1e-9,
      123456789.987654,
      1e21,
      -1e-5,
      Double.NaN,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY
    };
    java.util.Random random = new java.util.Random(41);
    for (int i = 0; i < 20_000; i++) {
      double v =
          i < edges.length
              ? edges[i]
              : (random.nextDouble() - 0.3) * Math.pow(10, random.nextInt(10) - 4);
      for (int decimals = 0; decimals <= 6; decimals++) {
        assertThat(HtmlReport.fmt(v, decimals))
            .as("%s to %d decimals", v, decimals)
            .isEqualTo(String.format(java.util.Locale.ROOT, "%." + decimals + "f", v));
      }
    }
  }

  @Test
  void escapesFileNamesEverywhere() {
    String html = HtmlReport.render(sample(), o -> HtmlReport.href(o));

    assertThat(html).doesNotContain("<script>bad").doesNotContain("<img src=x");
    assertThat(html).contains("&lt;script&gt;bad&lt;/script&gt;.jpg");
    assertThat(html).contains("&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;.jpg");
  }

  @Test
  void galleryHasOneImagePerOkItemLinkingToItsThumbnail() {
    String html = HtmlReport.render(sample(), o -> HtmlReport.href(o));
    String gallery =
        html.substring(
            html.indexOf("<section id=\"gallery\">"), html.indexOf("<section id=\"failures\">"));

    assertThat(count(gallery, "<img ")).isEqualTo(3);
    assertThat(gallery).contains("src=\"out/a.jpg\"").contains("src=\"out/sub/c%20d.png\"");
  }

  @Test
  void timelineHasOneRowPerWorkerInNaturalOrderAndHoverTitles() {
    String html = HtmlReport.render(sample(), o -> HtmlReport.href(o));
    String timeline =
        html.substring(
            html.indexOf("<section id=\"timeline\">"), html.indexOf("<section id=\"gallery\">"));

    // w-1 from the failed item, worker-1, worker-2, worker-10
    assertThat(count(timeline, "class=\"row\"")).isEqualTo(4);
    assertThat(timeline.indexOf(">worker-2<")).isLessThan(timeline.indexOf(">worker-10<"));
    assertThat(timeline).contains("title=\"a.jpg \u2014 20 ms\"");
    assertThat(timeline).contains("class=\"bar failed\"");
  }

  @Test
  void failuresTableListsTypeAndMessage() {
    String html = HtmlReport.render(sample(), o -> HtmlReport.href(o));
    String failures = html.substring(html.indexOf("<section id=\"failures\">"));
    assertThat(count(failures, "<tr><td>")).isEqualTo(1);
    assertThat(failures)
        .contains("<td>Corrupt</td>")
        .contains("&lt;script&gt;bad&lt;/script&gt;.jpg: broken");
  }

  @Test
  void pageIsSelfContained() {
    String html = HtmlReport.render(sample(), o -> HtmlReport.href(o));
    assertThat(html)
        .doesNotContainPattern("(?i)(src|href)=\"(https?:)?//")
        .doesNotContain("<link")
        .doesNotContainPattern("(?i)<script[^>]*src");
  }

  @Test
  void hrefPercentEncodesSegmentsAndNeutralisesSchemes() {
    assertThat(HtmlReport.href("a b/c#d?.jpg")).isEqualTo("a%20b/c%23d%3F.jpg");
    assertThat(HtmlReport.href("javascript:alert(1).jpg"))
        .isEqualTo("javascript%3Aalert%281%29.jpg");
    assertThat(HtmlReport.href("../thumbs/é.jpg")).isEqualTo("../thumbs/%C3%A9.jpg");
  }

  @Test
  void itemsWithoutALinkStayOutOfTheGallery() {
    String html = HtmlReport.render(sample(), o -> o.equals("out/a.jpg") ? "a.jpg" : null);
    String gallery =
        html.substring(
            html.indexOf("<section id=\"gallery\">"), html.indexOf("<section id=\"failures\">"));
    assertThat(count(gallery, "<img ")).isEqualTo(1);
  }
}
