package io.thumbflow.core.decode.heif;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import io.thumbflow.core.decode.NativePlatform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Finds and links libheif. Order: the {@value #PROPERTY} system property or {@value #ENV}
 * environment variable (an explicit path wins alone: a bundle folder holding {@value
 * LoadOrder#FILE_NAME}, or one libheif file; {@code none} disables HEIC/AVIF), then a bundle beside
 * the Lambda code ({@code $LAMBDA_TASK_ROOT/native/linux-ARCH/}) or in a layer ({@code
 * /opt/native/linux-ARCH/}), then the system's {@value #SONAME} (Debian/Ubuntu package libheif1).
 */
final class HeifLibrary {
  static final String PROPERTY = "thumbflow.libheif";
  static final String ENV = "THUMBFLOW_LIBHEIF";
  static final String SONAME = "libheif.so.1";
  static final String INSTALL_HINT =
      "install libheif1 (apt-get install libheif1); on Lambda, build the zip with -Pheif-natives";

  /** A place libheif may be: a bundle folder, one library file, or the system's search path. */
  sealed interface Candidate {
    record Bundle(Path dir) implements Candidate {}

    record File(Path library) implements Candidate {}

    record System() implements Candidate {}
  }

  /**
   * A linked libheif, or why there is none.
   *
   * @param api the bound library, or null
   * @param origin where it was loaded from (a path or "system libheif.so.1"), or null
   * @param version libheif's version string, or null
   * @param problem why no libheif is usable (one line, ends with what to do), or null when linked
   */
  record Linked(LibHeif api, String origin, String version, String problem) {
    boolean usable() {
      return api != null;
    }
  }

  // Strong references: JNA unloads (dlclose) a NativeLibrary once it is unreachable.
  private static final List<NativeLibrary> KEEP = new ArrayList<>();

  private final Properties properties;
  private final Map<String, String> env;

  HeifLibrary(Properties properties, Map<String, String> env) {
    this.properties = properties;
    this.env = env;
  }

  static HeifLibrary fromSystem() {
    return new HeifLibrary(java.lang.System.getProperties(), java.lang.System.getenv());
  }

  /** The explicit setting, or null when none is given. */
  String explicit() {
    String value = properties.getProperty(PROPERTY, env.get(ENV));
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** The candidates in lookup order; empty when disabled. */
  List<Candidate> candidates() {
    String explicit = explicit();
    if (explicit != null) {
      if (explicit.equalsIgnoreCase("none")) {
        return List.of();
      }
      Path path = Path.of(explicit);
      return List.of(
          Files.isDirectory(path) ? new Candidate.Bundle(path) : new Candidate.File(path));
    }
    List<Candidate> found = new ArrayList<>();
    String arch = arch();
    if (arch != null) {
      String taskRoot = env.get("LAMBDA_TASK_ROOT");
      if (taskRoot != null && !taskRoot.isBlank()) {
        addBundle(found, Path.of(taskRoot, "native", "linux-" + arch));
      }
      addBundle(found, Path.of("/opt/native/linux-" + arch));
    }
    found.add(new Candidate.System());
    return found;
  }

  private static void addBundle(List<Candidate> found, Path dir) {
    if (LoadOrder.isBundle(dir)) {
      found.add(new Candidate.Bundle(dir));
    }
  }

  /** {@code x86_64} or {@code aarch64} on Linux, else null (no bundle for other platforms). */
  String arch() {
    return NativePlatform.linuxArch(properties).orElse(null);
  }

  /**
   * Links the first candidate that works; a failed bundle or file is reported, not skipped
   * silently.
   */
  Linked link() {
    List<Candidate> candidates = candidates();
    if (candidates.isEmpty()) {
      return new Linked(null, null, null, "libheif is disabled (" + PROPERTY + "=none)");
    }
    List<String> problems = new ArrayList<>();
    for (Candidate c : candidates) {
      try {
        return link(c);
      } catch (IOException | LinkageError | RuntimeException e) {
        problems.add(describe(c) + ": " + oneLine(e));
        if (!(c instanceof Candidate.System) && explicit() != null) {
          break;
        }
      }
    }
    return new Linked(
        null,
        null,
        null,
        "libheif not usable (" + String.join("; ", problems) + "): " + INSTALL_HINT);
  }

  private static Linked link(Candidate c) throws IOException {
    if (c instanceof Candidate.Bundle b) {
      return linkBundle(LoadOrder.read(b.dir()));
    }
    if (c instanceof Candidate.File f) {
      if (!Files.isRegularFile(f.library())) {
        throw new IOException("no such file");
      }
      return linked(
          Native.load(f.library().toAbsolutePath().toString(), LibHeif.class),
          f.library().toString());
    }
    return linked(Native.load(SONAME, LibHeif.class), "system " + SONAME);
  }

  private static Linked linkBundle(LoadOrder order) throws IOException {
    synchronized (KEEP) {
      for (Path lib : order.libraries().subList(0, order.libraries().size() - 1)) {
        KEEP.add(NativeLibrary.getInstance(lib.toString()));
      }
    }
    LibHeif api = Native.load(order.libheif().toString(), LibHeif.class);
    initialise(api);
    for (Path plugin : order.plugins()) {
      LibHeif.HeifError e = api.heif_load_plugin(plugin.toString(), new PointerByReference());
      if (e.code != 0) {
        throw new IOException(
            "libheif could not load plugin " + plugin.getFileName() + ": " + e.message);
      }
    }
    return new Linked(api, order.dir().toString(), api.heif_get_version(), null);
  }

  private static Linked linked(LibHeif api, String origin) {
    initialise(api);
    return new Linked(api, origin, api.heif_get_version(), null);
  }

  /**
   * heif_init (libheif 1.13+) registers the codecs, loading plugin builds' default plugins; older
   * ones need none.
   */
  private static void initialise(LibHeif api) {
    try {
      LibHeif.HeifError e = api.heif_init(Pointer.NULL);
      if (e.code != 0) {
        throw new IllegalStateException("heif_init failed: " + e.message);
      }
    } catch (UnsatisfiedLinkError older) {
      // libheif 1.11/1.12: codecs are built in and registered statically.
    }
  }

  private static String describe(Candidate c) {
    if (c instanceof Candidate.Bundle b) {
      return "bundle " + b.dir();
    }
    return c instanceof Candidate.File f ? f.library().toString() : "system " + SONAME;
  }

  private static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    m = m.replaceAll("\\s+", " ").strip();
    return m.length() > 200 ? m.substring(0, 197) + "..." : m;
  }
}
