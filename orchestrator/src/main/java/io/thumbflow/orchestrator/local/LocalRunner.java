package io.thumbflow.orchestrator.local;

import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageError;
import io.thumbflow.core.ImageResult;
import io.thumbflow.core.Limits;
import io.thumbflow.core.Recipe;
import io.thumbflow.core.StageTimings;
import io.thumbflow.core.ThumbnailPipeline;
import io.thumbflow.orchestrator.statemachine.MapSettings;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs work items on a bounded pool of workers, as the state machine's Map state does in the cloud:
 * one failed image never stops the others, an infrastructure fault ({@link IOException}) is retried
 * with the Map's Retry policy, and anything unexpected in one item becomes that item's failure.
 *
 * <p>With a journal, each result is appended to it as soon as the item is done (after its outputs
 * are in place), with the {@link Provenance} a later run needs to skip it; with an {@link UpToDate}
 * check, an item whose outputs are still good is reported {@code skipped} without being read.
 */
public final class LocalRunner {
  /**
   * Error type for a fault inside thumbflow itself (a bug), kept apart from the image's fault
   * types.
   */
  public static final String INTERNAL_ERROR = "InternalError";

  private final Supplier<ImageJob> jobs;
  private final Recipe recipe;
  private final int workers;
  private final MapSettings.Retry retry;
  private final UpToDate upToDate;
  private final Journal journal;
  private final String runId;

  /**
   * @param jobs makes one job per worker thread (jobs need not be thread-safe)
   * @param recipe what the jobs make: where each output goes below the output folder
   * @param workers pool size, >= 1
   * @param retry the Map state's retry policy; every local {@link IOException} counts as retryable
   */
  public LocalRunner(Supplier<ImageJob> jobs, Recipe recipe, int workers, MapSettings.Retry retry) {
    this(jobs, recipe, workers, retry, UpToDate.NEVER, null, null);
  }

