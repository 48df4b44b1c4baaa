package io.thumbflow.orchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormatBreakdownTest {
  private static final BenchCorpus.Batch BASELINE =
      new BenchCorpus.Batch("baseline JPEG x5", PhotoKind.BASELINE_JPEG, Path.of("b"), 175);
  private static final BenchCorpus.Batch PNG =
      new BenchCorpus.Batch("PNG x5", PhotoKind.PNG, Path.of("p"), 65);

  private static Sample sample(String who, BenchCorpus.Batch batch, int round, double wall) {
    return new Sample(
        who, "50x50", batch.name(), round, batch.images(), wall, wall * 1.8, 100 * 1024, 0);
  }

  private static final List<Sample> SAMPLES =
      List.of(
          sample("thumbflow", BASELINE, 1, 3.5),
          sample("thumbflow", BASELINE, 2, 3.4),
          sample("thumbflow", BASELINE, 3, 9.0),
          sample("vips_batch", BASELINE, 1, 7.0),
          sample("vips_batch", BASELINE, 2, 7.0),
          sample("vips_batch", BASELINE, 3, 7.0),
          sample("thumbflow", PNG, 1, 2.6),
          sample("vips_batch", PNG, 1, 1.3),
          sample("seed", BASELINE, 1, 35.0),
          sample("seed", PNG, 1, 13.0));

  @Test
  void comparesTheMedianRatesOfEachKind() {
    List<FormatBreakdown.Standing> standings =
        FormatBreakdown.standings(SAMPLES, "50x50", List.of(BASELINE, PNG), "thumbflow");

    assertThat(standings)
        .extracting(FormatBreakdown.Standing::peer, FormatBreakdown.Standing::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("vips_batch", PhotoKind.BASELINE_JPEG),
            org.assertj.core.groups.Tuple.tuple("seed", PhotoKind.BASELINE_JPEG),
            org.assertj.core.groups.Tuple.tuple("vips_batch", PhotoKind.PNG),
            org.assertj.core.groups.Tuple.tuple("seed", PhotoKind.PNG));
    assertThat(standings.get(0).ratio()).isEqualTo(2.0); // median 3.5 s against 7.0 s
    assertThat(standings.get(2).ratio()).isEqualTo(0.5);
    assertThat(standings.get(2).leads()).isFalse();
  }

  @Test
  void saysWhereTheReferenceLeadsAndTrailsEachPeer() {
    String text = FormatBreakdown.render(SAMPLES, "50x50", List.of(BASELINE, PNG), "thumbflow");

    assertThat(text)
        .contains("size 50x50 by format")
        .containsPattern("baseline JPEG\\s+175\\s+thumbflow\\s+50\\.0\\s+36\\s+100\\s+-")
        .containsPattern("vips_batch\\s+25\\.0\\s+72\\s+100\\s+2\\.00x")
        .contains("thumbflow vs vips_batch: leads on baseline JPEG (2.00x); trails on PNG (0.50x)")
        .contains("thumbflow vs seed: leads on baseline JPEG (10.00x), PNG (5.00x)");
  }

  @Test
  void isEmptyWithoutPerKindBatches() {
    assertThat(FormatBreakdown.render(SAMPLES, "50x50", List.of(), "thumbflow")).isEmpty();
  }
}
