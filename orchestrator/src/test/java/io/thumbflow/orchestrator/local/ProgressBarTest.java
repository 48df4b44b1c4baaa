package io.thumbflow.orchestrator.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.thumbflow.core.ImageError;
import io.thumbflow.core.ImageResult;
import io.thumbflow.core.StageTimings;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  @Test
  void barShowsDoneOfTotalRateAndFailures() {
    StringWriter text = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(text), true);
    bar.started(4);
    bar.finished(
        ImageResult.failed("x", new ImageError("Corrupt", "x: bad"), StageTimings.ZERO, "w", 1, 2));
    bar.finished(
        ImageResult.failed("y", new ImageError("Corrupt", "y: bad"), StageTimings.ZERO, "w", 1, 2));

    String line = bar.line(2, System.nanoTime());
    assertThat(line)
        .startsWith("[" + "=".repeat(15) + ">" + " ".repeat(14) + "] 2/4 ")
        .contains(" img/s")
        .endsWith("  2 failed");
  }

  @Test
  void plainOutputStaysQuietForAShortRun() {
    StringWriter text = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(text), false);
    bar.started(2);
    bar.finished(
        ImageResult.failed("x", new ImageError("Corrupt", "x: bad"), StageTimings.ZERO, "w", 1, 2));
    bar.finished(
        ImageResult.failed("x", new ImageError("Corrupt", "x: bad"), StageTimings.ZERO, "w", 1, 2));
    bar.done();
    assertThat(text.toString()).isEmpty();
  }
}