  private LocalRunner(
      Supplier<ImageJob> jobs,
      Recipe recipe,
      int workers,
      MapSettings.Retry retry,
      UpToDate upToDate,
      Journal journal,
      String runId) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, was " + workers);
    }
    this.jobs = Objects.requireNonNull(jobs, "jobs");
    this.recipe = Objects.requireNonNull(recipe, "recipe");
    this.workers = workers;
    this.retry = Objects.requireNonNull(retry, "retry");
    this.upToDate = Objects.requireNonNull(upToDate, "upToDate");
    this.journal = journal;
    this.runId = runId;
  }

  /** A runner of the real thumbnail pipeline. */
  public static LocalRunner of(Recipe recipe, Limits limits, int workers, MapSettings.Retry retry) {
    return new LocalRunner(
        () -> new ThumbnailPipeline(recipe, limits)::process, recipe, workers, retry);
  }

  /** This runner, appending every result to {@code j} under run id {@code id}. */
  public LocalRunner withJournal(Journal j, String id) {
    return new LocalRunner(
        jobs,
        recipe,
        workers,
        retry,
        upToDate,
        Objects.requireNonNull(j, "journal"),
        Objects.requireNonNull(id, "id"));
  }

  /** This runner, skipping items {@code check} finds up to date. */
  public LocalRunner withUpToDate(UpToDate check) {
    return new LocalRunner(jobs, recipe, workers, retry, check, journal, runId);
  }

  /**
   * The workers to use: {@code requested} (or the number of cores when {@code requested < 1}),
   * capped by the Map state's MaxConcurrency ({@code 0} = no cap).
   */
  public static int effectiveWorkers(int requested, int maxConcurrency) {
    int n = requested >= 1 ? requested : Runtime.getRuntime().availableProcessors();
    return maxConcurrency > 0 ? Math.min(n, maxConcurrency) : n;
  }

  /**
   * The results of a run, in input order.
   *
   * @param wallMs wall-clock time from the first submission to the last result (ms)
   */
  public record Outcome(List<ImageResult> items, long wallMs, Instant startedAt) {}

  /** Processes every item, writing thumbnails below {@code out}; returns when all are done. */
  public Outcome run(List<WorkItem> items, OutputFolder out, Progress progress) {
    Instant startedAt = Instant.now();
    long t0 = System.nanoTime();
    out.plan(
        OutputNamePlan.of(
            items.stream().filter(i -> !i.isRefused()).map(WorkItem::relativeName).toList(),
            recipe));
    out.protect(items.stream().filter(i -> !i.isRefused()).map(WorkItem::file).toList());
    progress.started(items.size());
    ThreadLocal<ImageJob> perWorker = ThreadLocal.withInitial(jobs);
    ExecutorService pool = Executors.newFixedThreadPool(workers, new WorkerThreads());
    List<ImageResult> results = new ArrayList<>(items.size());
    try {
      List<Future<ImageResult>> futures = new ArrayList<>(items.size());
      for (WorkItem item : items) {
        futures.add(
            pool.submit(
                () -> {
                  ImageResult r = processOne(perWorker.get(), item, out);
                  progress.finished(r);
                  return r;
                }));
      }
      for (int k = 0; k < futures.size(); k++) {
        results.add(await(futures.get(k), items.get(k)));
      }
    } finally {
      pool.shutdownNow();
      progress.done();
    }
    return new Outcome(results, Math.round((System.nanoTime() - t0) / 1e6), startedAt);
  }

  private static ImageResult await(Future<ImageResult> future, WorkItem item) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      long now = System.currentTimeMillis();
      return ImageResult.failed(
          item.source(),
          new ImageError(INTERNAL_ERROR, item.source() + ": run interrupted"),
          StageTimings.ZERO,
          "main",
          now,
          now);
    } catch (ExecutionException e) {
      long now = System.currentTimeMillis();
      return ImageResult.failed(
          item.source(), internal(item, e.getCause()), StageTimings.ZERO, "main", now, now);
    }
  }

  /**
   * One item: skipped when up to date, else processed with retries, then journaled; never throws.
   */
  ImageResult processOne(ImageJob job, WorkItem item, OutputFolder out) {
    String worker = Thread.currentThread().getName();
    long start = System.currentTimeMillis();
    if (item.isRefused()) {
      return journaled(
          ImageResult.failed(
              item.source(), item.refusal(), StageTimings.ZERO, worker, start, start),
          null);
    }
    Optional<UpToDate.Skipped> skipped = upToDate.check(item, out, worker);
    if (skipped.isPresent()) {
      return journaled(skipped.get().result(), skipped.get().provenance());
    }
    // Stamped before the read: a source changed while it is read no longer matches next time.
    FileStamp stamp = FileStamp.of(item.file()).orElse(null);
    for (int attempt = 0; ; attempt++) {
      FileImageSink sink = new FileImageSink(out, item.relativeName(), item.file());
      try {
        ImageResult r =
            stamped(
                job.process(new FileImageSource(item.source(), item.file()), sink),
                worker,
                start,
                System.currentTimeMillis());
        return journaled(
            r,
            new Provenance(
                UpToDate.keyOf(item.file()), stamp, r.isOk() ? sink.written() : List.of()));
      } catch (IOException e) {
        RefusedWriteException refused = refusedIn(e);
        boolean retryable = refused == null && attempt < retry.maxAttempts();
        if (retryable
            && pause(
                retry.jitteredDelayBeforeRetry(
                    attempt + 1, ThreadLocalRandom.current()::nextDouble))) {
          continue;
        }
        ErrorType type =
            refused != null || sink.attempted() ? ErrorType.WriteFailed : ErrorType.ReadFailed;
        String why =
            refused != null
                ? refused.getMessage()
                : describe(e) + (attempt > 0 ? " (after " + (attempt + 1) + " attempts)" : "");
        return journaled(
            ImageResult.failed(
                item.source(),
                new ImageError(type.name(), item.source() + ": " + why),
                StageTimings.ZERO,
                worker,
                start,
                System.currentTimeMillis()),
            failedProvenance(item));
      } catch (RuntimeException | OutOfMemoryError | StackOverflowError | LinkageError e) {
        return journaled(
            ImageResult.failed(
                item.source(),
                internal(item, e),
                StageTimings.ZERO,
                worker,
                start,
                System.currentTimeMillis()),
            failedProvenance(item));
      }
    }
  }

  private static Provenance failedProvenance(WorkItem item) {
    return new Provenance(UpToDate.keyOf(item.file()), null, List.of());
  }

  /** Appends {@code r} to the journal, if there is one; returns {@code r}. */
  private ImageResult journaled(ImageResult r, Provenance provenance) {
    if (journal != null) journal.append(new JournalEntry(runId, r, provenance));
    return r;
  }

  private static ImageError internal(WorkItem item, Throwable e) {
    return new ImageError(
        INTERNAL_ERROR,
        item.source()
            + ": unexpected "
            + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")));
  }

  private static RefusedWriteException refusedIn(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RefusedWriteException r) return r;
    }
    return null;
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName()
        + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
  }

  /** Sleeps before a retry; false when interrupted (then the item fails instead). */
  private static boolean pause(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * The pipeline's result with the worker set, and times filled in if the pipeline left them out.
   */
  private static ImageResult stamped(ImageResult r, String worker, long start, long end) {
    return r.withTimes(
        worker, r.startMs() > 0 ? r.startMs() : start, r.endMs() > 0 ? r.endMs() : end);
  }

  /** Names worker threads worker-1, worker-2, ... as the report's timeline shows them. */
  private static final class WorkerThreads implements ThreadFactory {
    private final AtomicInteger next = new AtomicInteger(1);

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "worker-" + next.getAndIncrement());
      t.setDaemon(true);
      return t;
    }
  }
}
