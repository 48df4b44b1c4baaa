package io.thumbflow.orchestrator.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TunedJvmTest {
  @TempDir Path dir;
  private Path java;
  private Optional<Path> jar;
  private int directivesWritten;

  @BeforeEach
  void fakeJavaAndJar() throws IOException {
    java = Files.writeString(dir.resolve("java"), "#!/bin/sh\n");
    java.toFile().setExecutable(true);
    jar = Optional.of(Files.writeString(dir.resolve("thumbflow.jar"), ""));
  }

  private Optional<List<String>> command(
      String[] args, Map<String, String> env, List<String> jvmArgs, boolean tuned) {
    return TunedJvm.command(
        "io.thumbflow.Main", args, env, jvmArgs, tuned, jar, java, this::directivesFile, true);
  }

  private Optional<Path> directivesFile() {
    directivesWritten++;
    return Optional.of(dir.resolve("directives.json"));
  }

  @Test
  void relaunchesPlainJavaJarLocalWithTheTunedFlagsAndTheSameArguments() {
    List<String> cmd =
        command(new String[] {"local", "in", "--out", "out"}, Map.of(), List.of(), false)
            .orElseThrow();

    assertThat(cmd).startsWith(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    assertThat(cmd)
        .containsSequence(
            "-cp", jar.get().toString(), "io.thumbflow.Main", "local", "in", "--out", "out");
    assertThat(cmd).contains("-D" + TunedJvm.MARKER + "=true");
  }

  @Test
  void theTunedFlagsStartAJvmThatPrintsNothingOnStdout() throws Exception {
    // stdout carries the command's own output; a CompileCommand is echoed there unless quiet.
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(TunedJvm.FLAGS);
    cmd.add("-version");
    Process jvm = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String stdout = new String(jvm.getInputStream().readAllBytes());

    assertThat(jvm.waitFor()).isZero();
    assertThat(stdout).isEmpty();
  }

  @Test
  void givesTheImageLoopsC2InsteadOfC1OnlyWhenARenditionIs1024PxOrMore() {
    List<String> large =
        command(
                new String[] {
                  "local", "in", "--rendition", "lqip:50x50", "--rendition", "big:1024x768"
                },
                Map.of(),
                List.of(),
                false)
            .orElseThrow();

    assertThat(large)
        .doesNotContain(TunedJvm.C1_ONLY)
        .contains("-XX:CompilerDirectivesFile=" + dir.resolve("directives.json"))
        .contains("-XX:+UseSerialGC", "-Xmx512m");
    assertThat(directivesWritten).isEqualTo(1);
  }

  @Test
  void putsTheHeapInHugePagesOnlyForLargeRenditionsAndWhereTheOsOffersThem() {
    String[] large = {"local", "in", "--size", "1024x1024"};
    assertThat(command(large, Map.of(), List.of(), false).orElseThrow())
        .contains(TunedJvm.HEAP_IN_HUGE_PAGES);
    assertThat(
            command(new String[] {"local", "in", "--size", "256x256"}, Map.of(), List.of(), false)
                .orElseThrow())
        .doesNotContain(TunedJvm.HEAP_IN_HUGE_PAGES);
    assertThat(
            TunedJvm.command(
                    "io.thumbflow.Main",
                    large,
                    Map.of(),
                    List.of(),
                    false,
                    jar,
                    java,
                    this::directivesFile,
                    false)
                .orElseThrow())
        .doesNotContain(TunedJvm.HEAP_IN_HUGE_PAGES);
  }

  @Test
  void readsTheArgumentsOfAProcCmdlineAfterTheExecutable() {
    byte[] cmdline = "java\0-Xmx1g\0-jar\0t.jar\0local\0\0".getBytes();

    assertThat(TunedJvm.cmdlineArguments(cmdline))
        .containsExactly("java", "-Xmx1g", "-jar", "t.jar", "local", "");
    assertThat(TunedJvm.processArguments())
        .as("this JVM's own, as ProcessHandle tells them")
        .isEqualTo(ProcessHandle.current().info().arguments().map(List::of).orElseThrow());
  }

  @Test
  void keepsC1OnlyAndWritesNoDirectivesForThumbnails() {
    List<String> small =
        command(new String[] {"local", "in", "--size", "256x256"}, Map.of(), List.of(), false)
            .orElseThrow();

    assertThat(small).contains(TunedJvm.C1_ONLY).noneMatch(arg -> arg.contains("Directives"));
    assertThat(directivesWritten).isZero();
  }

  @Test
  void respectsJvmFlagsTheUserChose() {
    assertThat(command(new String[] {"local"}, Map.of(), List.of("-Xmx2g"), false)).isEmpty();
    assertThat(
            command(
                new String[] {"local"}, Map.of("JAVA_TOOL_OPTIONS", "-Xmx2g"), List.of(), false))
        .isEmpty();
  }

  @Test
  void readsTheUsersFlagsFromTheArgumentsBeforeDashJar() {
    assertThat(TunedJvm.jvmFlags(List.of("-jar", "t.jar", "local"))).isEmpty();
    assertThat(TunedJvm.jvmFlags(List.of("-Xmx1g", "-jar", "t.jar", "local")))
        .containsExactly("-Xmx1g");
    assertThat(TunedJvm.jvmFlags(List.of("-cp", "t.jar", "Main", "local"))).isNotEmpty();
  }

  @Test
  void neverRelaunchesTwice() {
    assertThat(command(new String[] {"local"}, Map.of(), List.of(), true)).isEmpty();
  }

  @Test
  void canBeSwitchedOffFromTheEnvironment() {
    assertThat(command(new String[] {"local"}, Map.of(TunedJvm.DISABLE_ENV, "0"), List.of(), false))
        .isEmpty();
  }

  @Test
  void leavesOtherCommandsAndRunsFromClassesAlone() {
    assertThat(command(new String[] {"run", "--stack", "s"}, Map.of(), List.of(), false)).isEmpty();
    assertThat(
            TunedJvm.command(
                "M",
                new String[] {"local"},
                Map.of(),
                List.of(),
                false,
                Optional.empty(),
                java,
                this::directivesFile,
                true))
        .isEmpty();
  }

  @Test
  void mapsTheClassDataArchiveBesideTheJarQuietlyWhenTheBuildLeftOne() throws IOException {
    Path archive = Files.writeString(dir.resolve(TunedJvm.ARCHIVE_NAME), "archive");

    List<String> cmd =
        command(new String[] {"local", "in"}, Map.of(), List.of(), false).orElseThrow();

    assertThat(cmd).contains("-Xshare:auto", "-XX:SharedArchiveFile=" + archive, "-Xlog:cds*=off");
    assertThat(cmd.indexOf("-XX:SharedArchiveFile=" + archive)).isLessThan(cmd.indexOf("-cp"));
  }

  @Test
  void runsWithoutAnArchiveWhenThereIsNone() {
    List<String> cmd =
        command(new String[] {"local", "in"}, Map.of(), List.of(), false).orElseThrow();

    assertThat(cmd)
        .noneMatch(arg -> arg.startsWith("-XX:SharedArchiveFile") || arg.startsWith("-Xshare"));
  }

  @Test
  void leavesOutAnArchiveWhosePathTheJvmWouldSplitInTwo() throws IOException {
    Path odd = Files.createDirectory(dir.resolve("a" + File.pathSeparator + "b"));
    Path oddJar = Files.writeString(odd.resolve("thumbflow.jar"), "");
    Files.writeString(odd.resolve(TunedJvm.ARCHIVE_NAME), "archive");

    List<String> cmd =
        TunedJvm.command(
                "M",
                new String[] {"local"},
                Map.of(),
                List.of(),
                false,
                Optional.of(oddJar),
                java,
                this::directivesFile,
                true)
            .orElseThrow();

    assertThat(cmd)
        .contains(oddJar.toString())
        .noneMatch(arg -> arg.startsWith("-XX:SharedArchiveFile"));
  }
}
