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
