package io.thumbflow.core.fuzz;

import com.sun.management.OperatingSystemMXBean;
import io.thumbflow.core.ImageRejectedException;
import io.thumbflow.core.Limits;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * The properties every image fuzz target checks. A violation throws {@link AssertionError}, which
 * Jazzer reports as a finding (and which fails the test in regression mode).
 *
 * <ul>
 *   <li>a refusal is an {@link ImageRejectedException} with a type and a one-line message naming
 *       the source;
 *   <li>no refusal hides an {@link OutOfMemoryError} (the fuzz JVMs run with -Xmx512m, as the tests
 *       do) or a RuntimeException/Error thrown by thumbflow's own code, which the pipeline's safety
 *       net ({@code ThumbnailPipeline.asRejection}) would report as "corrupt" instead of exposing
 *       the bug;
 *   <li>no input takes longer than the per-image deadline plus {@link #SLACK} (see {@link #timed}).
 * </ul>
 */
public final class ImageFuzzProperties {
  /**
   * A short per-image deadline: fuzz inputs are small, so one that needs a second is a CPU bomb.
   */
  public static final Duration DEADLINE = Duration.ofSeconds(1);

  /** Room beyond the deadline for a GC pause or a busy shared machine (2 cores). */
  public static final Duration SLACK = Duration.ofSeconds(1);

  private static final OperatingSystemMXBean PROCESS =
      ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);

  /** The production limits with the fuzzing deadline. */
  public static final Limits LIMITS = Limits.DEFAULT.withDeadline(DEADLINE);

  private ImageFuzzProperties() {}

  /** Checks a refusal of the input named {@code source}. */
  public static void checkRejection(ImageRejectedException e, String source) {
    if (e.type() == null
        || !e.source().equals(source)
        || !e.getMessage().startsWith(source + ": ")) {
      throw new AssertionError("rejection does not name its source and type: " + e.getMessage(), e);
    }
    if (e.getMessage().indexOf('\n') >= 0 || e.getMessage().indexOf('\r') >= 0) {
      throw new AssertionError("rejection message is not one line: " + e.getMessage(), e);
    }
    checkCauses(e.getCause());
  }

  /**
   * Fails when {@code cause}'s chain holds an out-of-memory error or an unchecked throwable of
   * ours.
   */
  public static void checkCauses(Throwable cause) {
    int depth = 0;
    for (Throwable t = cause; t != null && depth < 32; t = t.getCause(), depth++) {
      if (t instanceof OutOfMemoryError) {
        throw new AssertionError("out of memory under the heap cap (turned into a rejection)", t);
      }
      if ((t instanceof RuntimeException || t instanceof Error) && thrownByThumbflow(t)) {
        throw new AssertionError(
            "thumbflow's own code threw "
                + t.getClass().getSimpleName()
                + " (turned into a rejection)",
            t);
      }
    }
  }

  /**
   * True when {@code t} was thrown by thumbflow's code: the first stack frame outside the core
   * library ({@code java.*}, {@code jdk.internal.*}, which our code calls for arrays, strings, AWT
   * rasters) is ours. Third-party decoders (com.sun.imageio, TwelveMonkeys, metadata-extractor) are
   * judged by their own frames: the pipeline legitimately turns their failures on hostile data into
   * typed rejections.
   */
  static boolean thrownByThumbflow(Throwable t) {
    for (StackTraceElement frame : t.getStackTrace()) {
      String c = frame.getClassName();
      if (c.startsWith("java.") || c.startsWith("jdk.internal.")) {
        continue;
      }
      return c.startsWith("io.thumbflow.");
    }
    return false;
  }

  /**
   * Runs {@code body} and checks that it took at most the deadline plus slack, in wall-clock time
   * and in the process's CPU time both. A slow run is repeated once and fails only when it is slow
   * again, so a pause of the whole machine (2 shared cores) is not a finding; the CPU time keeps a
   * process starved by the scheduler (the long campaign runs at idle priority) from reporting a
   * hang it did not have.
   */
  public static void timed(String what, Runnable body) {
    long limit = DEADLINE.plus(SLACK).toMillis();
    Cost first = cost(body);
    if (first.over(limit)) {
      Cost again = cost(body);
      if (again.over(limit)) {
        throw new AssertionError(
            what
                + " took "
                + first
                + ", then "
                + again
                + ", past the "
                + DEADLINE.toMillis()
                + " ms deadline");
      }
    }
  }

  private record Cost(long wallMs, long cpuMs) {
    boolean over(long limitMs) {
      return wallMs > limitMs && cpuMs > limitMs;
    }

    @Override
    public String toString() {
      return wallMs + " ms (" + cpuMs + " ms CPU)";
    }
  }

  private static Cost cost(Runnable body) {
    long cpu = PROCESS.getProcessCpuTime();
    long start = System.nanoTime();
    body.run();
    return new Cost(
        (System.nanoTime() - start) / 1_000_000, (PROCESS.getProcessCpuTime() - cpu) / 1_000_000);
  }
}
