package io.thumbflow.orchestrator.bench;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The input folders one bench run times: the photos as they are (the short batch), the photos
 * {@code repeat} times over in distinct files (the long batch), and the long batch split by {@link
 * PhotoKind} (one folder per kind, for the per-format breakdown).
 *
 * <p>Copy {@code k} of {@code name.jpg} is {@code rK-name.jpg}: every file has its own name, so no
 * contender can serve a repeat from anything keyed by name (an output that already exists, an
 * operation cache). The copies are hard links to one copy of each photo inside the scratch folder
 * where the file system allows it, else full copies; a photo's bytes are in the page cache after
 * the first round either way, as they are for the short batch.
 */
final class BenchCorpus {
  /**
   * One input folder.
   *
   * @param name how the tables name it, e.g. {@code 345 photos (corpus x5)}
   * @param kind the kind of every photo in it, or null for a mixed batch
   * @param dir the folder
   * @param images how many images it holds
   */
  record Batch(String name, PhotoKind kind, Path dir, int images) {}

  private final Batch shortBatch;
  private final Batch longBatch;
  private final Map<PhotoKind, Batch> byKind;

  private BenchCorpus(Batch shortBatch, Batch longBatch, Map<PhotoKind, Batch> byKind) {
    this.shortBatch = shortBatch;
    this.longBatch = longBatch;
    this.byKind = byKind;
  }

  /**
   * Lays out the batches for {@code photos} under {@code scratch}.
   *
   * @param repeat how many times over the long batch and the per-kind batches hold the corpus (>=
   *     1); at 1 there is no separate long batch
   * @param byKind whether to make the per-kind folders
   */
  static BenchCorpus prepare(Path photos, Path scratch, int repeat, boolean byKind)
      throws IOException {
    if (repeat < 1) {
      throw new IllegalArgumentException("repeat must be at least 1, was " + repeat);
    }
    List<Path> sources = images(photos);
    Batch shortBatch = new Batch(sources.size() + " photos", null, photos, sources.size());
    Batch longBatch = null;
    Path root = scratch.resolve("corpus");
    Path once = root.resolve("x1");
    if (repeat > 1 || byKind) {
      Files.createDirectories(once);
      for (Path source : sources) {
        linkOrCopy(source, once.resolve(source.getFileName()));
      }
    }
    if (repeat > 1) {
      Path dir = Files.createDirectories(root.resolve("x" + repeat));
      for (Path source : sources) {
        for (int k = 1; k <= repeat; k++) {
          linkOrCopy(
              once.resolve(source.getFileName()),
              dir.resolve(copyName(k, source.getFileName().toString())));
        }
      }
      longBatch =
          new Batch(
              repeat * sources.size() + " photos (corpus x" + repeat + ")",
              null,
              dir,
              repeat * sources.size());
    }
    Map<PhotoKind, Batch> kinds = new EnumMap<>(PhotoKind.class);
    if (byKind) {
      Map<PhotoKind, List<Path>> grouped = new EnumMap<>(PhotoKind.class);
      for (Path source : sources) {
        grouped.computeIfAbsent(PhotoKind.of(source), k -> new ArrayList<>()).add(source);
      }
      for (Map.Entry<PhotoKind, List<Path>> e : grouped.entrySet()) {
        Path dir = Files.createDirectories(root.resolve(e.getKey().folder() + "-x" + repeat));
        for (Path source : e.getValue()) {
          for (int k = 1; k <= repeat; k++) {
            linkOrCopy(
                once.resolve(source.getFileName()),
                dir.resolve(copyName(k, source.getFileName().toString())));
          }
        }
        int n = e.getValue().size() * repeat;
        kinds.put(e.getKey(), new Batch(e.getKey().label() + " x" + repeat, e.getKey(), dir, n));
      }
    }
    return new BenchCorpus(shortBatch, longBatch, kinds);
  }

  /** The photos folder itself. */
  Batch shortBatch() {
    return shortBatch;
  }

  /** The corpus {@code repeat} times over, or null when {@code repeat} is 1. */
  Batch longBatch() {
    return longBatch;
  }

  /** One batch per kind of photo found (empty when not asked for), in {@link PhotoKind} order. */
  Map<PhotoKind, Batch> byKind() {
    return byKind;
  }

  /** Every batch, in the order a round runs them: short, long, then by kind. */
  List<Batch> all() {
    List<Batch> all = new ArrayList<>();
    all.add(shortBatch);
    if (longBatch != null) {
      all.add(longBatch);
    }
    all.addAll(byKind.values());
    return all;
  }

  /** The name of copy {@code k} (1-based) of {@code name}: {@code rK-name}. */
  static String copyName(int k, String name) {
    return "r" + k + "-" + name;
  }

  /** The images the contenders read (the peers take .jpg, .jpeg and .png), sorted by name. */
  static List<Path> images(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(
              p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png");
              })
          .sorted()
          .toList();
    }
  }

  private static void linkOrCopy(Path source, Path target) throws IOException {
    if (Files.exists(target)) {
      return;
    }
    try {
      Files.createLink(target, source);
    } catch (FileAlreadyExistsException e) {
      // made by an earlier call
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // another file system (the read-only corpus), or links not allowed: a full copy
      Files.copy(source, target);
    }
  }
}
