package io.thumbflow.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

class ImageFuzzPropertiesTest {
  private static final long PAST_THE_LIMIT_MS =
      ImageFuzzProperties.DEADLINE.plus(ImageFuzzProperties.SLACK).toMillis() + 300;

  @Test
  void workThatBurnsCpuPastTheDeadlineTwiceIsAFinding() {
    assertThrows(
        AssertionError.class,
        () -> ImageFuzzProperties.timed("spinning", () -> spin(PAST_THE_LIMIT_MS)));
  }

  @Test
  void aProcessThatWaitsRatherThanWorksIsNotAFinding() {
    // What a starved idle-priority process looks like from inside: wall-clock time passes, CPU time
    // does not.
    assertDoesNotThrow(() -> ImageFuzzProperties.timed("waiting", () -> sleep(PAST_THE_LIMIT_MS)));
  }

  /**
   * Burns {@code millis} of this thread's CPU time (not wall-clock time: on a busy machine a thread
   * spinning for a wall-clock span gets less CPU than that, and then the harness rightly does not
   * count it).
   */
  private static void spin(long millis) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long end = threads.getCurrentThreadCpuTime() + millis * 1_000_000;
    while (threads.getCurrentThreadCpuTime() < end) {
      Thread.onSpinWait();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
