package io.thumbflow.core.decode;

import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageRejectedException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A wall-clock budget for one image's work. {@link #run} runs a task on a daemon thread and stops
 * waiting when the budget is spent, so the caller's worker is freed even if the task is stuck; the
 * task is interrupted, and reads through {@link DeadlineImageInputStream} fail at its next read.
 *
 * <p>Nested calls (a decode inside a render that is already under a deadline) run inline on the
 * calling thread, bounded by the tighter of the two deadlines.
 */
public final class Deadline {
  private static final ThreadLocal<Long> CURRENT = new ThreadLocal<>();
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final ThreadFactory DAEMONS =
      task -> {
        Thread t = new Thread(task, "thumbflow-deadline-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
      };
  // Unbounded so that a stuck task never blocks another image's task from starting.
  private static final ExecutorService POOL = Executors.newCachedThreadPool(DAEMONS);

  private Deadline() {}

  /**
   * Runs {@code task} within {@code budget}.
   *
   * @param budget positive wall-clock budget
   * @param sourceName the image's name, used in the Timeout message; not null
   * @param task the work; an {@link ImageRejectedException}, {@link RuntimeException} or {@link
   *     Error} it throws is rethrown as is, any other checked exception wrapped in a {@link
   *     CompletionException}
   * @return the task's result
   * @throws ImageRejectedException of type {@link ErrorType#Timeout} when the budget is spent first
   */
  public static <T> T run(Duration budget, String sourceName, Callable<T> task)
      throws ImageRejectedException {
    if (budget == null || budget.isNegative() || budget.isZero()) {
      throw new IllegalArgumentException("budget must be positive, was " + budget);
    }
    long deadline = System.nanoTime() + budget.toNanos();
    Long outer = CURRENT.get();
    if (outer != null) {
      return runInline(Math.min(outer, deadline), budget, sourceName, task);
    }
    Future<T> future =
        POOL.submit(
            () -> {
              CURRENT.set(deadline);
              try {
                return task.call();
              } finally {
                CURRENT.remove();
              }
            });
    try {
      return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | CancellationException e) {
      future.cancel(true);
      throw timeout(sourceName, budget, e);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new CompletionException("interrupted while waiting for " + sourceName, e);
    } catch (ExecutionException e) {
      throw rethrow(e.getCause(), sourceName, budget);
    }
  }

  /**
   * Nanosecond deadline ({@link System#nanoTime()} scale) of the enclosing {@link #run}, or null.
   */
  static Long currentNanos() {
    return CURRENT.get();
  }

  /** True when the enclosing {@link #run}'s deadline has passed (false outside any run). */
  public static boolean expired() {
    Long d = CURRENT.get();
    return d != null && System.nanoTime() - d > 0;
  }

  static ImageRejectedException timeout(String sourceName, Duration budget, Throwable cause) {
    return new ImageRejectedException(
        ErrorType.Timeout,
        sourceName,
        "timeout: processing took longer than " + describe(budget),
        cause);
  }

  private static <T> T runInline(
      long deadline, Duration budget, String sourceName, Callable<T> task)
      throws ImageRejectedException {
    Long saved = CURRENT.get();
    CURRENT.set(deadline);
    try {
      T result = task.call();
      if (System.nanoTime() - deadline > 0) {
        throw timeout(sourceName, budget, null);
      }
      return result;
    } catch (Throwable t) {
      throw rethrow(t, sourceName, budget);
    } finally {
      CURRENT.set(saved);
    }
  }

  private static RuntimeException rethrow(Throwable t, String sourceName, Duration budget)
      throws ImageRejectedException {
    if (t instanceof ImageRejectedException r) throw r;
    if (t instanceof DeadlineImageInputStream.DeadlineExceededException)
      throw timeout(sourceName, budget, t);
    if (t instanceof RuntimeException r) throw r;
    if (t instanceof Error e) throw e;
    throw new CompletionException(t);
  }

  private static String describe(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
  }
}
