package io.thumbflow.orchestrator.local;

import io.thumbflow.core.ImageResult;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shows progress on a stream (stderr): on a terminal a bar redrawn in place, e.g. {@code [=====> ]
 * 34/69 12.3 img/s 2 failed}; elsewhere (pipes, CI logs) one plain line at most every {@link
 * #PLAIN_INTERVAL_MS} ms, so short runs stay quiet.
 */
public final class ProgressBar implements Progress {
  static final int WIDTH = 30;
  static final long TERMINAL_INTERVAL_MS = 100;
  static final long PLAIN_INTERVAL_MS = 10_000;

  private final PrintWriter out;
  private final boolean terminal;
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private volatile int total;
  private volatile long startNanos;
  private long lastDrawNanos;

  /**
   * @param out where to draw (usually {@code System.err})
   * @param terminal true to redraw a bar in place, false for occasional plain lines
   */
  public ProgressBar(PrintWriter out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  @Override
  public void started(int n) {
    total = n;
    startNanos = System.nanoTime();
    lastDrawNanos = startNanos;
  }

  @Override
  public void finished(ImageResult result) {
    int d = done.incrementAndGet();
    if (result.isFailed()) failed.incrementAndGet();
    long now = System.nanoTime();
    long interval = (terminal ? TERMINAL_INTERVAL_MS : PLAIN_INTERVAL_MS) * 1_000_000L;
    synchronized (this) {
      if (now - lastDrawNanos < interval && d < total) return;
      lastDrawNanos = now;
      draw(d, now);
    }
  }

  @Override
  public synchronized void done() {
    if (terminal && total > 0)
      out.print("\r" + " ".repeat(line(total, System.nanoTime()).length()) + "\r");
    out.flush();
  }

  private void draw(int d, long now) {
    String text = line(d, now);
    if (terminal) {
      out.print("\r" + text);
    } else if (d < total) {
      out.println(text);
    }
    out.flush();
  }

  /** The progress line for {@code d} of {@link #total} images done. */
  String line(int d, long now) {
    double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
    int filled = total == 0 ? WIDTH : (int) ((long) d * WIDTH / total);
    StringBuilder bar = new StringBuilder("[");
    for (int i = 0; i < WIDTH; i++) {
      bar.append(i < filled ? '=' : i == filled ? '>' : ' ');
    }
    bar.append(']');
    String s = String.format(Locale.ROOT, "%s %d/%d  %.1f img/s", bar, d, total, d / seconds);
    int f = failed.get();
    return f > 0 ? s + "  " + f + " failed" : s;
  }
}
