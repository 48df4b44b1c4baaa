package io.thumbflow.core.decode.turbo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TurboJpegLibraryTest {
  @Test
  void findsNothingOnMacOs() {
    assertThat(library("Mac OS X", "aarch64", Map.of()).locate().toList()).isEmpty();
  }

  @Test
  void findsNothingOnAnUnsupportedLinuxArchitecture() {
    assertThat(library("Linux", "riscv64", Map.of()).locate().toList()).isEmpty();
  }

  @Test
  void mapsJavaArchitectureNamesToMultiarchNames() {
    assertThat(library("Linux", "amd64", Map.of()).arch()).contains("x86_64");
    assertThat(library("Linux", "aarch64", Map.of()).arch()).contains("aarch64");
  }

  @Test
  void anExplicitPathFromTheEnvironmentWins(@TempDir Path dir) throws IOException {
    Path lib = Files.writeString(dir.resolve("libturbojpeg.so.0"), "x");

    assertThat(
            library("Linux", "amd64", Map.of(TurboJpegLibrary.ENV, lib.toString()))
                .locate()
                .toList())
        .contains(lib);
  }

  @Test
  void aMissingExplicitPathDisablesTheNativePathRatherThanSearchingElsewhere() {
    Map<String, String> env = Map.of(TurboJpegLibrary.ENV, "/nonexistent/libturbojpeg.so.0");

    assertThat(library("Linux", "amd64", env).locate().toList()).isEmpty();
  }

  @Test
  void noneDisablesTheNativePath() {
    assertThat(library("Linux", "amd64", Map.of(TurboJpegLibrary.ENV, "none")).locate().toList())
        .isEmpty();
  }

  @Test
  void looksBesideTheLambdaCodeBeforeTheSystemDirectories() {
    var candidates =
        library("Linux", "aarch64", Map.of("LAMBDA_TASK_ROOT", "/var/task")).candidates("aarch64");

    assertThat(candidates.get(0))
        .isEqualTo(Path.of("/var/task/native/linux-aarch64/libturbojpeg.so.0"));
    assertThat(candidates).contains(Path.of("/usr/lib/aarch64-linux-gnu/libturbojpeg.so.0"));
  }

  private static TurboJpegLibrary library(String os, String arch, Map<String, String> env) {
    Properties p = new Properties();
    p.setProperty("os.name", os);
    p.setProperty("os.arch", arch);
    return new TurboJpegLibrary(p, env);
  }

  @Test
  void bundlesALibraryBuiltForEachLambdaArchitecture() throws IOException {
    // ELF e_machine at offset 18 (little-endian): 62 = x86-64, 183 = AArch64.
    assertThat(elfMachine("/native/linux-x86_64/libturbojpeg.so.0")).isEqualTo(62);
    assertThat(elfMachine("/native/linux-aarch64/libturbojpeg.so.0")).isEqualTo(183);
  }

  @Test
  void extractsTheBundledLibraryOnceToARegularFile() throws IOException {
    Path first = TurboJpegLibrary.extractBundled("aarch64").orElseThrow();

    assertThat(Files.size(first)).isGreaterThan(100_000);
    assertThat(TurboJpegLibrary.extractBundled("aarch64")).contains(first);
  }

  private static int elfMachine(String resource) throws IOException {
    try (var in = TurboJpegLibrary.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      byte[] head = in.readNBytes(20);
      assertThat(head).startsWith(0x7f, 'E', 'L', 'F');
      return (head[18] & 0xff) | (head[19] & 0xff) << 8;
    }
  }
}
