package io.thumbflow.core.decode.heif;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the native memory that concurrent libheif decodes may hold at once (it is outside the Java
 * heap and -Xmx). Each decode reserves its estimate before it starts and returns it when its native
 * objects are freed; a decode whose estimate exceeds the whole budget reserves all of it and so
 * runs alone.
 */
final class NativeBudget {
  private static final int MIB = 1 << 20;

  private final int totalMib;
  private final Semaphore permits;

  NativeBudget(long totalBytes) {
    this.totalMib = (int) Math.max(1, totalBytes / MIB);
    this.permits = new Semaphore(totalMib, true);
  }

  /** A reservation of {@code mib} MiB; close returns it. */
  final class Reservation implements AutoCloseable {
    private final int mib;
    private boolean open = true;

    private Reservation(int mib) {
      this.mib = mib;
    }

    @Override
    public synchronized void close() {
      if (open) {
        open = false;
        permits.release(mib);
      }
    }
  }

  /** The MiB that {@code bytes} take from this budget: rounded up, at most the whole budget. */
  int mib(long bytes) {
    return (int) Math.min(totalMib, Math.max(1, (bytes + MIB - 1) / MIB));
  }

  /**
   * Reserves {@code bytes}, waiting at most {@code timeoutNanos}; null when that time passed first.
   *
   * @throws InterruptedException when the waiting thread is interrupted
   */
  Reservation reserve(long bytes, long timeoutNanos) throws InterruptedException {
    int mib = mib(bytes);
    return permits.tryAcquire(mib, Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS)
        ? new Reservation(mib)
        : null;
  }

  /** MiB not reserved right now. */
  int availableMib() {
    return permits.availablePermits();
  }
}
