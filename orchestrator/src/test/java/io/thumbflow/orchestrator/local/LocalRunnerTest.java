package io.thumbflow.orchestrator.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.thumbflow.core.ImageError;
import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.ImageRejectedException;
import io.thumbflow.core.ImageResult;
import io.thumbflow.core.Recipe;
import io.thumbflow.core.Rendered;
import io.thumbflow.core.Rendition;
import io.thumbflow.core.RenditionResult;
import io.thumbflow.core.RenditionTimings;
import io.thumbflow.core.StageTimings;
import io.thumbflow.core.Thumbnail;
import io.thumbflow.orchestrator.statemachine.MapSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRunnerTest {
  private static final MapSettings.Retry TWO_QUICK_RETRIES =
      new MapSettings.Retry(List.of("States.ALL"), 0, 2, 1.0, 0, "NONE");
  private static final MapSettings.Retry NO_RETRY =
      new MapSettings.Retry(List.of(), 0, 0, 1.0, 0, "NONE");

  @TempDir Path dir;

  /** Copies the source bytes as the "thumbnail"; fails as the test asks by file name. */
  private static ImageJob copyJob(Map<String, AtomicInteger> calls) {
    return (source, sink) -> {
      calls.computeIfAbsent(source.name(), n -> new AtomicInteger()).incrementAndGet();
      if (source.name().startsWith("boom")) throw new IllegalStateException("bug\nsecond line");
      if (source.name().startsWith("flaky") && calls.get(source.name()).get() < 3)
        throw new IOException("disk hiccup");
      if (source.name().startsWith("dead")) throw new IOException("disk gone");
      byte[] data;
      try {
        data = source.read(1000);
      } catch (ImageRejectedException e) {
        return ImageResult.failed(
            source.name(), ImageError.of(e), StageTimings.ZERO, "ignored", 0, 0);
      }
      Rendition thumb = Recipe.DEFAULT.primary();
      Thumbnail t = new Thumbnail(thumb, data, ImageFormat.PNG, 1, 1, RenditionTimings.ZERO);
      String out =
          sink.write(source.name(), t, new Rendered(ImageFormat.PNG, 1, 1, List.of(t), null, 0, 0));
      return new ImageResult(
          source.name(),
          ImageResult.OK,
          "PNG",
          1,
          1,
          List.of(
              new RenditionResult(
                  thumb.name(), out, 1, 1, "PNG", data.length, RenditionTimings.ZERO)),
          null,
          StageTimings.ZERO,
          null,
          "ignored",
          0,
          0,
          0,
          null,
          null,
          null);
    };
  }

  private List<WorkItem> items(String... names) throws IOException {
    InputFolder base = new InputFolder(Files.createDirectories(dir.resolve("in")));
    List<WorkItem> items = new ArrayList<>();
    for (String n : names) {
      if (!n.startsWith("missing")) Files.write(dir.resolve("in").resolve(n), n.getBytes());
      items.add(base.resolve(n));
    }
    return items;
  }

  @Test
  void oneBrokenItemNeverStopsTheOthersAndResultsKeepInputOrder() throws Exception {
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    List<WorkItem> work =
        new ArrayList<>(items("a.png", "boom.png", "b.png", "missing.png", "c.png"));
    work.add(
        WorkItem.refused(
            "../x.png", new ImageError("ReadFailed", "../x.png: " + InputFolder.ESCAPES)));
    LocalRunner runner = new LocalRunner(() -> copyJob(calls), Recipe.DEFAULT, 3, NO_RETRY);

    LocalRunner.Outcome outcome =
        runner.run(work, new OutputFolder(dir.resolve("out")), Progress.NONE);

    assertThat(outcome.items())
        .extracting(ImageResult::source)
        .containsExactly("a.png", "boom.png", "b.png", "missing.png", "c.png", "../x.png");
    assertThat(outcome.items())
        .extracting(ImageResult::status)
        .containsExactly("ok", "failed", "ok", "failed", "ok", "failed");
    assertThat(outcome.items().get(1).error().type()).isEqualTo(LocalRunner.INTERNAL_ERROR);
    assertThat(outcome.items().get(1).error().message())
        .isEqualTo("boom.png: unexpected IllegalStateException: bug");
    assertThat(outcome.items().get(3).error())
        .isEqualTo(new ImageError("ReadFailed", "missing.png: no such file"));
    assertThat(calls).doesNotContainKey("../x.png");
    assertThat(dir.resolve("out/c.png")).hasContent("c.png");
  }

  @Test
  void workersAreNamedAndTimesAreFilledIn() throws Exception {
    LocalRunner runner =
        new LocalRunner(() -> copyJob(new ConcurrentHashMap<>()), Recipe.DEFAULT, 2, NO_RETRY);
    LocalRunner.Outcome outcome =
        runner.run(
            items("a.png", "b.png", "c.png"), new OutputFolder(dir.resolve("out")), Progress.NONE);
    assertThat(outcome.items())
        .allSatisfy(
            r -> {
              assertThat(r.worker()).matches("worker-[12]");
              assertThat(r.startMs()).isPositive();
              assertThat(r.endMs()).isGreaterThanOrEqualTo(r.startMs());
            });
  }

  @Test
  void infrastructureFaultsAreRetriedByTheMapPolicyThenTyped() throws Exception {
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    LocalRunner runner =
        new LocalRunner(() -> copyJob(calls), Recipe.DEFAULT, 2, TWO_QUICK_RETRIES);

    LocalRunner.Outcome outcome =
        runner.run(
            items("flaky.png", "dead.png"), new OutputFolder(dir.resolve("out")), Progress.NONE);

    assertThat(outcome.items().get(0).status()).isEqualTo("ok");
    assertThat(calls.get("flaky.png")).hasValue(3);
    assertThat(calls.get("dead.png")).hasValue(3); // first attempt + MaxAttempts retries
    assertThat(outcome.items().get(1).error().type()).isEqualTo("ReadFailed");
    assertThat(outcome.items().get(1).error().message())
        .isEqualTo("dead.png: IOException: disk gone (after 3 attempts)");
  }

  @Test
  void refusedWritesAreNotRetriedAndFailAsWriteFailed() throws Exception {
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    LocalRunner runner =
        new LocalRunner(() -> copyJob(calls), Recipe.DEFAULT, 1, TWO_QUICK_RETRIES);
    Path in = dir.resolve("in");
    // --out equal to the source folder: the thumbnail would overwrite its own source
    LocalRunner.Outcome outcome = runner.run(items("a.png"), new OutputFolder(in), Progress.NONE);

    assertThat(outcome.items().get(0).error().type()).isEqualTo("WriteFailed");
    assertThat(outcome.items().get(0).error().message()).contains("a.png").contains("own source");
    assertThat(calls.get("a.png")).hasValue(1);
    assertThat(in.resolve("a.png")).hasContent("a.png");
  }

  @Test
  void workersDefaultToTheCoresAndAreCappedByMaxConcurrency() {
    int cores = Runtime.getRuntime().availableProcessors();
    assertThat(LocalRunner.effectiveWorkers(0, 0)).isEqualTo(cores);
    assertThat(LocalRunner.effectiveWorkers(64, 40)).isEqualTo(40);
    assertThat(LocalRunner.effectiveWorkers(3, 40)).isEqualTo(3);
    assertThat(LocalRunner.effectiveWorkers(0, 1)).isEqualTo(1);
  }
}
