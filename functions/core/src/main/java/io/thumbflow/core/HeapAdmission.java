package io.thumbflow.core;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Admits images whose decode needs a large share of the heap one at a time, so that workers
 * rendering such images side by side wait for each other instead of running the JVM out of memory
 * together (which fails both, and a third worker's ordinary image with them). A lease holds
 * mebibytes of a budget, {@value #BUDGET_PERCENT}% of the maximum heap, from before the decode
 * until the renditions are encoded; images that need nothing reserved (every decode that shrinks on
 * load) never wait. An image that alone needs more than the whole budget is refused with a reason.
 */
final class HeapAdmission {
  /** Share of the maximum heap that leases may hold together. */
  static final int BUDGET_PERCENT = 75;

  /** The JVM-wide admission, sized from {@code -Xmx}. */
  static final HeapAdmission SHARED =
      new HeapAdmission(Runtime.getRuntime().maxMemory() / 100 * BUDGET_PERCENT);

  private static final long MIB = 1L << 20;

  private final int budgetMib;
  private final Semaphore free;

  HeapAdmission(long budgetBytes) {
    this.budgetMib = (int) Math.max(1, Math.min(Integer.MAX_VALUE, budgetBytes / MIB));
    this.free = new Semaphore(budgetMib, true); // fair: a large lease is not starved by small ones
  }

  /** A reservation; closing it (once or more) gives its memory back. */
  interface Lease extends AutoCloseable {
    @Override
    void close();
  }

  private static final Lease NOTHING = () -> {};

  /**
   * Reserves {@code bytes} of heap for {@code sourceName}, waiting while other leases hold too
   * much.
   *
   * @throws ImageRejectedException {@link ErrorType#TooManyPixels} when {@code bytes} exceed the
   *     whole budget; {@link ErrorType#Timeout} when the wait is interrupted
   */
  Lease reserve(long bytes, String sourceName) throws ImageRejectedException {
    if (bytes <= 0) {
      return NOTHING;
    }
    long mib = (bytes + MIB - 1) / MIB;
    if (mib > budgetMib) {
      throw new ImageRejectedException(
          ErrorType.TooManyPixels,
          sourceName,
          "too many pixels: decoding it at full size needs about "
              + mib
              + " MB of heap, more than the "
              + budgetMib
              + " MB this JVM allows one image (raise -Xmx, or the Lambda memory size)");
    }
    try {
      free.acquire((int) mib);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageRejectedException(
          ErrorType.Timeout, sourceName, "timeout: interrupted while waiting for heap to decode");
    }
    AtomicBoolean held = new AtomicBoolean(true);
    return () -> {
      if (held.getAndSet(false)) {
        free.release((int) mib);
      }
    };
  }

  /** Mebibytes no lease holds now (for tests). */
  int freeMib() {
    return free.availablePermits();
  }
}
