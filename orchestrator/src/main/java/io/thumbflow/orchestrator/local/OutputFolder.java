package io.thumbflow.orchestrator.local;

import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.Rendition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The folder thumbnails are written to, mirroring the sources' relative paths. Names come from the
 * run's {@link OutputNamePlan}, so two sources never share an output. Every target is checked to
 * stay inside the folder (after normalisation and through symbolic links) and out of its state
 * folder ({@link RunState#FOLDER}), never to be its own source or any other file the run found, and
 * never to be claimed by two sources in one run.
 */
public final class OutputFolder {
  private final Path shown;
  private final Path root;
  private final Map<Path, String> claimed = new ConcurrentHashMap<>();
  private final Map<String, String> renamed = new ConcurrentSkipListMap<>();
  private final Set<Path> sources = ConcurrentHashMap.newKeySet();
  private volatile OutputNamePlan plan;

  /**
   * @param dir the output folder as the user named it (reports show paths below this spelling);
   *     created if missing
   */
  public OutputFolder(Path dir) throws IOException {
    this.shown = dir.normalize();
    Files.createDirectories(dir);
    this.root = dir.toRealPath();
  }

  /** Sets the names outputs get; must be called before the first {@link #claim}. */
  public void plan(OutputNamePlan names) {
    this.plan = names;
  }

  /**
   * Declares files no output may replace: the run's sources, and every other entry it found (a
   * link, a pipe, a sidecar document), since a manifest may list both {@code a.jpg} and {@code
   * out/a.jpg} with {@code --out out}.
   */
  public void protect(Collection<Path> files) {
    for (Path f : files) {
      Path p = f.toAbsolutePath().normalize();
      try {
        Path parent = p.getParent();
        sources.add(parent == null ? p : parent.toRealPath().resolve(p.getFileName()));
      } catch (IOException e) {
        sources.add(p); // missing now: the read will fail anyway
      }
      try {
        sources.add(p.toRealPath());
      } catch (IOException e) {
        // a broken link or a missing file: its own path is protected above
      }
    }
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
   * Claims the target of one rendition of one source and creates its parent folders.
   *
   * @param rendition the rendition being written
   * @param relativeName the source's relative name ({@code /}-separated)
   * @param format the rendition's output format
   * @param sourceFile the source file, which must never be overwritten; may be null
   * @return the absolute target path
   * @throws RefusedWriteException when the target is unsafe or already claimed
   */
  public Path claim(Rendition rendition, String relativeName, ImageFormat format, Path sourceFile)
      throws IOException {
    OutputNamePlan names = plan;
    if (names == null) throw new IllegalStateException("no output name plan: call plan() first");
    String name = names.name(rendition, relativeName, format);
    Path target = root.resolve(name).normalize();
    if (!target.startsWith(root) || target.equals(root)) {
      throw new RefusedWriteException("output " + name + " would be outside the output folder");
    }
    if (root.relativize(target).getName(0).toString().equals(RunState.FOLDER)) {
      throw new RefusedWriteException(
          "output " + name + " would be inside the run state folder " + RunState.FOLDER);
    }
    Files.createDirectories(target.getParent());
    if (!target.getParent().toRealPath().startsWith(root)) {
      throw new RefusedWriteException(
          "output " + name + " would be written through a link outside the output folder");
    }
    if (Files.isSymbolicLink(target)) {
      throw new RefusedWriteException("output " + name + " is a symbolic link; not following it");
    }
    if (sourceFile != null
        && (sourceFile.toAbsolutePath().normalize().equals(target)
            || (Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                && Files.isSameFile(sourceFile, target)))) {
      throw new RefusedWriteException("output " + name + " would overwrite its own source");
    }
    if (sources.contains(target.getParent().toRealPath().resolve(target.getFileName()))) {
      throw new RefusedWriteException(
          "output " + name + " would overwrite another source of this run");
    }
    String owner = claimed.putIfAbsent(target, relativeName);
    if (owner != null && !owner.equals(relativeName)) {
      throw new RefusedWriteException("output " + name + " is already the thumbnail of " + owner);
    }
    if (names.renamed(rendition, relativeName, format)) {
      renamed.put(display(target), relativeName);
    }
    return target;
  }

  /** How a target is shown in the report: below the output folder as the user spelled it. */
  public String display(Path target) {
    return shown.resolve(root.relativize(target)).toString();
  }

  /** A target relative to the output folder, {@code /}-separated, as the journal records it. */
  public String relative(Path target) {
    return root.relativize(target).toString().replace(target.getFileSystem().getSeparator(), "/");
  }

  /**
   * Outputs claimed under another name than their source's own because that name was taken (see
   * {@link OutputNamePlan}): shown output -> source relative name, sorted by output.
   */
  public SortedMap<String, String> renamed() {
    return Collections.unmodifiableSortedMap(new TreeMap<>(renamed));
  }
}
