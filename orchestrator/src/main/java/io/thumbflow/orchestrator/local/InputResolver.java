package io.thumbflow.orchestrator.local;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns the command line's INPUT into work items: a folder of images, a manifest (JSON array or CSV
 * of paths) or an S3 event JSON whose keys are read below {@code --bucket-dir}.
 *
 * <p>Folder rule: every regular, non-hidden file below the folder is a candidate, whatever its
 * extension, because images are recognised by their content (a JPEG named {@code .png} is
 * thumbnailed, a text file named {@code .jpg} is reported as {@code NotAnImage}). Every other entry
 * is listed as an {@link IgnoredEntry} with its reason, never silently dropped:
 *
 * <ul>
 *   <li>documents that sit beside images and are plainly not images: notes, manifests, data and
 *       code ({@code .md .txt .tsv .csv .json .html .java} ...; see {@link #DOCUMENT_EXTENSIONS});
 *   <li>hidden files, and hidden folders (listed once, not searched);
 *   <li>the output folder when it is inside the input (listed once, not searched);
 *   <li>named pipes, sockets and devices;
 *   <li>symbolic links, except a link to a regular file inside the input folder, which is followed
 *       and thumbnailed under the link's own name; links to folders (no cycles, no double visits),
 *       links leading outside the input folder or into the output folder, and broken links are not
 *       followed.
 * </ul>
 *
 * Manifest and event entries are never filtered: an explicit list is taken at its word (an entry
 * leading outside the folder fails as {@code ReadFailed}).
 */
public final class InputResolver {
  /** Extensions of sidecar documents skipped in folder mode (lower case, without the dot). */
  public static final Set<String> DOCUMENT_EXTENSIONS =
      Set.of(
          "md",
          "markdown",
          "txt",
          "text",
          "rst",
          "adoc",
          "tsv",
          "csv",
          "json",
          "jsonl",
          "ndjson",
          "yaml",
          "yml",
          "toml",
          "ini",
          "html",
          "htm",
          "css",
          "js",
          "java",
          "py",
          "sh",
          "log",
          "db");

  /** Extensions that make a single INPUT file an image rather than a manifest. */
  private static final Set<String> IMAGE_EXTENSIONS =
      Set.of(
          "jpg", "jpeg", "jpe", "jfif", "png", "gif", "bmp", "webp", "tif", "tiff", "heic", "heif",
          "avif", "jp2", "j2k", "svg", "psd", "ico", "pnm", "pbm", "pgm", "ppm", "tga", "exr",
          "pcx", "qoi");

  /**
   * The resolved input.
   *
   * @param kind what INPUT was: {@code folder}, {@code file}, {@code json-manifest}, {@code
   *     csv-manifest} or {@code s3-event}
   * @param base the folder relative names are relative to
   * @param items the work, in a stable order (sorted for a folder, document order otherwise)
   * @param ignored entries below a folder INPUT left out by the folder rule, sorted; none for other
   *     inputs
   */
  public record Resolved(
      String kind, Path base, List<WorkItem> items, List<IgnoredEntry> ignored) {}

  private InputResolver() {}

  /**
   * Resolves {@code input}.
   *
   * @param bucketDir the folder standing in for the bucket (S3 events, optional for manifests); may
   *     be null
   * @param outDir the output folder, skipped when nested inside a folder INPUT; may be null
   * @throws InputException when INPUT cannot be used at all (usage error)
   */
  public static Resolved resolve(Path input, Path bucketDir, Path outDir) throws InputException {
    if (!Files.exists(input)) {
      throw new InputException("INPUT not found: " + input);
    }
    if (bucketDir != null && !Files.isDirectory(bucketDir)) {
      throw new InputException("--bucket-dir is not a folder: " + bucketDir);
    }
    try {
      if (Files.isDirectory(input)) {
        return folder(input, outDir);
      }
      if (!Files.isRegularFile(input)) {
        throw new InputException("INPUT is neither a folder nor a regular file: " + input);
      }
      if (IMAGE_EXTENSIONS.contains(extension(input.getFileName().toString()))) {
        InputFolder parent = new InputFolder(input.toAbsolutePath().getParent());
        WorkItem item = parent.resolve(input.getFileName().toString());
        return new Resolved("file", parent.path(), List.of(item), List.of());
      }
      return document(input, bucketDir);
    } catch (IOException e) {
      throw new InputException("cannot read INPUT " + input + ": " + e.getMessage(), e);
    }
  }

  private static Resolved document(Path input, Path bucketDir) throws IOException, InputException {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(input)))
              .toString();
    } catch (CharacterCodingException e) {
      throw new InputException(
          "INPUT "
              + input
              + " is a file but not a UTF-8 manifest or S3 event "
              + "(to thumbnail a single image, give it an image extension or put it in a folder)");
    }
    Manifest.Entries entries = Manifest.parse(text);
    Path baseDir;
    if (entries.kind() == Manifest.Kind.S3_EVENT) {
      if (bucketDir == null) {
        throw new InputException(
            "an S3 event INPUT needs --bucket-dir, the folder standing in for the bucket");
      }
      baseDir = bucketDir;
    } else {
      baseDir = bucketDir != null ? bucketDir : input.toAbsolutePath().getParent();
    }
    InputFolder base = new InputFolder(baseDir);
    List<WorkItem> items = new ArrayList<>(entries.entries().size());
    for (String entry : entries.entries()) {
      items.add(base.resolve(entry));
    }
    String kind =
        switch (entries.kind()) {
          case S3_EVENT -> "s3-event";
          case JSON_MANIFEST -> "json-manifest";
          case CSV_MANIFEST -> "csv-manifest";
        };
    return new Resolved(kind, base.path(), items, List.of());
  }

  private static Resolved folder(Path input, Path outDir) throws IOException {
    InputFolder base = new InputFolder(input);
    // Compared as real paths, so an output folder spelled differently (through a link) is still
    // skipped.
    Path skip = outDir != null && Files.isDirectory(outDir) ? outDir.toRealPath() : null;
    // Walked from its real path: walkFileTree does not follow a link given as the start, so INPUT
    // naming a link to a folder would otherwise yield no files at all.
    Path root = base.path().toRealPath();
    List<Path> files = new ArrayList<>();
    List<IgnoredEntry> ignored = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (dir.equals(root)) return FileVisitResult.CONTINUE;
            // Links are not followed below the real root, so every folder visited is spelled as its
            // real path.
            if (dir.equals(skip)) {
              ignored.add(
                  new IgnoredEntry(
                      relative(root, dir) + "/", dir, "the output folder: not searched"));
              return FileVisitResult.SKIP_SUBTREE;
            }
            if (hidden(dir)) {
              ignored.add(
                  new IgnoredEntry(relative(root, dir) + "/", dir, "hidden folder: not searched"));
              return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            String reason =
                hidden(file)
                    ? "hidden file"
                    : attrs.isSymbolicLink()
                        ? linkRefusal(file, root, skip)
                        : attrs.isRegularFile()
                            ? null
                            : attrs.isDirectory()
                                ? null // a folder the walk could not enter: reported when read
                                : EntryKind.special(file);
            if (reason == null) reason = documentReason(file);
            if (reason == null) {
              files.add(file);
            } else {
              ignored.add(new IgnoredEntry(relative(root, file), file, reason));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            files.add(file); // reported as a ReadFailed item by the source adapter
            return FileVisitResult.CONTINUE;
          }
        });
    List<WorkItem> items =
        files.stream()
            .map(f -> relative(root, f))
            .sorted(Comparator.naturalOrder())
            .map(base::resolve)
            .toList();
    ignored.sort(Comparator.comparing(IgnoredEntry::entry));
    // Shown below INPUT as the user spelled it, like the work items.
    List<IgnoredEntry> shown =
        ignored.stream()
            .map(
                i ->
                    new IgnoredEntry(
                        i.entry(), base.path().resolve(root.relativize(i.file())), i.reason()))
            .toList();
    return new Resolved("folder", base.path(), items, shown);
  }

  /**
   * Why a symbolic link below the folder is not followed, or null when it leads to a regular file
   * inside it.
   */
  private static String linkRefusal(Path link, Path root, Path outputFolder) {
    Path target;
    try {
      target = link.toRealPath();
    } catch (NoSuchFileException e) {
      return "broken symbolic link";
    } catch (IOException e) {
      return "symbolic link that cannot be resolved (" + e.getClass().getSimpleName() + ")";
    }
    if (!target.startsWith(root))
      return "symbolic link leading outside the input folder: not followed";
    if (outputFolder != null && target.startsWith(outputFolder)) {
      return "symbolic link into the output folder: not followed";
    }
    if (Files.isDirectory(target)) return "symbolic link to a folder: not followed";
    if (!Files.isRegularFile(target))
      return "symbolic link to a " + EntryKind.special(target) + ": not followed";
    return null;
  }

  private static String documentReason(Path file) {
    String extension = extension(file.getFileName().toString());
    return DOCUMENT_EXTENSIONS.contains(extension)
        ? "sidecar document (." + extension + "): not an image"
        : null;
  }

  private static boolean hidden(Path p) {
    return p.getFileName() != null && p.getFileName().toString().startsWith(".");
  }

  private static String relative(Path base, Path file) {
    return base.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
  }

  static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
