package io.thumbflow.orchestrator.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thumbflow.core.ImageFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFolderTest {
  @TempDir Path dir;

  @Test
  void targetsMirrorTheSourcesRelativePathAndCreateParents() throws Exception {
    OutputFolder out = new OutputFolder(dir.resolve("out"));
    Path t = out.claim("a/b/c.jpg", ImageFormat.JPEG, null);
    assertThat(t).isEqualTo(dir.resolve("out/a/b").toRealPath().resolve("c.jpg"));
    assertThat(Files.isDirectory(t.getParent())).isTrue();
    assertThat(out.display(t)).isEqualTo(dir.resolve("out").resolve("a/b/c.jpg").toString());
  }

  @Test
  void refusesTargetsOutsideTheFolder() throws Exception {
    OutputFolder out = new OutputFolder(dir.resolve("out"));
    assertThatThrownBy(() -> out.claim("../escape.jpg", ImageFormat.JPEG, null))
        .isInstanceOf(RefusedWriteException.class).hasMessageContaining("outside");
    assertThat(dir.resolve("escape.jpg")).doesNotExist();
  }

  @Test
  void refusesToOverwriteItsOwnSource() throws Exception {
    Path source = dir.resolve("a.jpg");
    Files.write(source, new byte[] {1});
    OutputFolder out = new OutputFolder(dir);
    assertThatThrownBy(() -> out.claim("a.jpg", ImageFormat.JPEG, source))
        .isInstanceOf(RefusedWriteException.class).hasMessageContaining("own source");
  }

  @Test
  void refusesToOverwriteAnotherSourceOfTheRun() throws Exception {
    Path base = Files.createDirectories(dir.resolve("base"));
    Path top = Files.write(base.resolve("a.jpg"), new byte[] {1});
    Path nested = Files.write(Files.createDirectories(base.resolve("out")).resolve("a.jpg"), new byte[] {2});
    OutputFolder out = new OutputFolder(base.resolve("out"));
    out.protect(java.util.List.of(top, nested));
    assertThatThrownBy(() -> out.claim("a.jpg", ImageFormat.JPEG, top))
        .isInstanceOf(RefusedWriteException.class).hasMessageContaining("another source");
    assertThat(nested).hasBinaryContent(new byte[] {2});
  }

  @Test
  void twoSourcesCannotShareAnOutputButOneSourceMayRetry() throws Exception {
    OutputFolder out = new OutputFolder(dir.resolve("out"));
    out.claim("a.png", ImageFormat.JPEG, null);
    out.claim("a.png", ImageFormat.JPEG, null);
    assertThatThrownBy(() -> out.claim("a.jpg", ImageFormat.JPEG, null))
        .isInstanceOf(RefusedWriteException.class).hasMessageContaining("a.png");
  }

  @Test
  void refusesToWriteThroughALinkLeavingTheFolder() throws Exception {
    Path outside = Files.createDirectories(dir.resolve("elsewhere"));
    Path outDir = Files.createDirectories(dir.resolve("out"));
    Files.createSymbolicLink(outDir.resolve("sub"), outside);
    OutputFolder out = new OutputFolder(outDir);
    assertThatThrownBy(() -> out.claim("sub/x.jpg", ImageFormat.JPEG, null))
        .isInstanceOf(RefusedWriteException.class);
  }

  @Test
  void sourcesDifferingOnlyByExtensionKeepTheirWholeNameWhenTheFormatChanges() throws Exception {
    OutputFolder out = new OutputFolder(dir.resolve("out"));
    out.expect(java.util.List.of("t.gif", "t.webp", "t.png", "solo.gif"));
    assertThat(out.claim("t.webp", ImageFormat.PNG, null).getFileName().toString()).isEqualTo("t.webp.png");
    assertThat(out.claim("t.gif", ImageFormat.PNG, null).getFileName().toString()).isEqualTo("t.gif.png");
    assertThat(out.claim("t.png", ImageFormat.PNG, null).getFileName().toString()).isEqualTo("t.png");
    assertThat(out.claim("solo.gif", ImageFormat.PNG, null).getFileName().toString()).isEqualTo("solo.png");
  }
}
