package io.thumbflow.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The libwebp builds that webp-imageio bundles for Linux load on AWS Lambda's Amazon Linux 2023
 * (glibc 2.34) on both architectures: each is an ELF file of its architecture, needs nothing beyond
 * glibc's own libraries (no libstdc++), no glibc symbol version above 2.34, and no executable
 * stack.
 *
 * <p>Needs readelf (Debian binutils); skips without it ({@code .ci/run} installs it and fails on a
 * skip).
 */
class WebpNativesTest {
  private static final String MAX_GLIBC = "2.34";
  private static final Set<String> AL2023_BASE =
      Set.of(
          "libc.so.6",
          "libm.so.6",
          "libpthread.so.0",
          "libdl.so.2",
          "librt.so.1",
          "ld-linux-x86-64.so.2",
          "ld-linux-aarch64.so.1");

  @ParameterizedTest(name = "{0}")
  @CsvSource({"x86_64, X86-64", "aarch64, AArch64"})
  void bundledLibwebpLoadsOnAmazonLinux2023(String arch, String machine, @TempDir Path tmp)
      throws Exception {
    Path readelf = Path.of("/usr/bin/readelf");
    assumeTrue(Files.isExecutable(readelf), "readelf (Debian binutils) not installed");
    Path lib = tmp.resolve("libwebp-imageio.so");
    try (InputStream in =
        WebpNativesTest.class.getResourceAsStream(
            "/native/Linux/" + arch + "/libwebp-imageio.so")) {
      assertThat(in).as("webp-imageio bundles a Linux %s build", arch).isNotNull();
      Files.copy(in, lib);
    }
    assertThat(run(readelf, "-h", lib)).containsPattern("Machine:\\s+.*" + Pattern.quote(machine));
    List<String> needed =
        Pattern.compile("\\(NEEDED\\)\\s+Shared library: \\[([^]]+)]")
            .matcher(run(readelf, "-d", lib))
            .results()
            .map(m -> m.group(1))
            .toList();
    assertThat(needed).isNotEmpty().allMatch(AL2023_BASE::contains);
    Matcher glibc = Pattern.compile("GLIBC_([0-9.]+)").matcher(run(readelf, "-V", "-W", lib));
    String newest =
        glibc
            .results()
            .map(m -> m.group(1))
            .max(Comparator.comparing(WebpNativesTest::version))
            .orElse("0");
    assertThat(version(newest))
        .as("newest GLIBC_ version %s", newest)
        .isLessThanOrEqualTo(version(MAX_GLIBC));
    assertThat(run(readelf, "-l", "-W", lib))
        .containsPattern("GNU_STACK.* RW ")
        .doesNotContainPattern("GNU_STACK.* RWE ");
  }

  /** A dotted version as a comparable number (2.34 -> 2034000, 2.2.5 -> 2002005). */
  private static long version(String dotted) {
    long v = 0;
    String[] parts = (dotted + ".0.0").split("\\.");
    for (int i = 0; i < 3; i++) {
      v = v * 1000 + Long.parseLong(parts[i]);
    }
    return v;
  }

  private static String run(Path readelf, Object... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of(readelf.toString()));
    for (Object a : args) {
      command.add(a.toString());
    }
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
