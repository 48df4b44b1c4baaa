package io.thumbflow.orchestrator.local;

import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.ImageResult;
import io.thumbflow.core.Recipe;
import io.thumbflow.core.Rendition;
import io.thumbflow.core.RenditionResult;
import io.thumbflow.core.RenditionTimings;
import io.thumbflow.core.StageTimings;
import java.io.IOException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a source can be skipped because an earlier run's outputs are still good: the
 * journal's latest entry for the source file says it was done, the source still has the size and
 * modification time it had when it was read, and every rendition of the recipe has an output made
 * with the same {@link Rendition#hash()}, at the name this run gives it, still exactly as it was
 * written (size and modification time). An output is recorded only after it was renamed into place
 * whole, so a file that could be partial is never trusted. Anything else, including one rendition
 * out of date, redoes the whole source (one decode).
 */
public final class UpToDate {
  /** Never skips: {@code --force}, or no earlier run. */
  public static final UpToDate NEVER = new UpToDate(Map.of(), null);

  private final Map<String, JournalEntry> previous;
  private final Recipe recipe;

  /**
   * @param previous the latest journal entry per source file ({@link RunState#previous()})
   * @param recipe this run's recipe
   */
  public UpToDate(Map<String, JournalEntry> previous, Recipe recipe) {
    this.previous = Map.copyOf(previous);
    this.recipe = recipe;
  }

  /** The key of a source across runs: its absolute, normalised path (not following links). */
  public static String keyOf(Path file) {
    return file.toAbsolutePath().normalize().toString();
  }

  /**
   * A source found up to date.
   *
   * @param result its {@code skipped} result, listing every rendition's output
   * @param provenance the provenance those outputs still have, for this run's journal
   */
  public record Skipped(ImageResult result, Provenance provenance) {}

  /**
   * The skipped result for {@code item} when its outputs are up to date, claiming them in {@code
   * out} for this run; empty when it must be processed.
   *
   * @param worker recorded as the result's worker
   */
  public Optional<Skipped> check(WorkItem item, OutputFolder out, String worker) {
    if (item.isRefused() || previous.isEmpty()) return Optional.empty();
    long start = System.currentTimeMillis();
    long t0 = System.nanoTime();
    JournalEntry before = previous.get(keyOf(item.file()));
    if (before == null || before.provenance().source() == null) return Optional.empty();
    ImageResult was = before.result();
    if (!(was.isOk() || was.isSkipped()) || (recipe.placeholder() && was.placeholder() == null)) {
      return Optional.empty();
    }
    if (!FileStamp.of(item.file()).equals(Optional.of(before.provenance().source())))
      return Optional.empty();
    List<RenditionResult> renditions = new ArrayList<>(recipe.renditions().size());
    List<Provenance.Output> outputs = new ArrayList<>(recipe.renditions().size());
    for (Rendition r : recipe.renditions()) {
      Optional<RenditionResult> kept = kept(r, before, item, out);
      if (kept.isEmpty()) return Optional.empty();
      renditions.add(kept.get());
      outputs.add(before.provenance().output(r.name()).orElseThrow());
    }
    double readMs = (System.nanoTime() - t0) / 1e6;
    ImageResult result =
        new ImageResult(
            item.source(),
            ImageResult.SKIPPED,
            was.sourceFormat(),
            was.sourceWidth(),
            was.sourceHeight(),
            renditions,
            recipe.placeholder() ? was.placeholder() : null,
            StageTimings.ZERO.withRead(Math.round(readMs * 1000) / 1000.0),
            null,
            worker,
            start,
            System.currentTimeMillis(),
            0,
            null,
            null,
            null);
    return Optional.of(
        new Skipped(
            result, new Provenance(keyOf(item.file()), before.provenance().source(), outputs)));
  }

  /**
   * Rendition {@code r}'s output from {@code before}, when it is still good and where this run
   * would put it.
   */
  private static Optional<RenditionResult> kept(
      Rendition r, JournalEntry before, WorkItem item, OutputFolder out) {
    Optional<Provenance.Output> recorded = before.provenance().output(r.name());
    Optional<RenditionResult> reported =
        before.result().renditions().stream().filter(x -> x.name().equals(r.name())).findFirst();
    if (recorded.isEmpty() || reported.isEmpty() || !recorded.get().hash().equals(r.hash()))
      return Optional.empty();
    Optional<ImageFormat> format = ImageFormat.parse(reported.get().format());
    if (format.isEmpty()) return Optional.empty();
    Path target;
    try {
      target = out.claim(r, item.relativeName(), format.get(), item.file());
    } catch (IOException e) {
      return Optional.empty(); // the write will fail it with the reason
    }
    if (!out.relative(target).equals(recorded.get().path())
        || !FileStamp.of(target, LinkOption.NOFOLLOW_LINKS)
            .equals(Optional.of(recorded.get().stamp()))) {
      return Optional.empty();
    }
    RenditionResult was = reported.get();
    return Optional.of(
        new RenditionResult(
            r.name(),
            out.display(target),
            was.width(),
            was.height(),
            was.format(),
            recorded.get().stamp().size(),
            RenditionTimings.ZERO));
  }
}
