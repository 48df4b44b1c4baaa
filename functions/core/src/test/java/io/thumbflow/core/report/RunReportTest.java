package io.thumbflow.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.thumbflow.core.ImageError;
import io.thumbflow.core.ImageResult;
import io.thumbflow.core.RenditionResult;
import io.thumbflow.core.RenditionTimings;
import io.thumbflow.core.StageTimings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunReportTest {

  static ImageResult ok(String source, double decodeMs, String worker, long start, long end) {
    return new ImageResult(
        source,
        ImageResult.OK,
        "JPEG",
        500,
        400,
        List.of(
            new RenditionResult(
                "thumb", "out/" + source, 50, 40, "JPEG", 1000, new RenditionTimings(2, 3, 4, 5))),
        null,
        new StageTimings(1, decodeMs, 2, 3, 4, 5),
        null,
        worker,
        start,
        end,
        0,
        null,
        null,
        null);
  }

  static ImageResult failed(String source, String type) {
    return ImageResult.failed(
        source,
        new ImageError(type, source + ": broken"),
        new StageTimings(1, 0, 0, 0, 0, 0),
        "w-1",
        1000,
        1001);
  }

  @Test
  void percentilesUseNearestRankOverOneToOneHundred() {
    double[] values = new double[100];
    for (int i = 0; i < 100; i++) values[99 - i] = i + 1; // descending: order must not matter
    StageStats s = StageStats.of(values);
    assertThat(s.p50()).isEqualTo(50);
    assertThat(s.p95()).isEqualTo(95);
    assertThat(s.max()).isEqualTo(100);
  }

  @Test
  void percentilesOfASingleValueAreThatValue() {
    assertThat(StageStats.of(new double[] {7.5})).isEqualTo(new StageStats(7.5, 7.5, 7.5));
    assertThat(StageStats.of(new double[0])).isEqualTo(StageStats.EMPTY);
  }

  @Test
  void countsStatusesAndSumsItemTotals() {
    List<ImageResult> items =
        List.of(
            ok("a.jpg", 10, "w-1", 1000, 1025),
            ok("b.jpg", 20, "w-2", 1000, 1035),
            failed("c.jpg", "Corrupt"),
            new ImageResult(
                "d.jpg",
                ImageResult.SKIPPED,
                "JPEG",
                0,
                0,
                List.of(
                    new RenditionResult(
                        "thumb", "out/d.jpg", 50, 50, "JPEG", 0, RenditionTimings.ZERO)),
                null,
                StageTimings.ZERO,
                null,
                "w-1",
                1030,
                1030,
                0,
                null,
                null,
                null));
    RunReport r = RunReport.of(items, 50, Map.of("mode", "local"));

    assertThat(r.images()).isEqualTo(4);
    assertThat(r.succeeded()).isEqualTo(2);
    assertThat(r.failed()).isEqualTo(1);
    assertThat(r.skipped()).isEqualTo(1);
    // a: 1+10+2+3+4+5 = 25, b: 35, c: 1, d: 0
    assertThat(r.sumMs()).isEqualTo(61.0);
    assertThat(r.speedup()).isCloseTo(61.0 / 50, within(1e-3));
    assertThat(r.imagesPerSecond()).isCloseTo(80.0, within(1e-3));
    assertThat(r.run()).containsEntry("mode", "local");
    assertThat(r.allSucceeded()).isFalse();
  }

  @Test
  void stagePercentilesIgnoreFailedItems() {
    RunReport r =
        RunReport.of(
            List.of(
                ok("a.jpg", 10, "w", 1, 2), ok("b.jpg", 30, "w", 2, 3), failed("c.jpg", "Corrupt")),
            10,
            Map.of());
    assertThat(r.stages()).containsOnlyKeys(StageTimings.STAGES);
    assertThat(r.stages().get("decode")).isEqualTo(new StageStats(10, 30, 30));
    assertThat(r.stages().get("read")).isEqualTo(new StageStats(1, 1, 1));
  }

  @Test
  void groupsErrorsByTypeAndCapsTheSourceList() {
    List<ImageResult> items = new ArrayList<>();
    for (int i = 0; i < 25; i++) items.add(failed("t" + i + ".jpg", "Truncated"));
    items.add(failed("x.heic", "UnsupportedFormat"));
    items.add(ok("fine.jpg", 1, "w", 1, 2));
    RunReport r = RunReport.of(items, 100, Map.of());

    assertThat(r.errors()).containsOnlyKeys("Truncated", "UnsupportedFormat");
    assertThat(r.errors().get("Truncated").count()).isEqualTo(25);
    assertThat(r.errors().get("Truncated").sources())
        .hasSize(ErrorGroup.MAX_SOURCES)
        .startsWith("t0.jpg", "t1.jpg");
    assertThat(r.errors().get("UnsupportedFormat")).isEqualTo(new ErrorGroup(1, List.of("x.heic")));
  }

  @Test
  void anEmptyRunHasZeroRatesRatherThanDividingByZero() {
    RunReport r = RunReport.of(List.of(), 0, null);
    assertThat(r.images()).isZero();
    assertThat(r.speedup()).isZero();
    assertThat(r.imagesPerSecond()).isZero();
    assertThat(r.allSucceeded()).isTrue();
  }
}
