package io.thumbflow.orchestrator.launch;

import io.thumbflow.core.Rendition;
import io.thumbflow.core.decode.NativePlatform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Whether the tuned child compiles the blur and resample loops with C2, and the flags that do it.
 *
 * <p>The child runs C1 only: C2's compile time never pays back on thumbnails. Large renditions are
 * different: at 1024x1024 the blur and the resample (both at or near source resolution) are about
 * half the run's CPU, and C2 runs those loops about 2.5x faster than C1. C2 for just those two
 * classes costs about 1 s of compile time per run, every other method stays with C1 (a compiler
 * directive excludes C2 for everything else; HotSpot then compiles a method it may not give C2 with
 * C1 at its plain level). Measured over the 69 photos, tuned child, 5 alternating runs, median CPU
 * s: 1024x1024 20.63 -> 18.02, 512x512 8.85 -> 9.04, 256x256 4.38 -> 5.26. So it is used when the
 * largest box asked for is at least {@value #MIN_BOX_SIDE} px on a side.
 *
 * <p>Where thumbflow's C loops load (Linux x86_64 and aarch64, {@code NativePixels}), these Java
 * loops are not run and C2 would only compile them for nothing: 1024x1024, tuned child, median CPU
 * s 12.70 C1 only against 13.02 with this (3 alternating runs), later 5.42 against 5.52 (6 runs).
 * So the directives are written only for other platforms ({@link #directivesUnlessNativeLoops}).
 */
final class ImageLoopCompilation {
  /**
   * The longer side of the largest box from which a run counts as large: C2 for the Java image
   * loops pays back (where they run), and {@link TunedJvm} puts the heap in huge pages.
   */
  static final int MIN_BOX_SIDE = 1024;

  /**
   * C2 for the blur's and the resampler's loops, C1 for every other method (first match wins).
   * Exclusion is per compiler, so this is the only way to give C2 a few methods.
   */
  static final String DIRECTIVES =
      """
      [
        { match: ["io/thumbflow/core/render/GaussianBlur$Line.*",
                  "io/thumbflow/core/render/Resampler.*"],
          c2: { Exclude: false } },
        { match: "*.*", c2: { Exclude: true } }
      ]
      """;

  private ImageLoopCompilation() {}

  /**
   * Flags for a child that reads {@code directives} (a file holding {@link #DIRECTIVES}), to be
   * used instead of C1 only. {@code -DisplayVMOutput}: the JVM otherwise prints "2 compiler
   * directives added" on stdout; its warnings and errors still reach stderr.
   */
  static List<String> flags(Path directives) {
    return List.of(
        "-XX:+UnlockDiagnosticVMOptions",
        "-XX:-DisplayVMOutput",
        "-XX:CompilerDirectivesFile=" + directives);
  }

  /**
   * The directives file for a child whose image loops run in Java; empty on the platforms thumbflow
   * bundles its C loops for (read from {@code system}'s {@code os.*} properties).
   */
  static Optional<Path> directivesUnlessNativeLoops(Properties system) {
    return NativePlatform.linuxArch(system).isPresent() ? Optional.empty() : writeDirectives();
  }

  /** Writes {@link #DIRECTIVES} to a new temporary file, or empty when that fails. */
  static Optional<Path> writeDirectives() {
    try {
      Path file = Files.createTempFile("thumbflow-compiler-", ".json");
      file.toFile().deleteOnExit();
      return Optional.of(Files.writeString(file, DIRECTIVES));
    } catch (IOException | SecurityException e) {
      return Optional.empty(); // the child runs C1 only
    }
  }

  /**
   * Whether {@code thumbflow local ARGS} asks for a box of at least {@link #MIN_BOX_SIDE} px on a
   * side, reading {@code --size} and {@code --rendition} (and their environment defaults) as the
   * command does. Text that is not a size counts as small: the command itself reports it.
   */
  static boolean asksForLargeBoxes(List<String> args, Map<String, String> env) {
    List<String> renditions = values(args, "--rendition");
    if (renditions.isEmpty()) {
      String fromEnv = env.getOrDefault("THUMBFLOW_RENDITIONS", "");
      if (!fromEnv.isBlank()) renditions = List.of(fromEnv);
    }
    List<String> sizes = new ArrayList<>();
    if (renditions.isEmpty()) {
      List<String> given = values(args, "--size");
      sizes.addAll(given.isEmpty() ? List.of(env.getOrDefault("THUMBFLOW_SIZE", "")) : given);
    } else {
      for (String value : renditions) {
        for (String spec : value.split(",")) {
          String[] parts = spec.split(":", -1);
          if (parts.length >= 2) sizes.add(parts[1]);
        }
      }
    }
    for (String size : sizes) {
      if (isLarge(size)) return true; // a loop: this runs in the launching JVM (see TunedJvm)
    }
    return false;
  }

  private static boolean isLarge(String size) {
    try {
      int[] box = Rendition.parseSize(size);
      return Math.max(box[0], box[1]) >= MIN_BOX_SIDE;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Every value of {@code option}, given as {@code option VALUE} or {@code option=VALUE}. */
  private static List<String> values(List<String> args, String option) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals(option) && i + 1 < args.size()) {
        values.add(args.get(++i));
      } else if (arg.startsWith(option + "=")) {
        values.add(arg.substring(option.length() + 1));
      }
    }
    return values;
  }
}
