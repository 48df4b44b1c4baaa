package io.thumbflow.orchestrator.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
  @TempDir Path dir;

  private long filesIn(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.count();
    }
  }

  @Test
  void replacesTheTargetAndLeavesNothingElseBehind() throws Exception {
    Path target = Files.writeString(dir.resolve("a.jpg"), "old");
    AtomicFile.write(target, "new".getBytes());
    assertThat(target).hasContent("new");
    assertThat(filesIn(dir)).isEqualTo(1);
  }

  @Test
  void aFailedWriteKeepsTheOldTargetAndRemovesItsTemporaryFile() throws Exception {
    Path target = Files.writeString(dir.resolve("a.jpg"), "old");
    assertThatThrownBy(
            () ->
                AtomicFile.write(
                    target,
                    out -> {
                      out.write("half".getBytes());
                      throw new IOException("disk full");
                    }))
        .hasMessage("disk full");
    assertThat(target).hasContent("old");
    assertThat(filesIn(dir)).isEqualTo(1);
  }

  @Test
  void temporaryNamesAreHiddenRecognisableAndFitAFileSystemsNameLimit() {
    String name = AtomicFile.tempName("photo.jpg");
    assertThat(name).startsWith(".photo.jpg.tmp-").hasSize(".photo.jpg.tmp-".length() + 16);
    assertThat(AtomicFile.isTemp(name)).isTrue();
    assertThat(AtomicFile.isTemp("photo.jpg")).isFalse();
    assertThat(AtomicFile.isTemp(".photo.jpg.tmp-notrandom")).isFalse();
    String longName = "é".repeat(200) + ".jpg";
    assertThat(
            AtomicFile.tempName(longName).getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(255);
  }

  @Test
  void leftoversOfKilledWritesAreRemovedExceptWhereTheCallerSaysNot() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out/sub"));
    Path keep = Files.createDirectories(dir.resolve("out/in"));
    Files.writeString(out.resolve(".a.jpg.tmp-0123456789abcdef"), "partial");
    Files.writeString(dir.resolve("out/.b.jpg.tmp-fedcba9876543210"), "partial");
    Files.writeString(keep.resolve(".c.jpg.tmp-0123456789abcdef"), "a source that looks like one");
    Files.writeString(out.resolve("a.jpg"), "whole");

    int removed = AtomicFile.removeLeftovers(dir.resolve("out"), keep::equals);

    assertThat(removed).isEqualTo(2);
    assertThat(filesIn(out)).isEqualTo(1);
    assertThat(keep.resolve(".c.jpg.tmp-0123456789abcdef")).exists();
  }

  @Test
  void leftoversOfOneTargetAreRemovedBesideIt() throws Exception {
    Path report = dir.resolve("report.json");
    Files.writeString(dir.resolve(AtomicFile.tempName("report.json")), "partial");
    Files.writeString(dir.resolve(AtomicFile.tempName("other.json")), "someone else's");

    assertThat(AtomicFile.removeLeftoversOf(report)).isEqualTo(1);
    assertThat(filesIn(dir)).isEqualTo(1);
  }
}
