package io.thumbflow.orchestrator.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageRejectedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileImageSourceTest {
  @TempDir Path dir;

  @Test
  void readsAWholeFileWithinTheCap() throws Exception {
    Path f = Files.write(dir.resolve("a.jpg"), new byte[] {1, 2, 3});
    assertThat(new FileImageSource("a.jpg", f).read(3)).containsExactly(1, 2, 3);
  }

  @Test
  void readsFilesLongerThanOneReadAndEmptyFiles() throws Exception {
    byte[] big = new byte[200_001];
    new java.util.Random(3).nextBytes(big);
    Path f = Files.write(dir.resolve("big.png"), big);
    assertThat(new FileImageSource("big.png", f).read(big.length)).isEqualTo(big);
    Path empty = Files.write(dir.resolve("empty.png"), new byte[0]);
    assertThat(new FileImageSource("empty.png", empty).read(10)).isEmpty();
  }

  @Test
  void readsAFileLongerThanItsReportedSizeAsAStreamUpToTheCap() throws Exception {
    // Files under /proc report a size of 0 but have content, as a file still being written does.
    Path proc = Path.of("/proc/self/status");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isRegularFile(proc) && Files.size(proc) == 0, "needs Linux /proc");
    byte[] read = new FileImageSource("status", proc).read(1_000_000);
    assertThat(new String(read, java.nio.charset.StandardCharsets.US_ASCII)).startsWith("Name:");
    assertReadFailed(new FileImageSource("status", proc), 10, "larger than the 10-byte input cap");
  }

  @Test
  void refusesAFileOverTheCapAMissingFileAndAFolder() throws Exception {
    Path f = Files.write(dir.resolve("a.jpg"), new byte[] {1, 2, 3});
    assertReadFailed(new FileImageSource("a.jpg", f), 2, "larger than the 2-byte input cap");
    assertReadFailed(new FileImageSource("gone.jpg", dir.resolve("gone.jpg")), 10, "no such file");
    assertReadFailed(new FileImageSource("dir", dir), 10, "is a folder");
  }

  @Test
  void refusesSomethingThatIsNotARegularFileWithoutOpeningIt() {
    // /dev/null stands for pipes and devices: opening a named pipe with no writer would block
    // forever.
    Path device = Path.of("/dev/null");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(device), "needs /dev/null");
    assertReadFailed(new FileImageSource("null.jpg", device), 10, "not a regular file");
  }

  private static void assertReadFailed(FileImageSource source, long cap, String reason) {
    assertThatThrownBy(() -> source.read(cap))
        .isInstanceOfSatisfying(
            ImageRejectedException.class,
            e -> {
              assertThat(e.type()).isEqualTo(ErrorType.ReadFailed);
              assertThat(e.getMessage()).startsWith(source.name() + ": ").contains(reason);
            });
  }
}
