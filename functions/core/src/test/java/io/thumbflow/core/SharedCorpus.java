package io.thumbflow.core;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared test data beside the clone ({@code ../shared}: corpus/photos, corpus/hostile, peers),
 * found through the {@code thumbflow.shared} property that Surefire sets. Tests that need it skip
 * when it is absent (a fresh clone on its own); CI has it, and {@code .ci/run} fails if those tests
 * skipped.
 */
public final class SharedCorpus {
  private SharedCorpus() {}

  /** The shared folder, or a skip of the calling test when it is not there. */
  public static Path dir() {
    Path shared = Path.of(System.getProperty("thumbflow.shared", "../../../shared"));
    assumeTrue(
        Files.isDirectory(shared.resolve("corpus")),
        "../shared (corpus and peers) not found at " + shared.toAbsolutePath() + ": skipping");
    return shared;
  }

  /** A file of corpus/hostile. */
  public static Path hostile(String file) {
    return dir().resolve("corpus").resolve("hostile").resolve(file);
  }

  /** The corpus/photos folder. */
  public static Path photos() {
    return dir().resolve("corpus").resolve("photos");
  }
}
