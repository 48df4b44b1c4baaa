package io.thumbflow.orchestrator.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Names the kind of a file that is neither a regular file, a folder nor a symbolic link, from its
 * Unix mode.
 */
final class EntryKind {
  // File type bits of st_mode (POSIX sys/stat.h).
  private static final int S_IFMT = 0170000;
  private static final int S_IFIFO = 0010000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFBLK = 0060000;
  private static final int S_IFSOCK = 0140000;

  private EntryKind() {}

  /** E.g. {@code "named pipe (FIFO)"}; {@code "special file"} where the platform does not tell. */
  static String special(Path file) {
    try {
      int mode = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      return switch (mode & S_IFMT) {
        case S_IFIFO -> "named pipe (FIFO)";
        case S_IFSOCK -> "socket";
        case S_IFCHR -> "character device";
        case S_IFBLK -> "block device";
        default -> "special file";
      };
    } catch (IOException
        | UnsupportedOperationException
        | IllegalArgumentException
        | ClassCastException e) {
      return "special file";
    }
  }
}
