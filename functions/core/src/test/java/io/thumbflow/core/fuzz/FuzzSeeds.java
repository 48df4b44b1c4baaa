package io.thumbflow.core.fuzz;

import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.decode.FormatSniffer;
import io.thumbflow.core.decode.SniffedFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Seeds for the image fuzz targets, read at test time from {@code ../shared/corpus} (hostile,
 * phones, photos) so that no corpus file is copied into the repository. Only small files are taken:
 * the fuzzer mutates small inputs faster, and in regression mode every seed runs as a test. Empty
 * when the shared folder is absent (a clone on its own); the targets then run on their checked-in
 * inputs only.
 */
public final class FuzzSeeds {
  /** Largest corpus file used as a seed (bytes). */
  public static final int MAX_SEED_BYTES = 32 * 1024;

  private FuzzSeeds() {}

  /**
   * Corpus files of at most {@link #MAX_SEED_BYTES} sniffed as one of {@code formats} (all when
   * empty).
   */
  public static Stream<Arguments> corpus(Set<ImageFormat> formats) {
    return files()
        .filter(
            f -> {
              if (formats.isEmpty()) {
                return true;
              }
              SniffedFormat s = FormatSniffer.sniff(read(f));
              return s.format() != null && formats.contains(s.format());
            })
        .map(f -> seed(f.getParent().getFileName() + "/" + f.getFileName(), read(f)));
  }

  /** A named seed argument for a {@code byte[]} fuzz target. */
  public static Arguments seed(String name, byte[] data) {
    return Arguments.of(Named.of(name, data));
  }

  /** Small corpus files, in a stable order. */
  public static Stream<Path> files() {
    Path corpus = shared().resolve("corpus");
    if (!Files.isDirectory(corpus)) {
      return Stream.empty();
    }
    return Stream.of("hostile", "phones", "photos")
        .map(corpus::resolve)
        .filter(Files::isDirectory)
        .flatMap(FuzzSeeds::list)
        .filter(f -> size(f) > 0 && size(f) <= MAX_SEED_BYTES)
        .filter(f -> !f.getFileName().toString().matches(".*\\.(md|tsv|java)$"))
        .sorted();
  }

  /** Files of {@code corpus/photos} (for seeds made from them at test time), in a stable order. */
  public static List<Path> photos() {
    Path photos = shared().resolve("corpus").resolve("photos");
    if (!Files.isDirectory(photos)) {
      return List.of();
    }
    return list(photos).filter(f -> f.getFileName().toString().endsWith(".jpg")).sorted().toList();
  }

  public static byte[] read(Path f) {
    try {
      return Files.readAllBytes(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path shared() {
    return Path.of(System.getProperty("thumbflow.shared", "../../../shared"));
  }

  private static Stream<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long size(Path f) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
