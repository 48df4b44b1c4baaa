package io.thumbflow.orchestrator.cli;

import static io.thumbflow.orchestrator.cli.LocalCommandTest.draw;
import static io.thumbflow.orchestrator.cli.LocalCommandTest.thumbflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thumbflow.orchestrator.cli.LocalCommandTest.Run;
import io.thumbflow.orchestrator.local.RunState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-runs of {@code thumbflow local} into one output folder: skipping, redoing, the journal and the
 * report.
 */
class LocalRunStateTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Path in;
  private Path out;

  @BeforeEach
  void threePhotos() throws IOException {
    in = dir.resolve("in");
    out = dir.resolve("out");
    draw(in.resolve("wide.jpg"), 200, 100, "jpeg");
    draw(in.resolve("tall.png"), 60, 120, "png");
    draw(in.resolve("sub/nested.jpg"), 80, 80, "jpeg");
  }

  private Run local(String... extra) {
    List<String> args =
        new ArrayList<>(List.of("local", in.toString(), "--out", out.toString(), "--workers", "2"));
    args.addAll(List.of(extra));
    return thumbflow(args.toArray(String[]::new));
  }

  private JsonNode report() throws IOException {
    return JSON.readTree(out.resolve("report.json").toFile());
  }

  private static Map<String, String> statusBySource(JsonNode report) {
    Map<String, String> m = new HashMap<>();
    report.path("items").forEach(i -> m.put(i.path("source").asText(), i.path("status").asText()));
    return m;
  }

  /** Each output's file key (inode): an atomic rewrite gives the file a new one. */
  private Map<String, Object> fileKeys() throws IOException {
    Map<String, Object> keys = new HashMap<>();
    try (Stream<Path> s = Files.walk(out)) {
      for (Path p :
          s.filter(Files::isRegularFile)
              .filter(p -> !out.relativize(p).startsWith(RunState.FOLDER))
              .toList()) {
        keys.put(
            out.relativize(p).toString(),
            Files.readAttributes(p, BasicFileAttributes.class).fileKey());
      }
    }
    return keys;
  }

  @Test
  void aReRunSkipsEverySourceWhoseOutputsAreUpToDateAndStillListsTheirOutputs() throws IOException {
    assertThat(local("--size", "32x32").exitCode()).isZero();
    Map<String, Object> before = fileKeys();

    Run again = local("--size", "32x32");

    assertThat(again.exitCode()).as(again.err()).isZero();
    JsonNode r = report();
    assertThat(r.path("skipped").asInt()).isEqualTo(3);
    assertThat(r.path("succeeded").asInt()).isZero();
    JsonNode wide = null;
    for (JsonNode i : r.path("items")) if (i.path("source").asText().equals("wide.jpg")) wide = i;
    assertThat(wide.path("status").asText()).isEqualTo("skipped");
    assertThat(wide.at("/renditions/0/output").asText())
        .isEqualTo(out.resolve("wide.jpg").toString());
    assertThat(wide.at("/renditions/0/width").asInt()).isEqualTo(32);
    assertThat(wide.at("/renditions/0/bytes").asLong())
        .isEqualTo(Files.size(out.resolve("wide.jpg")));
    assertThat(wide.path("sourceWidth").asInt()).isEqualTo(200);
    assertThat(again.out())
        .contains("Thumbnailed 3 of 3 images")
        .contains("3 already up to date (skipped)");
    Map<String, Object> after = fileKeys();
    for (String output : List.of("wide.jpg", "tall.png", "sub/nested.jpg")) {
      assertThat(after.get(output)).as(output).isEqualTo(before.get(output));
    }
  }

  @Test
  void aChangedSourceOrATamperedOutputIsRedoneAndTheOthersSkipped() throws IOException {
    assertThat(local().exitCode()).isZero();
    draw(in.resolve("wide.jpg"), 300, 100, "jpeg");
    Files.setLastModifiedTime(
        in.resolve("wide.jpg"), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
    Files.write(out.resolve("tall.png"), new byte[] {1, 2, 3}, StandardOpenOption.APPEND);

    assertThat(local().exitCode()).isZero();

    assertThat(statusBySource(report()))
        .containsEntry("wide.jpg", "ok")
        .containsEntry("tall.png", "ok")
        .containsEntry("sub/nested.jpg", "skipped");
  }

  @Test
  void aChangedRecipeRedoesEverySourceAndForceRedoesThemAnyway() throws IOException {
    assertThat(local("--size", "32x32").exitCode()).isZero();
    assertThat(local("--size", "40x40").exitCode()).isZero();
    assertThat(statusBySource(report()).values()).containsOnly("ok");

    assertThat(local("--size", "40x40", "--force").exitCode()).isZero();
    assertThat(statusBySource(report()).values()).containsOnly("ok");
    assertThat(report().at("/run/force").asBoolean()).isTrue();
  }

  @Test
  void aSourceWithOnlySomeRenditionsUpToDateIsRedoneWhole() throws IOException {
    assertThat(local("--rendition", "small:32x32").exitCode()).isZero();
    Map<String, Object> before = fileKeys();

    assertThat(local("--rendition", "small:32x32", "--rendition", "big:64x64:cover").exitCode())
        .isZero();

    JsonNode r = report();
    assertThat(statusBySource(r).values()).containsOnly("ok");
    assertThat(r.at("/items/0/renditions")).hasSize(2);
    assertThat(fileKeys().get("small/wide.jpg")).isNotEqualTo(before.get("small/wide.jpg"));
    assertThat(out.resolve("big/wide.jpg")).exists();

    assertThat(local("--rendition", "small:32x32", "--rendition", "big:64x64:cover").exitCode())
        .isZero();
    assertThat(statusBySource(report()).values()).containsOnly("skipped");
  }

  @Test
  void theReportOfARunCutShortIsRebuiltFromItsJournalIgnoringAHalfWrittenLastLine()
      throws IOException {
    Files.writeString(in.resolve("notes.txt"), "not an image");
    assertThat(local().exitCode()).isZero();
    Path journal = out.resolve(RunState.FOLDER).resolve(RunState.JOURNAL);
    Files.writeString(
        journal, "{\"source\":\"half.jpg\",\"status\":\"o", StandardOpenOption.APPEND);
    Files.delete(out.resolve("report.json"));
    Files.delete(out.resolve("report.html"));

    Run rebuilt = thumbflow("report", out.toString());

    assertThat(rebuilt.exitCode()).as(rebuilt.err()).isZero();
    JsonNode r = report();
    assertThat(statusBySource(r))
        .containsOnlyKeys("wide.jpg", "tall.png", "sub/nested.jpg", "notes.txt");
    assertThat(r.path("succeeded").asInt()).isEqualTo(3);
    assertThat(r.path("ignored").asInt()).isEqualTo(1);
    assertThat(r.at("/run/rebuiltFromJournal").asText()).endsWith(RunState.JOURNAL);
    assertThat(out.resolve("report.html")).exists();
    assertThat(rebuilt.out())
        .contains("Thumbnailed 3 of 3 images")
        .contains("rebuilt from the journal");

    assertThat(local().exitCode()).isZero();
    assertThat(statusBySource(report()))
        .containsEntry("wide.jpg", "skipped")
        .doesNotContainKey("half.jpg");
  }

  @Test
  void rebuildingAReportWhereNoRunWasRecordedIsAUsageError() {
    Run r = thumbflow("report", dir.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("no local run recorded in " + dir);
  }

  @Test
  void temporaryFilesLeftByAKilledRunAreRemoved() throws IOException {
    Files.createDirectories(out.resolve("sub"));
    Files.writeString(out.resolve("sub/.nested.jpg.tmp-0123456789abcdef"), "half a thumbnail");
    Files.writeString(out.resolve(".report.json.tmp-0123456789abcdef"), "half a report");

    assertThat(local().exitCode()).isZero();

    try (Stream<Path> s = Files.walk(out)) {
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp-"));
    }
  }

  @Test
  void everyEntryOfTheFolderThatIsNotProcessedIsListedAndCounted() throws IOException {
    Files.writeString(in.resolve("README.md"), "about these photos");
    Files.writeString(in.resolve(".DS_Store"), "x");
    Files.createSymbolicLink(in.resolve("outside.jpg"), dir.resolve("elsewhere.jpg"));
    Files.createSymbolicLink(in.resolve("again.jpg"), in.resolve("wide.jpg"));
    Path pipe = in.resolve("pipe.jpg");
    assumeTrue(exec("mkfifo", pipe.toString()) == 0, "needs mkfifo");

    Run run = local();

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode r = report();
    assertThat(r.path("images").asInt()).isEqualTo(4);
    assertThat(r.path("ignored").asInt()).isEqualTo(4);
    List<Object> ignored = new ArrayList<>();
    r.path("items")
        .forEach(
            i -> {
              if (i.path("status").asText().equals("ignored"))
                ignored.add(tuple(i.path("source").asText(), i.path("reason").asText()));
            });
    assertThat(ignored)
        .containsExactly(
            tuple(".DS_Store", "hidden file"),
            tuple("README.md", "sidecar document (.md): not an image"),
            tuple("outside.jpg", "broken symbolic link"),
            tuple("pipe.jpg", "named pipe (FIFO)"));
    assertThat(statusBySource(r)).containsEntry("again.jpg", "ok");
    assertThat(out.resolve("again.jpg")).exists();
    assertThat(run.out())
        .contains("Thumbnailed 4 of 4 images")
        .contains(", 4 other entries not processed; report:");
    assertThat(Files.readString(out.resolve("report.html")))
        .contains("Not processed")
        .contains("named pipe (FIFO)");
  }

  @Test
  void twoSourcesWantingTheSameOutputNameBothGetOneAndTheReportSaysSo() throws IOException {
    Files.copy(in.resolve("wide.jpg"), in.resolve("wide"));

    Run run = local();

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(out.resolve("wide.jpg")).exists();
    assertThat(out.resolve("wide.2.jpg")).exists();
    JsonNode renamed = report().at("/run/renamedOutputs");
    assertThat(renamed).hasSize(1);
    assertThat(renamed.get(0).path("source").asText()).isEqualTo("wide");
    assertThat(renamed.get(0).path("output").asText())
        .isEqualTo(out.resolve("wide.2.jpg").toString());
    assertThat(run.err())
        .contains("1 output renamed")
        .contains("wide -> " + out.resolve("wide.2.jpg"));

    assertThat(local().exitCode()).isZero();
    assertThat(statusBySource(report()).values()).containsOnly("skipped");
  }

  @Test
  void aSecondRunIntoAnOutputFolderInUseIsRefused() throws IOException {
    Files.createDirectories(out);
    try (RunState busy = RunState.open(out.toRealPath())) {
      Run run = local();
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).contains("another thumbflow run is writing to");
    }
    assertThat(local().exitCode()).isZero();
  }

  private static int exec(String... command) throws IOException {
    try {
      return new ProcessBuilder(command).start().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
