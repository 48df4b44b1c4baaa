package io.thumbflow.orchestrator.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;

/**
 * What a file looked like: its size and modification time, as {@code make} and {@code rsync}
 * compare files.
 *
 * @param size size (bytes)
 * @param modified modification time, ISO-8601 UTC at the file system's precision (e.g. nanoseconds)
 */
public record FileStamp(long size, String modified) {
  public FileStamp {
    Objects.requireNonNull(modified, "modified");
  }

  /**
   * The stamp of a regular file; empty when it is missing or not a regular file.
   *
   * @param options {@link LinkOption#NOFOLLOW_LINKS} to refuse a symbolic link
   */
  public static Optional<FileStamp> of(Path file, LinkOption... options) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, options);
      if (!a.isRegularFile()) return Optional.empty();
      return Optional.of(new FileStamp(a.size(), a.lastModifiedTime().toInstant().toString()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
