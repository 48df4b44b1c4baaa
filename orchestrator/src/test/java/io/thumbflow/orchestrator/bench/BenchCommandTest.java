package io.thumbflow.orchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.thumbflow.orchestrator.launch.LauncherScript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
  private static final BenchCorpus.Batch BATCH =
      new BenchCorpus.Batch("69 photos", null, Path.of("in"), 69);
  private static final Contender PEER =
      new Contender("seed", false, (in, out, size) -> List.of(), Map.of(), Optional.empty());

  @Test
  void rotatesTheRunOrderEachRound() {
    assertThat(BenchCommand.rotate(List.of("a", "b", "c"), 0)).containsExactly("a", "b", "c");
    assertThat(BenchCommand.rotate(List.of("a", "b", "c"), 1)).containsExactly("b", "c", "a");
    assertThat(BenchCommand.rotate(List.of("a", "b", "c"), 4)).containsExactly("b", "c", "a");
  }

  @Test
  void takesAPeersImageCountFromItsResultLineAndTimesFromTime() {
    var outcome =
        new TimedProcess.Outcome(
            0,
            TimeOutput.parse("2.00 3.00 1.00 51200"),
            2.2,
            "RESULT peer=seed size=50x50 images=60 wall_s=1.8 images_per_s=33.3\n");

    Sample s = BenchCommand.toSample(PEER, "50x50", BATCH, 1, outcome);

    assertThat(s.images()).isEqualTo(60);
    assertThat(s.wallSeconds()).isEqualTo(2.0);
    assertThat(s.cpuMsPerImage()).hasValue(4000.0 / 60);
    assertThat(s.maxRss()).hasValue(51200);
  }

  @Test
  void fallsBackToOwnWallClockWithoutTime() {
    var outcome = new TimedProcess.Outcome(0, Optional.empty(), 2.5, "no result line");

    Sample s = BenchCommand.toSample(PEER, "50x50", BATCH, 1, outcome);

    assertThat(s.images()).isEqualTo(69);
    assertThat(s.wallSeconds()).isEqualTo(2.5);
    assertThat(s.cpuMsPerImage()).isEmpty();
  }

  @Test
  void countsOnlyImageFilesInThePhotosFolder(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("a.JPG"), "");
    Files.writeString(dir.resolve("b.png"), "");
    Files.writeString(dir.resolve("README.md"), "");
    Files.createDirectory(dir.resolve("sub.jpg"));

    assertThat(BenchCorpus.images(dir)).hasSize(2);
  }

  @Test
  void writesEachBatchToItsOwnFolderPerSizeAndContender(@TempDir Path dir) throws IOException {
    Path photos = Files.createDirectory(dir.resolve("photos"));
    Files.write(photos.resolve("a.png"), BenchCorpusTest.PNG_HEAD);
    BenchCorpus corpus = BenchCorpus.prepare(photos, dir.resolve("scratch"), 3, true);

    assertThat(BenchCommand.outputDir(dir, "50x50", corpus.shortBatch(), corpus, "seed"))
        .isEqualTo(dir.resolve("50x50/short/seed"));
    assertThat(BenchCommand.outputDir(dir, "50x50", corpus.longBatch(), corpus, "seed"))
        .isEqualTo(dir.resolve("50x50/x3/seed"));
    assertThat(
            BenchCommand.outputDir(
                dir, "50x50", corpus.byKind().get(PhotoKind.PNG), corpus, "seed"))
        .isEqualTo(dir.resolve("50x50/png-x3/seed"));
  }

  @Test
  void benchFlagsAreTheTunedLaunchFlags() {
    assertThat(JvmFlags.split(JvmFlags.RECOMMENDED))
        .isEqualTo(io.thumbflow.orchestrator.launch.TunedJvm.FLAGS);
    assertThat(JvmFlags.split("  ")).isEmpty();
  }

  @Test
  void marksAPeerWhoseScriptIsMissingAsUnavailable(@TempDir Path dir) {
    Contender im = new Contenders(dir).peer("im");

    assertThat(im.unavailable()).hasValueSatisfying(why -> assertThat(why).contains("im.sh"));
  }

  @Test
  void runsThumbflowWithTheFlagsAndTheUsersLocalCommand() {
    Contender ours =
        Contenders.ours(
            "thumbflow",
            Path.of("/jdk/bin/java"),
            List.of("-XX:+UseSerialGC"),
            Path.of("/nonexistent/thumbflow.jar"),
            List.of("--workers", "2"));

    assertThat(ours.command().build(Path.of("in"), Path.of("out"), "50x50"))
        .containsExactly(
            "/jdk/bin/java",
            "-XX:+UseSerialGC",
            "-jar",
            "/nonexistent/thumbflow.jar",
            "local",
            "in",
            "--out",
            "out",
            "--size",
            "50x50",
            "--workers",
            "2");
    assertThat(ours.unavailable()).isPresent();
  }

  @Test
  void runsTheReadmesLauncherScriptWhenTheBuildLeftOneAndNoFlagsAreGiven(@TempDir Path dir)
      throws IOException {
    Path jar = Files.writeString(dir.resolve("thumbflow.jar"), "");
    Path script = Files.writeString(dir.resolve(LauncherScript.NAME), "#!/bin/sh\n");
    assertThat(script.toFile().setExecutable(true)).isTrue();

    Contender plain =
        Contenders.ours("thumbflow", Path.of("/jdk/bin/java"), List.of(), jar, List.of());
    Contender flagged =
        Contenders.ours(
            "c2", Path.of("/jdk/bin/java"), List.of("-XX:+UseSerialGC"), jar, List.of());

    assertThat(plain.command().build(Path.of("in"), Path.of("out"), "50x50"))
        .containsExactly(script.toString(), "local", "in", "--out", "out", "--size", "50x50");
    assertThat(flagged.command().build(Path.of("in"), Path.of("out"), "50x50"))
        .startsWith("/jdk/bin/java", "-XX:+UseSerialGC", "-jar", jar.toString());
  }
}
