package io.thumbflow.orchestrator.local;

import io.thumbflow.core.ImageError;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One source image to thumbnail, or a refused entry that becomes a failed item without being read.
 *
 * @param source the source as the user gave it (folder-relative path, manifest entry or S3 key)
 * @param relativeName the normalised path below the input folder, {@code /}-separated; the output
 *     goes to the same relative name below the output folder. Null when refused
 * @param file the absolute file to read; null when refused
 * @param refusal why the entry is refused (e.g. it escapes the input folder); null when accepted
 */
public record WorkItem(String source, String relativeName, Path file, ImageError refusal) {
  public WorkItem {
    Objects.requireNonNull(source, "source");
    if ((refusal == null) == (file == null || relativeName == null)) {
      throw new IllegalArgumentException(
          "a work item has either a file and a relative name, or a refusal");
    }
  }

  public static WorkItem of(String source, String relativeName, Path file) {
    return new WorkItem(source, relativeName, file, null);
  }

  public static WorkItem refused(String source, ImageError refusal) {
    return new WorkItem(source, null, null, refusal);
  }

  public boolean isRefused() {
    return refusal != null;
  }
}
