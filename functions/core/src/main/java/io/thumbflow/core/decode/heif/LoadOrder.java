package io.thumbflow.core.decode.heif;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The load-order list of a libheif bundle ({@value #FILE_NAME} beside the libraries, written by
 * {@code functions/lambda/natives/fetch-heif-natives.sh}): one {@code lib FILE} or {@code plugin
 * FILE} per line, dependencies before their dependents, {@code #} comments. Libraries are loaded by
 * absolute path in this order so that each one's NEEDED sonames resolve to the copies already
 * loaded, without LD_LIBRARY_PATH; plugins are handed to libheif once it is loaded.
 *
 * @param dir the bundle folder
 * @param libraries shared libraries in load order, the last one libheif itself
 * @param plugins libheif decoder plugins (libheif 1.14+ builds), in load order; may be empty
 */
record LoadOrder(Path dir, List<Path> libraries, List<Path> plugins) {
  static final String FILE_NAME = "heif-natives.txt";

  LoadOrder {
    libraries = List.copyOf(libraries);
    plugins = List.copyOf(plugins);
  }

  /** True when {@code dir} holds a load-order list. */
  static boolean isBundle(Path dir) {
    return Files.isRegularFile(dir.resolve(FILE_NAME));
  }

  /** Reads the list of {@code dir}; every file it names must exist there. */
  static LoadOrder read(Path dir) throws IOException {
    List<Path> libraries = new ArrayList<>();
    List<Path> plugins = new ArrayList<>();
    int lineNo = 0;
    for (String raw : Files.readAllLines(dir.resolve(FILE_NAME))) {
      lineNo++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\s+");
      if (parts.length != 2 || parts[1].contains("/")) {
        throw new IOException(FILE_NAME + " line " + lineNo + " is not 'lib|plugin FILE': " + line);
      }
      Path file = dir.resolve(parts[1]).toAbsolutePath().normalize();
      if (!Files.isRegularFile(file)) {
        throw new IOException(FILE_NAME + " names " + parts[1] + ", which is not in " + dir);
      }
      switch (parts[0]) {
        case "lib" -> libraries.add(file);
        case "plugin" -> plugins.add(file);
        default ->
            throw new IOException(
                FILE_NAME
                    + " line "
                    + lineNo
                    + " has kind '"
                    + parts[0]
                    + "' (expected lib or plugin)");
      }
    }
    if (libraries.isEmpty()) {
      throw new IOException(FILE_NAME + " in " + dir + " lists no library");
    }
    return new LoadOrder(dir, libraries, plugins);
  }

  /** The last library of the list: libheif itself. */
  Path libheif() {
    return libraries.get(libraries.size() - 1);
  }
}
