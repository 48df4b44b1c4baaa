package io.thumbflow.orchestrator.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.thumbflow.core.ImageError;
import io.thumbflow.core.ImageResult;
import io.thumbflow.core.StageTimings;
import io.thumbflow.core.report.ReportJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  @TempDir Path dir;

  private static JournalEntry entry(String source) {
    Provenance p =
        new Provenance(
            "/in/" + source,
            new FileStamp(10, "2024-01-01T00:00:00.123456789Z"),
            List.of(
                new Provenance.Output(
                    "thumb", "abcd", source, new FileStamp(5, "2024-01-02T00:00:00Z"))));
    ImageResult r =
        ImageResult.failed(
            source, new ImageError("Corrupt", source + ": bad"), StageTimings.ZERO, "w", 1, 2);
    return new JournalEntry("run-1", r, p);
  }

  @Test
  void entriesReadBackAsWrittenAndEachLineIsAlsoAPlainImageResult() throws Exception {
    Path file = dir.resolve("journal.jsonl");
    try (Journal j = Journal.open(file)) {
      j.append(entry("a.jpg"));
      j.append(
          new JournalEntry(
              "run-1",
              ImageResult.ignored("notes.md", "sidecar document (.md): not an image"),
              null));
    }

    assertThat(Journal.read(file))
        .containsExactly(
            entry("a.jpg"),
            new JournalEntry(
                "run-1",
                ImageResult.ignored("notes.md", "sidecar document (.md): not an image"),
                null));
    String first = Files.readAllLines(file).get(0);
    assertThat(ReportJson.fromLine(first)).isEqualTo(entry("a.jpg").result());
  }

  @Test
  void aLastLineCutShortByAKillIsIgnoredAndCutOffBeforeTheNextAppend() throws Exception {
    Path file = dir.resolve("journal.jsonl");
    try (Journal j = Journal.open(file)) {
      j.append(entry("a.jpg"));
    }
    String whole = entry("b.jpg").toLine();
    Files.writeString(file, whole.substring(0, whole.length() / 2), StandardOpenOption.APPEND);

    assertThat(Journal.read(file)).containsExactly(entry("a.jpg"));

    try (Journal j = Journal.open(file)) {
      j.append(entry("c.jpg"));
    }
    assertThat(Journal.read(file)).containsExactly(entry("a.jpg"), entry("c.jpg"));
    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .doesNotContain("b.jpg")
        .endsWith("\n");
  }

  @Test
  void aJournalWithoutAnyWholeLineReadsAsEmpty() throws Exception {
    Path file = Files.writeString(dir.resolve("journal.jsonl"), "{\"source\":\"a.jpg\",\"sta");
    assertThat(Journal.read(file)).isEmpty();
    assertThat(Journal.read(dir.resolve("missing.jsonl"))).isEmpty();
  }
}
