package io.thumbflow.core.decode.turbo;

import io.thumbflow.core.decode.NativePlatform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Finds libturbojpeg.so.0 (libjpeg-turbo 2.x, built with its JNI functions, as Debian's
 * libturbojpeg0 is) for this platform. Order: the {@value #PROPERTY} system property or {@value
 * #ENV} environment variable (an explicit path wins and is never second-guessed; {@code none}
 * disables the native path), then a copy bundled beside the Lambda code ({@code
 * $LAMBDA_TASK_ROOT/native/linux-ARCH/}) or in a layer ({@code /opt/native/linux-ARCH/}), then the
 * system's library directories, then a copy in this jar ({@code /native/linux-ARCH/}) extracted to
 * a temporary file.
 */
final class TurboJpegLibrary {
  static final String PROPERTY = "thumbflow.turbojpeg.lib";
  static final String ENV = "THUMBFLOW_TURBOJPEG_LIB";
  static final String FILE_NAME = "libturbojpeg.so.0";

  private final Properties properties;
  private final Map<String, String> env;

  TurboJpegLibrary(Properties properties, Map<String, String> env) {
    this.properties = properties;
    this.env = env;
  }

  static TurboJpegLibrary fromSystem() {
    return new TurboJpegLibrary(System.getProperties(), System.getenv());
  }

  /**
   * The libraries to try, in order, until one links: the explicit path alone when one is set, else
   * the installed candidates that exist, then the copy bundled in this jar (extracted only if
   * reached: the stream is lazy). Empty when disabled or when this is not Linux x86_64/aarch64.
   */
  Stream<Path> locate() {
    String explicit = properties.getProperty(PROPERTY, env.get(ENV));
    if (explicit != null && !explicit.isBlank()) {
      if (explicit.equalsIgnoreCase("none")) {
        return Stream.empty();
      }
      Path path = Path.of(explicit);
      return Files.isRegularFile(path) ? Stream.of(path) : Stream.empty();
    }
    Optional<String> arch = arch();
    if (arch.isEmpty()) {
      return Stream.empty();
    }
    // A system library without the Java (JNI) entry points fails to link; the bundled copy is then
    // next.
    return Stream.concat(
        candidates(arch.get()).stream().filter(Files::isRegularFile),
        Stream.of(arch.get()).map(TurboJpegLibrary::extractBundled).flatMap(Optional::stream));
  }

  /** {@code x86_64} or {@code aarch64} on Linux, else empty. */
  Optional<String> arch() {
    return NativePlatform.linuxArch(properties);
  }

  List<Path> candidates(String arch) {
    List<Path> paths = new ArrayList<>();
    String taskRoot = env.get("LAMBDA_TASK_ROOT");
    if (taskRoot != null && !taskRoot.isBlank()) {
      paths.add(Path.of(taskRoot, "native", "linux-" + arch, FILE_NAME));
    }
    paths.add(Path.of("/opt/native/linux-" + arch, FILE_NAME));
    paths.add(Path.of("/usr/lib/" + arch + "-linux-gnu", FILE_NAME)); // Debian, Ubuntu
    paths.add(Path.of("/usr/lib64", FILE_NAME)); // Amazon Linux, Fedora (package turbojpeg)
    return paths;
  }

  static Optional<Path> extractBundled(String arch) {
    return NativePlatform.extractBundled(arch, FILE_NAME);
  }
}
