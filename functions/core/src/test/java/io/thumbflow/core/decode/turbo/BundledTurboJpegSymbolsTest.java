package io.thumbflow.core.decode.turbo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.libjpegturbo.turbojpeg.TJCompressor;
import org.libjpegturbo.turbojpeg.TJDecompressor;

/**
 * Both libjpeg-turbo copies bundled for Lambda export a JNI function for every native method of the
 * decode and encode bindings. Only the machine's own architecture can be loaded here, so the
 * aarch64 copy is checked by its dynamic symbol table.
 *
 * <p>Needs readelf (Debian binutils); skips without it ({@code .ci/run} installs it and fails on a
 * skip).
 */
class BundledTurboJpegSymbolsTest {
  private static final Map<Class<?>, String> JNI_TYPES =
      Map.of(int.class, "I", long.class, "J", int[].class, "_3I", byte[].class, "_3B");

  /**
   * The long JNI name of {@code method}, the one the JVM looks up when the short one is missing:
   * {@code Java_<class>_<method>__<argument descriptors>}, with '_' for '/' and "_3" for '['.
   */
  static String jniName(Method method) {
    StringBuilder name =
        new StringBuilder("Java_")
            .append(method.getDeclaringClass().getName().replace('.', '_'))
            .append('_')
            .append(method.getName());
    if (method.getParameterCount() > 0) {
      name.append("__");
      for (Class<?> type : method.getParameterTypes()) {
        String code = JNI_TYPES.get(type);
        assertThat(code).as("JNI code of %s in %s", type, method).isNotNull();
        name.append(code);
      }
    }
    return name.toString();
  }

  private static List<Method> nativeMethods() {
    return Stream.of(TJDecompressor.class, TJCompressor.class)
        .flatMap(c -> Arrays.stream(c.getDeclaredMethods()))
        .filter(m -> Modifier.isNative(m.getModifiers()))
        .toList();
  }

  @Test
  void namesNativeMethodsAsTheJvmLooksThemUp() throws Exception {
    assertThat(jniName(TJCompressor.class.getDeclaredMethod("init")))
        .isEqualTo("Java_org_libjpegturbo_turbojpeg_TJCompressor_init");
    assertThat(nativeMethods()).hasSizeGreaterThanOrEqualTo(7);
  }

  @ParameterizedTest
  @ValueSource(strings = {"x86_64", "aarch64"})
  void eachBundledLibraryExportsEveryNativeMethodOfTheBindings(String arch) throws Exception {
    Path readelf = Path.of("/usr/bin/readelf");
    assumeTrue(Files.isExecutable(readelf), "readelf (Debian binutils) not installed");
    Path lib = Files.createTempFile("libturbojpeg-" + arch, ".so");
    try {
      try (InputStream in =
          getClass().getResourceAsStream("/native/linux-" + arch + "/libturbojpeg.so.0")) {
        assertThat(in).as("thumbflow-core bundles libturbojpeg for %s", arch).isNotNull();
        Files.copy(in, lib, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      String symbols = dynamicSymbols(readelf, lib);

      for (Method method : nativeMethods()) {
        String plain = jniName(method).replaceFirst("__.*", "");
        assertThat(symbols)
            .as("%s exports %s", arch, method)
            .containsPattern(" (" + jniName(method) + "|" + plain + ")(@\\S+)?\\n");
      }
    } finally {
      Files.deleteIfExists(lib);
    }
  }

  private static String dynamicSymbols(Path readelf, Path lib)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(readelf.toString(), "-W", "--dyn-syms", lib.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out + "\n";
  }
}
