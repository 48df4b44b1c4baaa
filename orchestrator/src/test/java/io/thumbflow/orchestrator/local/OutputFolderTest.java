package io.thumbflow.orchestrator.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.Recipe;
import io.thumbflow.core.Rendition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFolderTest {
  private static final Rendition THUMB = Recipe.DEFAULT.primary();

  @TempDir Path dir;

  private OutputFolder folder(Path out, String... sources) throws Exception {
    OutputFolder o = new OutputFolder(out);
    o.plan(OutputNamePlan.of(List.of(sources), Recipe.DEFAULT));
    return o;
  }

  @Test
  void targetsMirrorTheSourcesRelativePathAndCreateParents() throws Exception {
    OutputFolder out = folder(dir.resolve("out"), "a/b/c.jpg");
    Path t = out.claim(THUMB, "a/b/c.jpg", ImageFormat.JPEG, null);
    assertThat(t).isEqualTo(dir.resolve("out/a/b").toRealPath().resolve("c.jpg"));
    assertThat(Files.isDirectory(t.getParent())).isTrue();
    assertThat(out.display(t)).isEqualTo(dir.resolve("out").resolve("a/b/c.jpg").toString());
    assertThat(out.relative(t)).isEqualTo("a/b/c.jpg");
  }

  @Test
  void renditionsOfANamedRecipeGoBelowTheirName() throws Exception {
    Recipe recipe =
        Recipe.named(
            List.of(Rendition.parse("card:64x64", 0), Rendition.parse("big:256x256:webp", 0)));
    OutputFolder out = new OutputFolder(dir.resolve("out"));
    out.plan(OutputNamePlan.of(List.of("a/b.png"), recipe));
    assertThat(
            out.relative(out.claim(recipe.renditions().get(0), "a/b.png", ImageFormat.PNG, null)))
        .isEqualTo("card/a/b.png");
    assertThat(
            out.relative(out.claim(recipe.renditions().get(1), "a/b.png", ImageFormat.WEBP, null)))
        .isEqualTo("big/a/b.webp");
  }

  @Test
  void refusesTargetsOutsideTheFolder() throws Exception {
    OutputFolder out = folder(dir.resolve("out"), "../escape.jpg");
    assertThatThrownBy(() -> out.claim(THUMB, "../escape.jpg", ImageFormat.JPEG, null))
        .isInstanceOf(RefusedWriteException.class)
        .hasMessageContaining("outside");
    assertThat(dir.resolve("escape.jpg")).doesNotExist();
  }

  @Test
  void refusesTargetsInTheRunStateFolder() throws Exception {
    OutputFolder out = folder(dir.resolve("out"), ".thumbflow/journal.jpg");
    assertThatThrownBy(() -> out.claim(THUMB, ".thumbflow/journal.jpg", ImageFormat.JPEG, null))
        .isInstanceOf(RefusedWriteException.class)
        .hasMessageContaining("state folder");
  }

  @Test
  void refusesToOverwriteItsOwnSource() throws Exception {
    Path source = dir.resolve("a.jpg");
    Files.write(source, new byte[] {1});
    OutputFolder out = folder(dir, "a.jpg");
    assertThatThrownBy(() -> out.claim(THUMB, "a.jpg", ImageFormat.JPEG, source))
        .isInstanceOf(RefusedWriteException.class)
        .hasMessageContaining("own source");
  }

  @Test
  void refusesToOverwriteAnotherSourceOrAnyOtherEntryTheRunFound() throws Exception {
    Path base = Files.createDirectories(dir.resolve("base"));
    Path top = Files.write(base.resolve("a.jpg"), new byte[] {1});
    Path nested =
        Files.write(Files.createDirectories(base.resolve("out")).resolve("a.jpg"), new byte[] {2});
    Path link = Files.createSymbolicLink(base.resolve("out/b.jpg"), dir.resolve("nowhere"));
    OutputFolder out = folder(base.resolve("out"), "a.jpg", "b.jpg");
    out.protect(List.of(top, nested, link));
    assertThatThrownBy(() -> out.claim(THUMB, "a.jpg", ImageFormat.JPEG, top))
        .isInstanceOf(RefusedWriteException.class)
        .hasMessageContaining("another source");
    assertThatThrownBy(() -> out.claim(THUMB, "b.jpg", ImageFormat.JPEG, null))
        .isInstanceOf(RefusedWriteException.class);
    assertThat(nested).hasBinaryContent(new byte[] {2});
    assertThat(Files.isSymbolicLink(link)).isTrue();
  }

  @Test
  void oneSourceMayClaimItsTargetAgainForARetry() throws Exception {
    OutputFolder out = folder(dir.resolve("out"), "a.png");
    assertThat(out.claim(THUMB, "a.png", ImageFormat.JPEG, null))
        .isEqualTo(out.claim(THUMB, "a.png", ImageFormat.JPEG, null));
  }

  @Test
  void refusesToWriteThroughALinkLeavingTheFolder() throws Exception {
    Path outside = Files.createDirectories(dir.resolve("elsewhere"));
    Path outDir = Files.createDirectories(dir.resolve("out"));
    Files.createSymbolicLink(outDir.resolve("sub"), outside);
    OutputFolder out = folder(outDir, "sub/x.jpg");
    assertThatThrownBy(() -> out.claim(THUMB, "sub/x.jpg", ImageFormat.JPEG, null))
        .isInstanceOf(RefusedWriteException.class);
  }

  @Test
  void sourcesWantingTheSameNameGetDistinctOnesAndTheRenamesAreListed() throws Exception {
    OutputFolder out =
        folder(dir.resolve("out"), "t.gif", "t.webp", "t.png", "solo.gif", "a", "a.jpg");
    assertThat(out.claim(THUMB, "t.webp", ImageFormat.PNG, null).getFileName().toString())
        .isEqualTo("t.webp.png");
    assertThat(out.claim(THUMB, "t.gif", ImageFormat.PNG, null).getFileName().toString())
        .isEqualTo("t.gif.png");
    assertThat(out.claim(THUMB, "t.png", ImageFormat.PNG, null).getFileName().toString())
        .isEqualTo("t.png");
    assertThat(out.claim(THUMB, "solo.gif", ImageFormat.PNG, null).getFileName().toString())
        .isEqualTo("solo.png");
    assertThat(out.claim(THUMB, "a", ImageFormat.JPEG, null).getFileName().toString())
        .isEqualTo("a.2.jpg");
    assertThat(out.claim(THUMB, "a.jpg", ImageFormat.JPEG, null).getFileName().toString())
        .isEqualTo("a.jpg");
    assertThat(out.renamed())
        .containsOnlyKeys(
            dir.resolve("out/t.webp.png").toString(),
            dir.resolve("out/t.gif.png").toString(),
            dir.resolve("out/a.2.jpg").toString());
    assertThat(out.renamed()).containsEntry(dir.resolve("out/a.2.jpg").toString(), "a");
  }
}
