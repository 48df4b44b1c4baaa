package io.thumbflow.orchestrator.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.thumbflow.core.decode.NativePlatform;
import io.thumbflow.orchestrator.cli.ThumbflowCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the rendered launcher with {@code /bin/sh} against a stand-in {@code java} that prints the
 * arguments and environment it was given, and compares them with what {@link TunedJvm} would start.
 */
class LauncherScriptTest {
  private static final Path SH = Path.of("/bin/sh");

  @TempDir Path root;
  private Path targetDir;
  private Path javaHome;
  private Path script;

  @BeforeEach
  void scriptNextToAJarWithAStandInJava() throws IOException {
    assumeTrue(Files.isExecutable(SH), "needs a POSIX shell");
    targetDir = Files.createDirectories(root.resolve("a target with spaces"));
    Files.writeString(targetDir.resolve("thumbflow.jar"), "");
    script = targetDir.resolve(LauncherScript.NAME);
    LauncherScript.write(script);
    javaHome = Files.createDirectories(root.resolve("jdk"));
    Path java = Files.createDirectories(javaHome.resolve("bin")).resolve("java");
    Files.writeString(
        java,
        "#!/bin/sh\n"
            + "for a in \"$@\"; do printf 'arg %s\\n' \"$a\"; done\n"
            + "printf 'env MALLOC_MMAP_THRESHOLD_=%s\\n' \"${MALLOC_MMAP_THRESHOLD_-unset}\"\n"
            + "printf 'env GLIBC_TUNABLES=%s\\n' \"${GLIBC_TUNABLES-unset}\"\n");
    assertThat(java.toFile().setExecutable(true)).isTrue();
  }

  private record Launch(List<String> args, Map<String, String> env) {}

