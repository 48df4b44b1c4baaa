package io.thumbflow.orchestrator.local;

import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.OutputNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The folder thumbnails are written to, mirroring the sources' relative paths. Every target is
 * checked to stay inside the folder (after normalisation and through symbolic links), never to be
 * its own source or any other source of the run, and never to be claimed by two sources in one run (the
 * later one fails as a refused write rather than overwrite the earlier one).
 */
public final class OutputFolder {
  private final Path shown;
  private final Path root;
  private final Map<Path, String> claimed = new ConcurrentHashMap<>();
  private final Set<String> sharedStems = ConcurrentHashMap.newKeySet();
  private final Set<Path> sources = ConcurrentHashMap.newKeySet();

  /**
   * @param dir the output folder as the user named it (reports show paths below this spelling);
   *     created if missing
   */
  public OutputFolder(Path dir) throws IOException {
    this.shown = dir.normalize();
    Files.createDirectories(dir);
    this.root = dir.toRealPath();
  }

  /**
   * Declares the run's sources before any claim: sources whose names differ only by extension
   * ({@code a.gif}, {@code a.webp}) keep their whole name plus the new extension when their format
   * changes ({@code a.gif.png}), so two of them never race for {@code a.png}.
   *
   * @param relativeNames every source's relative name in this run
   */
  public void expect(Collection<String> relativeNames) {
    Map<String, Integer> counts = new HashMap<>();
    for (String n : relativeNames) {
      counts.merge(stem(n), 1, Integer::sum);
    }
    counts.forEach((stem, count) -> {
      if (count > 1) sharedStems.add(stem);
    });
  }

  /**
   * Declares the run's source files, so that no thumbnail is ever written over one of them (a manifest
   * may list both {@code a.jpg} and {@code out/a.jpg} with {@code --out out}).
   *
   * @param sourceFiles every source file of this run
   */
  public void protect(Collection<Path> sourceFiles) {
    for (Path f : sourceFiles) {
      try {
        sources.add(f.toRealPath());
      } catch (IOException e) {
        sources.add(f.toAbsolutePath().normalize()); // missing now: the read will fail anyway
      }
    }
  }

  private static String stem(String relativeName) {
    int slash = relativeName.lastIndexOf('/');
    int dot = relativeName.lastIndexOf('.');
    return dot > slash + 1 ? relativeName.substring(0, dot) : relativeName;
  }

  /** The output folder as given on the command line. */
  public Path shown() {
    return shown;
  }

  /** The output folder's real absolute path. */
  public Path root() {
    return root;
  }

  /**
   * Claims the target for one thumbnail and creates its parent folders.
   *
   * @param relativeName the source's relative name ({@code /}-separated)
   * @param sourceFile the source file, which must never be overwritten
   * @return the absolute target path
   * @throws RefusedWriteException when the target is unsafe or already claimed
   */
  public Path claim(String relativeName, ImageFormat format, Path sourceFile) throws IOException {
    return claim("", relativeName, format, sourceFile);
  }

  /**
   * Claims the target for one rendition: {@link #claim(String, ImageFormat, Path)} below {@code folder}
   * ({@code ""} in the flat layout, {@code "<rendition>/"} otherwise).
   */
  public Path claim(String folder, String relativeName, ImageFormat format, Path sourceFile) throws IOException {
    String name = OutputNames.forSource(relativeName, format);
    if (!name.equals(relativeName) && sharedStems.contains(stem(relativeName))) {
      // a.gif and a.webp both becoming a.png: keep each whole name so neither depends on timing
      name = relativeName + "." + format.extension();
    }
    name = folder + name;
    Path target = root.resolve(name).normalize();
    if (!target.startsWith(root) || target.equals(root)) {
      throw new RefusedWriteException("output " + name + " would be outside the output folder");
    }
    Files.createDirectories(target.getParent());
    if (!target.getParent().toRealPath().startsWith(root)) {
      throw new RefusedWriteException("output " + name + " would be written through a link outside the output folder");
    }
    if (Files.isSymbolicLink(target)) {
      throw new RefusedWriteException("output " + name + " is a symbolic link; not following it");
    }
    if (sourceFile != null && (sourceFile.toAbsolutePath().normalize().equals(target)
        || (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && Files.isSameFile(sourceFile, target)))) {
      throw new RefusedWriteException("output " + name + " would overwrite its own source");
    }
    if (sources.contains(target.getParent().toRealPath().resolve(target.getFileName()))) {
      throw new RefusedWriteException("output " + name + " would overwrite another source of this run");
    }
    String owner = claimed.putIfAbsent(target, relativeName);
    if (owner != null && !owner.equals(relativeName)) {
      throw new RefusedWriteException("output " + name + " is already the thumbnail of " + owner);
    }
    return target;
  }

  /** How a target is shown in the report: below the output folder as the user spelled it. */
  public String display(Path target) {
    return shown.resolve(root.relativize(target)).toString();
  }
}
