package io.thumbflow.core.decode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * The platforms thumbflow bundles native libraries for (Linux x86_64 and aarch64: Lambda's two
 * architectures), and the copies bundled in this jar under {@code /native/linux-ARCH/}.
 */
public final class NativePlatform {
  // One extracted copy per library and JVM, however often it is looked up.
  private static final Map<String, Optional<Path>> EXTRACTED = new ConcurrentHashMap<>();

  private NativePlatform() {}

  /**
   * {@code x86_64} or {@code aarch64} on Linux, from the JVM's {@code os.*} properties; else empty.
   */
  public static Optional<String> linuxArch(Properties properties) {
    String os = properties.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (!os.startsWith("linux")) {
      return Optional.empty();
    }
    return switch (properties.getProperty("os.arch", "")) {
      case "amd64", "x86_64" -> Optional.of("x86_64");
      case "aarch64", "arm64" -> Optional.of("aarch64");
      default -> Optional.empty();
    };
  }

  /**
   * Loads ({@link System#load}) the jar's copy of thumbflow's own {@code fileName} for this
   * platform, unless the system property {@code switchProperty} is {@code false}, and checks that
   * it is the build its binding expects ({@code abiVersion}, one of its native functions, returns
   * {@code expectedAbi}); false when it is switched off, not bundled for this platform, does not
   * load (a foreign libc, a locked-down JVM) or is another build, and the caller keeps its Java
   * code.
   */
  public static boolean loadBundled(
      String fileName, String switchProperty, IntSupplier abiVersion, int expectedAbi) {
    if ("false".equalsIgnoreCase(System.getProperty(switchProperty, "true"))) {
      return false;
    }
    Optional<Path> lib =
        linuxArch(System.getProperties()).flatMap(arch -> extractBundled(arch, fileName));
    if (lib.isEmpty()) {
      return false;
    }
    try {
      System.load(lib.get().toString());
      return abiVersion.getAsInt() == expectedAbi;
    } catch (UnsatisfiedLinkError | SecurityException e) {
      return false;
    }
  }

  /**
   * The jar's copy of {@code fileName} for {@code arch}, extracted to a temporary file (deleted
   * when the JVM exits) the first time it is asked for; empty when the jar has none or it cannot be
   * written.
   */
  public static Optional<Path> extractBundled(String arch, String fileName) {
    return EXTRACTED.computeIfAbsent(arch + "/" + fileName, key -> extract(arch, fileName));
  }

  private static Optional<Path> extract(String arch, String fileName) {
    String resource = "/native/linux-" + arch + "/" + fileName;
    try (InputStream in = NativePlatform.class.getResourceAsStream(resource)) {
      if (in == null) {
        return Optional.empty();
      }
      Path file = Files.createTempFile("thumbflow-" + fileName + "-", ".so");
      file.toFile().deleteOnExit();
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return Optional.of(file);
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }
}