  private Launch launch(Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(script.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(k -> k.startsWith("THUMBFLOW_") || k.startsWith("MALLOC_"));
    environment.remove("GLIBC_TUNABLES");
    environment.remove("JAVA_TOOL_OPTIONS");
    environment.remove("JDK_JAVA_OPTIONS");
    environment.put("JAVA_HOME", javaHome.toString());
    environment.putAll(env);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    List<String> printedArgs = new ArrayList<>();
    Map<String, String> printedEnv = new HashMap<>();
    for (String line : out.split("\n")) {
      if (line.startsWith("arg ")) printedArgs.add(line.substring(4));
      if (line.startsWith("env ")) {
        String[] kv = line.substring(4).split("=", 2);
        printedEnv.put(kv[0], kv[1]);
      }
    }
    return new Launch(printedArgs, printedEnv);
  }

  /** What {@code java -jar} would re-launch for these arguments, without the java executable. */
  private List<String> relaunch(String... args) {
    return relaunch(Map.of(), false, args);
  }

  /** The same, with this environment and huge pages offered or not. */
  private List<String> relaunch(Map<String, String> env, boolean hugePages, String... args) {
    List<String> cmd =
        TunedJvm.command(
                ThumbflowCli.class.getName(),
                args,
                env,
                List.of(),
                false,
                Optional.of(targetDir.resolve("thumbflow.jar")),
                javaHome.resolve("bin").resolve("java"),
                () -> ImageLoopCompilation.directivesUnlessNativeLoops(System.getProperties()),
                hugePages)
            .orElseThrow();
    return cmd.subList(1, cmd.size());
  }

  @Test
  void startsALocalRunInTheJvmTheJavaJarRelaunchWouldStart() throws Exception {
    String[] args = {"local", "in put", "--out", "out", "--size", "256x256"};

    Launch launch = launch(Map.of(), args);

    assertThat(launch.args()).isEqualTo(relaunch(args));
    assertThat(launch.env())
        .containsEntry("MALLOC_MMAP_THRESHOLD_", TunedJvm.ENV.get("MALLOC_MMAP_THRESHOLD_"))
        .containsEntry("GLIBC_TUNABLES", TunedJvm.ENV.get("GLIBC_TUNABLES"));
  }

  @Test
  void mapsTheClassDataArchiveWhenTheBuildLeftOneNextToTheJar() throws Exception {
    Files.writeString(targetDir.resolve(TunedJvm.ARCHIVE_NAME), "");
    String[] args = {"local", "in", "--out", "out", "--rendition", "a:50x50,b:256x256:cover"};

    Launch launch = launch(Map.of(), args);

    assertThat(launch.args())
        .isEqualTo(relaunch(args))
        .contains("-XX:SharedArchiveFile=" + targetDir.resolve(TunedJvm.ARCHIVE_NAME));
  }

  @Test
  void keepsTheMallocSettingsTheUserAlreadyChose() throws Exception {
    Launch launch =
        launch(Map.of("MALLOC_MMAP_THRESHOLD_", "65536"), "local", "in", "--out", "out");

    assertThat(launch.env()).containsEntry("MALLOC_MMAP_THRESHOLD_", "65536");
  }

  @Test
  void readsTheBoxesAsTheRelaunchDoesAndGivesLargeOnesTheirHeapInHugePages() throws Exception {
    assumeTrue(
        NativePlatform.linuxArch(System.getProperties()).isPresent(),
        "elsewhere large runs need compiler directives, which only java -jar writes");
    boolean hugePages = TunedJvm.transparentHugePagesOffered();
    record Run(Map<String, String> env, String... args) {
      @Override
      public String toString() {
        return env + " " + String.join(" ", args);
      }
    }
    List<Run> large =
        List.of(
            new Run(Map.of(), "local", "in", "--out", "out", "--size", "1024x1024"),
            new Run(Map.of(), "local", "in", "--size=2048X1536", "--out", "out"),
            new Run(Map.of(), "local", "in", "--size", " +0001024x10 "),
            new Run(Map.of(), "local", "in", "--rendition", "s:50x50", "--rendition", "l:1024"),
            new Run(Map.of(), "local", "in", "--rendition=s:50x50,l:768x1024:contain:webp"),
            new Run(Map.of("THUMBFLOW_RENDITIONS", "s:50x50,l:1024x1024"), "local", "in"),
            new Run(Map.of("THUMBFLOW_SIZE", "4000x3000"), "local", "in"));
    List<Run> small =
        List.of(
            new Run(Map.of(), "local", "in 2048x1536", "--out", "out", "--size", "1000x1023"),
            new Run(Map.of(), "local", "in", "--rendition", "1024x1024:50x50:cover"),
            new Run(Map.of(), "local", "in", "--size", "0x2048"),
            new Run(Map.of(), "local", "in", "--rendition", "s:256x256", "--size", "2048x2048"),
            new Run(Map.of("THUMBFLOW_SIZE", "2048x2048"), "local", "in", "--size", "256x256"),
            new Run(
                Map.of("THUMBFLOW_RENDITIONS", "l:1024x1024"),
                "local",
                "in",
                "--rendition",
                "s:50x50"),
            new Run(Map.of("THUMBFLOW_RENDITIONS", " "), "local", "in", "--size", "256x256"),
            new Run(Map.of(), "local", "in", "--size"));

    for (Run run : large) {
      List<String> expected = relaunch(run.env(), hugePages, run.args());
      assertThat(launch(run.env(), run.args()).args()).as(run.toString()).isEqualTo(expected);
      assertThat(expected.contains(TunedJvm.HEAP_IN_HUGE_PAGES)).isEqualTo(hugePages);
    }
    for (Run run : small) {
      List<String> expected = relaunch(run.env(), hugePages, run.args());
      assertThat(launch(run.env(), run.args()).args()).as(run.toString()).isEqualTo(expected);
      assertThat(expected).doesNotContain(TunedJvm.HEAP_IN_HUGE_PAGES);
    }
  }

  @Test
  void leavesOtherCommandsUserJvmOptionsAndSizesThatAreNotPlainDigitsToJavaJar() throws Exception {
    String jar = targetDir.resolve("thumbflow.jar").toString();
    List<Launch> viaJavaJar =
        List.of(
            launch(Map.of("JAVA_TOOL_OPTIONS", "-Xmx1g"), "local", "in", "--out", "out"),
            launch(Map.of(TunedJvm.DISABLE_ENV, "0"), "local", "in", "--out", "out"),
            launch(Map.of(TunedJvm.DISABLE_ENV, "fAlSe"), "local", "in", "--out", "out"),
            launch(Map.of(), "local", "in", "--size", "1024 x 768"),
            launch(Map.of(), "local", "in", "--rendition", "l:99999999999x1"),
            launch(Map.of("THUMBFLOW_SIZE", "-1024"), "local", "in"),
            launch(Map.of(), "bench", "--rounds", "1"));

    for (Launch launch : viaJavaJar) {
      assertThat(launch.args()).startsWith("-jar", jar);
      assertThat(launch.env()).containsEntry("MALLOC_MMAP_THRESHOLD_", "unset");
    }
    assertThat(viaJavaJar.get(6).args()).containsExactly("-jar", jar, "bench", "--rounds", "1");
  }

  @Test
  void quotesShellSpecialCharacters() {
    assertThat(LauncherScript.quoted("a$b`c\"d\\e f*")).isEqualTo("\"a\\$b\\`c\\\"d\\\\e f*\"");
  }
}
