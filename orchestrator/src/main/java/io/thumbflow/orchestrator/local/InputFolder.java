package io.thumbflow.orchestrator.local;

import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The folder that manifest entries and S3 keys are read from. Entries are confined to it: an entry
 * that is empty, absolute outside it, climbs out with {@code ..}, or reaches out through a symbolic
 * link becomes a refused {@link WorkItem}; nothing outside is ever read.
 */
public final class InputFolder {
  /** The reason shown for an entry that would leave the folder. */
  public static final String ESCAPES = "path escapes the input folder";

  private final Path base;
  private final Path realBase;

  /**
   * @param base an existing folder
   */
  public InputFolder(Path base) throws IOException {
    this.base = base.toAbsolutePath().normalize();
    this.realBase = base.toRealPath();
  }

  public Path path() {
    return base;
  }

  /** Resolves one entry as given; never returns null. */
  public WorkItem resolve(String entry) {
    if (entry == null || entry.isBlank()) {
      return refuse(entry == null ? "" : entry, "empty path");
    }
    Path p;
    try {
      p = Path.of(entry);
    } catch (InvalidPathException e) {
      return refuse(entry, "not a valid path: " + e.getReason());
    }
    Path resolved = (p.isAbsolute() ? p : base.resolve(p)).normalize();
    if (!resolved.startsWith(base) || resolved.equals(base)) {
      return refuse(entry, ESCAPES);
    }
    if (Files.exists(resolved)) {
      try {
        // A symbolic link inside the folder must not lead the reader outside it.
        if (!resolved.toRealPath().startsWith(realBase)) {
          return refuse(entry, ESCAPES);
        }
      } catch (IOException e) {
        // unreadable: the source adapter reports it as ReadFailed when it tries
      }
    }
    String relative =
        base.relativize(resolved).toString().replace(resolved.getFileSystem().getSeparator(), "/");
    return WorkItem.of(entry, relative, resolved);
  }

  private static WorkItem refuse(String entry, String reason) {
    return WorkItem.refused(
        entry,
        new ImageError(
            ErrorType.ReadFailed.name(),
            (entry.isEmpty() ? "(empty entry)" : entry) + ": " + reason));
  }
}
