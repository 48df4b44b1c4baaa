package io.thumbflow.lambda.natives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The libheif natives the Lambda zip carries ({@code target/natives}, written by {@code
 * natives/fetch-heif-natives.sh} in the {@code heif-natives} profile): both architectures pass
 * {@code verify-heif-natives.sh} (NEEDED libraries bundled or in Amazon Linux 2023, glibc <= 2.34,
 * libstdc++ <= GCC 11), and on x86_64 a HEIC decodes through the bundle laid out as in the Lambda
 * task root, with none of the system's libheif, libde265 or dav1d mapped. Skips without the natives
 * (a plain {@code mvn verify}), without readelf, or with a JVM that is not Linux x86_64; {@code
 * .ci/run} builds with the profile and fails on a skip.
 */
class HeifNativesBundleTest {
  private static final Path NATIVES = Path.of("target", "natives").toAbsolutePath();
  private static final Path SCRIPTS = Path.of("natives").toAbsolutePath();

  @BeforeAll
  static void needsTheNatives() {
    assumeTrue(
        Files.isRegularFile(NATIVES.resolve("linux-x86_64/heif-natives.txt"))
            && Files.isRegularFile(NATIVES.resolve("linux-aarch64/heif-natives.txt")),
        "no libheif natives in " + NATIVES + " (build with -Pheif-natives)");
  }

  @Test
  void bothArchitecturesPassTheAmazonLinux2023Check() throws Exception {
    Result r =
        run(
            List.of(
                "bash",
                SCRIPTS.resolve("verify-heif-natives.sh").toString(),
                NATIVES.resolve("linux-x86_64").toString(),
                NATIVES.resolve("linux-aarch64").toString()),
            null);
    assumeTrue(r.exit() != 2, "verify-heif-natives.sh cannot run here: " + r.out());
    assertThat(r.out())
        .contains("ok   x86_64 libheif.so.1")
        .contains("ok   aarch64 libheif.so.1")
        .doesNotContain("FAIL");
    assertThat(r.exit()).isZero();
  }

  @Test
  void theCheckRefusesALibraryNeedingANewerGlibcThanAmazonLinux2023s(@TempDir Path tmp)
      throws Exception {
    // Debian 12's own libstdc++ (GCC 12) needs GLIBC_2.36: the reason it is not bundled.
    Path newer = Path.of("/usr/lib/x86_64-linux-gnu/libstdc++.so.6");
    assumeTrue(
        Files.isRegularFile(newer)
            && Files.readString(Path.of("/etc/os-release")).contains("bookworm"),
        "needs Debian 12 x86_64's libstdc++");
    Path dir = Files.createDirectories(tmp.resolve("linux-x86_64"));
    Files.copy(newer, dir.resolve("libstdc++.so.6"));
    Files.writeString(dir.resolve("heif-natives.txt"), "lib libstdc++.so.6\n");
    Result r =
        run(
            List.of("bash", SCRIPTS.resolve("verify-heif-natives.sh").toString(), dir.toString()),
            null);
    assertThat(r.out())
        .contains("FAIL x86_64 libstdc++.so.6")
        .contains("needs GLIBC_2.36 > GLIBC_2.34");
    assertThat(r.exit()).isEqualTo(1);
  }

  @Test
  void aHeicDecodesThroughTheBundleInTheTaskRootNotTheSystemLibheif(@TempDir Path taskRoot)
      throws Exception {
    assumeTrue(
        System.getProperty("os.name").startsWith("Linux")
            && System.getProperty("os.arch").equals("amd64"),
        "the x86_64 bundle can only be loaded on Linux x86_64");
    Path heic = heicFromTheCorpus();
    Path bundle = Files.createDirectories(taskRoot.resolve("native/linux-x86_64"));
    try (Stream<Path> files = Files.list(NATIVES.resolve("linux-x86_64"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, bundle.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Result r =
        run(
            List.of(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                HeifBundleProbe.class.getName(),
                heic.toString()),
            taskRoot);
    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out()).contains("origin " + bundle + " version 1.19.7").contains("decoded ");
    List<String> mapped =
        r.out().lines().filter(l -> l.startsWith("mapped ")).map(l -> l.substring(7)).toList();
    for (String lib : List.of("libheif.so", "libde265.so", "libdav1d.so", "libheif-libde265.so")) {
      assertThat(mapped)
          .as("%s mapped from the bundle", lib)
          .anyMatch(p -> p.startsWith(bundle + "/") && p.contains(lib));
      assertThat(mapped)
          .as("no system copy of %s", lib)
          .noneMatch(p -> !p.startsWith(bundle + "/") && p.contains("/" + lib));
    }
  }

  private static Path heicFromTheCorpus() throws IOException {
    Path phones =
        Path.of(System.getProperty("thumbflow.shared", "../../../shared"), "corpus", "phones");
    assumeTrue(
        Files.isRegularFile(phones.resolve("MANIFEST.tsv")), "../shared/corpus/phones not found");
    String file =
        Files.readAllLines(phones.resolve("MANIFEST.tsv")).stream()
            .map(l -> l.split("\t", -1))
            .filter(c -> c.length > 5 && c[4].equals("heic-iphone"))
            .map(c -> c[0])
            .findFirst()
            .orElseThrow();
    return phones.resolve(file);
  }

  private record Result(int exit, String out) {}

  private static Result run(List<String> command, Path lambdaTaskRoot)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
    pb.environment().remove("THUMBFLOW_LIBHEIF");
    if (lambdaTaskRoot != null) {
      pb.environment().put("LAMBDA_TASK_ROOT", lambdaTaskRoot.toString());
    }
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out);
  }
}
