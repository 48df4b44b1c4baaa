package io.thumbflow.orchestrator.local;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Writes a file whole or not at all: the bytes go to a temporary file beside the target ({@code
 * .<name>.tmp-<16 hex digits>}, in the same folder so the rename stays on one file system), which
 * is then renamed over the target in one step. A process killed at any moment leaves the old target
 * or the new one, never a mix; it may leave the temporary file, which {@link #removeLeftovers}
 * recognises by its name and deletes.
 *
 * <p>Nothing is fsynced: this survives a killed process, not necessarily a power cut.
 */
public final class AtomicFile {
  private static final Pattern TEMP_NAME = Pattern.compile("\\..+\\.tmp-[0-9a-f]{16}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_STEM_CODE_POINTS = 50;

  /** Writes the file's content to a stream; the stream is closed by the caller. */
  @FunctionalInterface
  public interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFile() {}

  /** Replaces {@code target} with {@code bytes} atomically; the parent folder must exist. */
  public static void write(Path target, byte[] bytes) throws IOException {
    write(target, out -> out.write(bytes));
  }

  /**
   * Replaces {@code target} with what {@code body} writes, atomically; the parent folder must
   * exist. On any failure the temporary file is removed and the target is left as it was.
   */
  public static void write(Path target, Body body) throws IOException {
    Path temp = target.resolveSibling(tempName(target.getFileName().toString()));
    boolean moved = false;
    try {
      try (OutputStream out =
          Files.newOutputStream(
              temp,
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE,
              LinkOption.NOFOLLOW_LINKS)) {
        body.writeTo(out);
      }
      // rename(2): replaces the target (a file, or a link itself, never the link's target) in one
      // step.
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      moved = true;
    } finally {
      if (!moved) Files.deleteIfExists(temp);
    }
  }

  static String tempName(String targetName) {
    byte[] random = new byte[8];
    RANDOM.nextBytes(random);
    // File names are limited to 255 bytes: at most 50 code points (200 bytes of UTF-8) of the
    // target's name.
    String stem =
        targetName
            .codePoints()
            .limit(MAX_STEM_CODE_POINTS)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString();
    return "." + stem + ".tmp-" + HexFormat.of().formatHex(random);
  }

  /** True for a name {@link #write} gives its temporary files. */
  public static boolean isTemp(String fileName) {
    return TEMP_NAME.matcher(fileName).matches();
  }

  /**
   * Deletes the temporary files that interrupted writes of {@code target} left beside it; returns
   * how many.
   */
  public static int removeLeftoversOf(Path target) throws IOException {
    Path folder = target.toAbsolutePath().getParent();
    if (folder == null || !Files.isDirectory(folder)) return 0;
    String temp = tempName(target.getFileName().toString());
    String prefix = temp.substring(0, temp.length() - 16); // without the random digits
    DirectoryStream.Filter<Path> ours =
        p -> {
          String name = p.getFileName().toString();
          return name.startsWith(prefix) && name.length() == temp.length() && isTemp(name);
        };
    int removed = 0;
    try (DirectoryStream<Path> temps = Files.newDirectoryStream(folder, ours)) {
      for (Path p : temps) {
        if (Files.deleteIfExists(p)) removed++;
      }
    }
    return removed;
  }

  /**
   * Deletes the temporary files that interrupted writes left below {@code folder}.
   *
   * @param skip files and folders not to look at or into (e.g. sources below the output folder)
   * @return how many were deleted
   */
  public static int removeLeftovers(Path folder, Predicate<Path> skip) throws IOException {
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) return 0;
    int[] removed = {0};
    Files.walkFileTree(
        folder,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return !dir.equals(folder) && skip.test(dir)
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            if (attrs.isRegularFile()
                && isTemp(file.getFileName().toString())
                && !skip.test(file)) {
              try {
                Files.delete(file);
                removed[0]++;
              } catch (NoSuchFileException e) {
                // gone already
              }
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE; // an unreadable corner holds none of ours
          }
        });
    return removed[0];
  }
}
