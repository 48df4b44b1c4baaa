package io.thumbflow.orchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchTableTest {
  private static Sample sample(
      String who, String size, int round, double wall, double cpu, long rssKb, int exit) {
    return new Sample(who, size, "69 photos", round, 69, wall, cpu, rssKb, exit);
  }

  @Test
  void takesTheMedianRateAndThePeakRssOverRounds() {
    List<Sample> samples =
        List.of(
            sample("thumbflow", "50x50", 1, 2.0, 3.0, 100 * 1024, 0),
            sample("thumbflow", "50x50", 2, 1.0, 2.0, 150 * 1024, 0),
            sample("thumbflow", "50x50", 3, 3.0, 4.0, 120 * 1024, 0));

    BenchTable.Row row = BenchTable.rows(samples, "50x50", "69 photos").get(0);

    assertThat(row.imagesPerSecond()).isEqualTo(69 / 2.0);
    assertThat(row.cpuMsPerImage()).hasValue(3000.0 / 69);
    assertThat(row.peakRssKb()).hasValue(150 * 1024);
  }

  @Test
  void printsHowManyTimesFasterTheReferenceIsThanEachPeer() {
    List<Sample> samples =
        List.of(
            sample("thumbflow", "50x50", 1, 1.5, 2.0, 200 * 1024, 0),
            sample("seed", "50x50", 1, 8.1, 15.0, 60 * 1024, 0),
            sample("thumbflow", "256x256", 1, 3.0, 2.0, 200 * 1024, 0));

    String table =
        BenchTable.render(
            samples, "50x50", "69 photos", "thumbflow", Map.of("im", "needs imagemagick"));

    assertThat(table).contains("size 50x50, 69 photos:");
    assertThat(table).containsPattern("thumbflow\\s+46\\.0\\s+29\\s+200\\s+-");
    assertThat(table).containsPattern("seed\\s+8\\.5\\s+217\\s+60\\s+5\\.40x");
    assertThat(table).contains("im", "skipped: needs imagemagick");
    assertThat(table).doesNotContain("256x256");
  }

  @Test
  void keepsBatchesApart() {
    List<Sample> samples =
        List.of(
            sample("thumbflow", "50x50", 1, 2.0, 3.0, 100 * 1024, 0),
            new Sample(
                "thumbflow", "50x50", "345 photos (corpus x5)", 1, 345, 5.0, 9.0, 130 * 1024, 0));

    assertThat(BenchTable.rows(samples, "50x50", "69 photos").get(0).imagesPerSecond())
        .isEqualTo(34.5);
    assertThat(BenchTable.rows(samples, "50x50", "345 photos (corpus x5)").get(0).imagesPerSecond())
        .isEqualTo(69.0);
    assertThat(BenchTable.render(samples, "50x50", "345 photos (corpus x5)", "thumbflow", Map.of()))
        .contains("size 50x50, 345 photos (corpus x5):")
        .containsPattern("thumbflow\\s+69\\.0\\s+26\\s+130");
  }

  @Test
  void ignoresFailedRoundsWhenSomeSucceededAndSaysSo() {
    List<Sample> samples =
        List.of(
            sample("thumbflow", "50x50", 1, 0.5, 0.1, 50 * 1024, 1),
            sample("thumbflow", "50x50", 2, 3.0, 2.0, 200 * 1024, 0));

    assertThat(BenchTable.rows(samples, "50x50", "69 photos").get(0).imagesPerSecond())
        .isEqualTo(23.0);
    assertThat(BenchTable.render(samples, "50x50", "69 photos", "thumbflow", Map.of()))
        .contains("(1/2 rounds failed)");
  }

  @Test
  void showsNotAvailableWhenCpuAndRssWereNotMeasured() {
    List<Sample> samples = List.of(sample("thumbflow", "50x50", 1, 1.0, Double.NaN, -1, 0));

    assertThat(BenchTable.render(samples, "50x50", "69 photos", "thumbflow", Map.of()))
        .containsPattern("69\\.0\\s+n/a\\s+n/a");
  }

  @Test
  void formatsRatiosWithTwoDecimalsAndGuardsAgainstZero() {
    assertThat(BenchTable.ratio(48.9, 8.3)).isEqualTo("5.89x");
    assertThat(BenchTable.ratio(1.0, 0.0)).isEqualTo("n/a");
  }

  @Test
  void mediansOfEvenCountsAverageTheMiddlePair() {
    assertThat(BenchTable.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    assertThat(BenchTable.median(new double[] {})).isNaN();
  }
}
