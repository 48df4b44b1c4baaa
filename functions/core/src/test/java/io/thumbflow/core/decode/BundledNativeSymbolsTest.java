package io.thumbflow.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.libjpegturbo.turbojpeg.TJCompressor;
import org.libjpegturbo.turbojpeg.TJDecompressor;

/**
 * Every native library bundled for Lambda (libjpeg-turbo, thumbflow's PNG row, pixel and JPEG scan
 * loops), on both architectures, exports a JNI function for every native method of its Java binding
 * and asks for no glibc newer than Amazon Linux 2023's (2.34), the Lambda java21 runtime's. Only
 * the machine's own architecture can be loaded here, so the aarch64 copies are checked by their
 * symbol tables.
 *
 * <p>Needs readelf (Debian binutils); skips without it ({@code .ci/run} installs it and fails on a
 * skip).
 */
class BundledNativeSymbolsTest {
  private static final Map<Class<?>, String> JNI_TYPES =
      Map.of(
          int.class,
          "I",
          long.class,
          "J",
          boolean.class,
          "Z",
          int[].class,
          "_3I",
          byte[].class,
          "_3B",
          short[].class,
          "_3S");

  /** Amazon Linux 2023's glibc, under the Lambda java21 runtime. */
  private static final int NEWEST_GLIBC_MINOR = 34;

  private static final Path READELF = Path.of("/usr/bin/readelf");

  static Stream<Arguments> libraries() throws ClassNotFoundException {
    Class<?> pngRows = Class.forName("io.thumbflow.core.decode.png.NativePngRows");
    Class<?> pixels = Class.forName("io.thumbflow.core.render.NativePixels");
    Class<?> jpegScan = Class.forName("io.thumbflow.core.decode.dc.NativeJpegScan");
    return Stream.of("x86_64", "aarch64")
        .flatMap(
            arch ->
                Stream.of(
                    Arguments.of(
                        arch,
                        "libturbojpeg.so.0",
                        List.of(TJDecompressor.class, TJCompressor.class)),
                    Arguments.of(arch, "libthumbflow_png.so", List.of(pngRows)),
                    Arguments.of(arch, "libthumbflow_pixels.so", List.of(pixels)),
                    Arguments.of(arch, "libthumbflow_jpeg.so", List.of(jpegScan))));
  }

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

  private static List<Method> nativeMethods(List<Class<?>> bindings) {
    return bindings.stream()
        .flatMap(c -> Arrays.stream(c.getDeclaredMethods()))
        .filter(m -> Modifier.isNative(m.getModifiers()))
        .toList();
  }

  @Test
  void namesNativeMethodsAsTheJvmLooksThemUp() throws Exception {
    assertThat(jniName(TJCompressor.class.getDeclaredMethod("init")))
        .isEqualTo("Java_org_libjpegturbo_turbojpeg_TJCompressor_init");
    assertThat(nativeMethods(List.of(TJDecompressor.class, TJCompressor.class)))
        .hasSizeGreaterThanOrEqualTo(7);
  }

  @ParameterizedTest(name = "{1} for {0}")
  @MethodSource("libraries")
  void eachBundledLibraryExportsEveryNativeMethodOfItsBinding(
      String arch, String fileName, List<Class<?>> bindings, @TempDir Path dir) throws Exception {
    String symbols = readelf("--dyn-syms", bundled(arch, fileName, dir));
    List<Method> methods = nativeMethods(bindings);
    assertThat(methods).isNotEmpty();
    for (Method method : methods) {
      String plain = jniName(method).replaceFirst("__.*", "");
      assertThat(symbols)
          .as("%s for %s exports %s", fileName, arch, method)
          .containsPattern(" (" + jniName(method) + "|" + plain + ")(@\\S+)?\\n");
    }
  }

  @ParameterizedTest(name = "{1} for {0}")
  @MethodSource("libraries")
  void eachBundledLibraryNeedsNoGlibcNewerThanLambdas(
      String arch, String fileName, List<Class<?>> bindings, @TempDir Path dir) throws Exception {
    Matcher versions =
        Pattern.compile("GLIBC_2\\.(\\d+)").matcher(readelf("-V", bundled(arch, fileName, dir)));
    int newest = 0;
    while (versions.find()) newest = Math.max(newest, Integer.parseInt(versions.group(1)));
    assertThat(newest)
        .as("%s for %s: newest GLIBC_2.x", fileName, arch)
        .isLessThanOrEqualTo(NEWEST_GLIBC_MINOR);
  }

  /** The jar's copy of {@code fileName} for {@code arch}, as a file in {@code dir}. */
  private Path bundled(String arch, String fileName, Path dir) throws IOException {
    assumeTrue(Files.isExecutable(READELF), "readelf (Debian binutils) not installed");
    Path lib = dir.resolve(arch + "-" + fileName);
    try (InputStream in =
        getClass().getResourceAsStream("/native/linux-" + arch + "/" + fileName)) {
      assertThat(in).as("thumbflow-core bundles %s for %s", fileName, arch).isNotNull();
      Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
    }
    return lib;
  }

  private static String readelf(String option, Path lib) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(READELF.toString(), "-W", option, lib.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out + "\n";
  }
}
