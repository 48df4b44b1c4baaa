package io.thumbflow.orchestrator.local;

import io.thumbflow.core.ImageResult;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An entry below a folder INPUT that is not an image to process (a link not followed, a pipe, a
 * sidecar document, a hidden file...), listed in the report with the reason.
 *
 * @param entry its path relative to the input folder, {@code /}-separated
 * @param file its absolute path (never read; kept so that no output replaces it)
 * @param reason why it is not processed, one short phrase
 */
public record IgnoredEntry(String entry, Path file, String reason) {
  public IgnoredEntry {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(reason, "reason");
  }

  /** The entry as the report lists it. */
  public ImageResult toResult() {
    return ImageResult.ignored(entry, reason);
  }
}
