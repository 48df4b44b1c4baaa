package io.thumbflow.orchestrator.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.Recipe;
import io.thumbflow.core.Rendition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OutputNamePlanTest {
  private static final Rendition FOLLOWS_SOURCE = Recipe.DEFAULT.primary();

  /** Names chosen to want each other's outputs in every way the naming rule allows. */
  private static final List<String> TRICKY =
      List.of(
          "a",
          "a.jpg",
          "a.png",
          "a.gif",
          "a.webp",
          "a.jpeg",
          "a.jpg.jpg",
          "a.jpg.png",
          "a.png.jpg",
          "a.gif.png",
          "a.gif.jpg",
          "a.2",
          "a.2.jpg",
          "a.2.png",
          "a.gif.2.png",
          "a.3.jpg",
          "a.",
          ".a",
          "a.JPG",
          "a.tar.gz",
          "a.jpg.2.jpg",
          "b/a.jpg",
          "b/a",
          "b/a.gif");

  @Test
  void aSourceWhoseExtensionNamesTheOutputFormatKeepsItsName() {
    OutputNamePlan plan = OutputNamePlan.of(List.of("a.jpg", "a.png", "a"), Recipe.DEFAULT);
    assertThat(plan.name(FOLLOWS_SOURCE, "a.jpg", ImageFormat.JPEG)).isEqualTo("a.jpg");
    assertThat(plan.name(FOLLOWS_SOURCE, "a.png", ImageFormat.PNG)).isEqualTo("a.png");
    assertThat(plan.renamed(FOLLOWS_SOURCE, "a.jpg", ImageFormat.JPEG)).isFalse();
  }

  @Test
  void aChangedNameNobodyElseWantsIsUsedAsIs() {
    OutputNamePlan plan = OutputNamePlan.of(List.of("scan.tif", "photo.jpg"), Recipe.DEFAULT);
    assertThat(plan.name(FOLLOWS_SOURCE, "scan.tif", ImageFormat.JPEG)).isEqualTo("scan.jpg");
    assertThat(plan.renamed(FOLLOWS_SOURCE, "scan.tif", ImageFormat.JPEG)).isFalse();
  }

  @Test
  void anExtensionlessSourceBesideItsJpegNamesakeGetsACounter() {
    OutputNamePlan plan = OutputNamePlan.of(List.of("a", "a.jpg"), Recipe.DEFAULT);
    assertThat(plan.name(FOLLOWS_SOURCE, "a", ImageFormat.JPEG)).isEqualTo("a.2.jpg");
    assertThat(plan.renamed(FOLLOWS_SOURCE, "a", ImageFormat.JPEG)).isTrue();
  }

  @Test
  void twoSourcesBecomingTheSameFormatKeepTheirWholeNames() {
    OutputNamePlan plan = OutputNamePlan.of(List.of("a.gif", "a.webp"), Recipe.DEFAULT);
    assertThat(plan.name(FOLLOWS_SOURCE, "a.gif", ImageFormat.PNG)).isEqualTo("a.gif.png");
    assertThat(plan.name(FOLLOWS_SOURCE, "a.webp", ImageFormat.PNG)).isEqualTo("a.webp.png");
  }

  @Test
  void aFixedFormatOnlyContestsTheNamesOfThatFormat() {
    Recipe webp = Recipe.named(List.of(Rendition.parse("w:64x64:webp", 0)));
    OutputNamePlan plan = OutputNamePlan.of(List.of("a.gif", "a.png"), webp);
    Rendition w = webp.primary();
    assertThat(plan.name(w, "a.gif", ImageFormat.WEBP)).isEqualTo("w/a.gif.webp");
    assertThat(plan.name(w, "a.png", ImageFormat.WEBP)).isEqualTo("w/a.png.webp");
    OutputNamePlan alone = OutputNamePlan.of(List.of("a.gif", "b.png"), webp);
    assertThat(alone.name(w, "a.gif", ImageFormat.WEBP)).isEqualTo("w/a.webp");
  }

  @Test
  void everySourceGetsItsOwnOutputWhateverTheNamesAndFormats() {
    long seed = 20240614L;
    Random random = new Random(seed);
    for (int round = 0; round < 2000; round++) {
      List<String> sources = new ArrayList<>();
      for (String name : TRICKY) if (random.nextInt(3) > 0) sources.add(name);
      OutputNamePlan plan = OutputNamePlan.of(sources, Recipe.DEFAULT);
      Map<String, String> owners = new HashMap<>();
      for (String source : sources) {
        ImageFormat format = random.nextBoolean() ? ImageFormat.JPEG : ImageFormat.PNG;
        String name = plan.name(FOLLOWS_SOURCE, source, format);
        assertThat(owners.put(name, source))
            .as(
                "seed %d round %d: %s and another source both get %s in %s",
                seed, round, source, name, sources)
            .isNull();
        assertThat(!sources.contains(name) || name.equals(source))
            .as("seed %d round %d: %s would replace source %s", seed, round, source, name)
            .isTrue();
      }
    }
  }
}
