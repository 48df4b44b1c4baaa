package io.thumbflow.orchestrator.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One program the bench runs as a whole process over a folder of images.
 *
 * @param name short label used in the table
 * @param ours true for thumbflow itself (ratios are ours / theirs)
 * @param command builds the command line for an input folder, an output folder and a size like
 *     {@code 50x50}
 * @param env extra environment variables (never null)
 * @param unavailable why it cannot run here (a missing tool), or empty when it can
 */
record Contender(
    String name,
    boolean ours,
    CommandLine command,
    Map<String, String> env,
    Optional<String> unavailable) {

  /** Builds a command line; the output folder may not exist yet. */
  @FunctionalInterface
  interface CommandLine {
    List<String> build(Path input, Path output, String size);
  }
}
