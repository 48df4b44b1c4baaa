package io.thumbflow.orchestrator.bench;

import io.thumbflow.orchestrator.launch.LauncherScript;
import io.thumbflow.orchestrator.launch.TunedJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The contenders the bench knows: thumbflow's local mode and the peers in {@code shared/peers}. */
final class Contenders {
  static final List<String> PEER_NAMES = List.of("seed", "seed_draft", "vips_batch", "im");
  private static final String PYTHON = "/usr/bin/python3";
  private static final String CONVERT = "/usr/bin/convert";

  private final Path peersDir;

  Contenders(Path peersDir) {
    this.peersDir = peersDir;
  }

  /**
   * thumbflow's local mode exactly as a user runs it, JVM start included: the README's {@code
   * thumbflow local IN --out OUT --size S [extra]}, the launcher script the build writes next to
   * the jar ({@link LauncherScript}); {@code java -jar JAR local ...} where there is none. With JVM
   * flags, {@code java FLAGS -jar JAR local ...} and the tuned launch's environment ({@link
   * TunedJvm#ENV}), as a re-launched child gets it.
   */
  static Contender ours(
      String name, Path java, List<String> jvmFlags, Path jar, List<String> extraArgs) {
    Optional<String> unavailable =
        Files.isRegularFile(jar)
            ? Optional.empty()
            : Optional.of("jar not found: " + jar + " (run mvn -B package first)");
    Path script = jar.resolveSibling(LauncherScript.NAME);
    boolean viaScript = jvmFlags.isEmpty() && Files.isExecutable(script);
    return new Contender(
        name,
        true,
        (in, out, size) -> {
          List<String> cmd = new ArrayList<>();
          if (viaScript) {
            cmd.add(script.toString());
          } else {
            cmd.add(java.toString());
            cmd.addAll(jvmFlags);
            cmd.addAll(List.of("-jar", jar.toString()));
          }
          cmd.addAll(List.of("local", in.toString(), "--out", out.toString(), "--size", size));
          cmd.addAll(extraArgs);
          return cmd;
        },
        jvmFlags.isEmpty() ? Map.of() : TunedJvm.ENV,
        unavailable);
  }

  /** A peer by name (see {@link #PEER_NAMES}); its tools are probed here. */
  Contender peer(String name) {
    return switch (name) {
      case "seed" -> python("seed", "seed.py");
      case "seed_draft" -> python("seed_draft", "seed_draft.py");
      // PROCS=2, BLUR_SIGMA=2: the configuration of the figures in shared/peers/README.md.
      case "vips_batch" ->
          script(
              "vips_batch",
              "vips_batch.sh",
              Map.of("PROCS", "2", "BLUR_SIGMA", "2"),
              probe(List.of("pkg-config", "--exists", "vips")) && probe(List.of("cc", "--version"))
                  ? Optional.empty()
                  : Optional.of("needs gcc and libvips-dev (pkg-config vips)"));
      case "im" ->
          script(
              "im",
              "im.sh",
              Map.of(),
              Files.isExecutable(Path.of(CONVERT))
                  ? Optional.empty()
                  : Optional.of("needs imagemagick (" + CONVERT + ")"));
      default ->
          throw new IllegalArgumentException("unknown peer '" + name + "'; known: " + PEER_NAMES);
    };
  }

  private Contender python(String name, String file) {
    Path script = peersDir.resolve(file);
    Optional<String> unavailable =
        !Files.isRegularFile(script)
            ? Optional.of("not found: " + script)
            : probe(List.of(PYTHON, "-c", "import PIL"))
                ? Optional.empty()
                : Optional.of("needs " + PYTHON + " with Pillow (Debian python3-pil)");
    return new Contender(
        name,
        false,
        (in, out, size) -> List.of(PYTHON, script.toString(), in.toString(), out.toString(), size),
        Map.of(),
        unavailable);
  }

  private Contender script(
      String name, String file, Map<String, String> env, Optional<String> toolsMissing) {
    Path script = peersDir.resolve(file);
    Optional<String> unavailable =
        Files.isRegularFile(script) ? toolsMissing : Optional.of("not found: " + script);
    return new Contender(
        name,
        false,
        (in, out, size) -> List.of("bash", script.toString(), in.toString(), out.toString(), size),
        env,
        unavailable);
  }

  private static boolean probe(List<String> command) {
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
