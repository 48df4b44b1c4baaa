package io.thumbflow.orchestrator.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a command to completion under {@code /usr/bin/time} (Debian package {@code time}), which
 * reports wall time, the CPU of the whole process tree and the peak RSS. Without it only wall time
 * is known.
 */
final class TimedProcess {
  static final Path TIME = Path.of("/usr/bin/time");

  /**
   * The outcome of one run.
   *
   * @param exitCode the command's exit status
   * @param time what time(1) measured, or empty without /usr/bin/time
   * @param wallSeconds wall time measured here (includes time(1)'s own negligible start), s
   * @param output the command's stdout and stderr, merged
   */
  record Outcome(int exitCode, Optional<TimeOutput> time, double wallSeconds, String output) {}

  private TimedProcess() {}

  static boolean timeAvailable() {
    return Files.isExecutable(TIME);
  }

  static Outcome run(List<String> command, Map<String, String> env, Path scratch)
      throws IOException {
    Files.createDirectories(scratch);
    Path timeFile = Files.createTempFile(scratch, "time-", ".txt");
    Path log = Files.createTempFile(scratch, "output-", ".log");
    boolean timed = timeAvailable();
    List<String> full = new ArrayList<>();
    if (timed) {
      full.addAll(List.of(TIME.toString(), "-f", TimeOutput.FORMAT, "-o", timeFile.toString()));
    }
    full.addAll(command);
    ProcessBuilder builder =
        new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    long start = System.nanoTime();
    Process process = builder.start();
    int exit;
    try {
      exit = process.waitFor();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command.get(0), e);
    }
    double wall = (System.nanoTime() - start) / 1e9;
    Optional<TimeOutput> time =
        timed
            ? TimeOutput.parse(new String(Files.readAllBytes(timeFile), StandardCharsets.UTF_8))
            : Optional.empty();
    String output = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    Files.deleteIfExists(timeFile);
    Files.deleteIfExists(log);
    return new Outcome(exit, time, wall, output);
  }
}
