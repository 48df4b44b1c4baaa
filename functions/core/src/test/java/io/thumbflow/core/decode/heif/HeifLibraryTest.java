package io.thumbflow.core.decode.heif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeifLibraryTest {

  private static Properties linux(String arch) {
    Properties p = new Properties();
    p.setProperty("os.name", "Linux");
    p.setProperty("os.arch", arch);
    return p;
  }

  private static Path bundle(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("libz.so.1"), "");
    Files.writeString(dir.resolve("libheif.so.1"), "");
    Files.writeString(dir.resolve("libheif-dav1d.so"), "");
    Files.writeString(
        dir.resolve(LoadOrder.FILE_NAME),
        "# test\nlib libz.so.1\nlib libheif.so.1\nplugin libheif-dav1d.so\n");
    return dir;
  }

  @Test
  void looksInTheLambdaTaskRootThenALayerThenTheSystem(@TempDir Path tmp) throws IOException {
    bundle(tmp.resolve("native/linux-aarch64"));
    HeifLibrary lib = new HeifLibrary(linux("aarch64"), Map.of("LAMBDA_TASK_ROOT", tmp.toString()));
    List<HeifLibrary.Candidate> candidates = lib.candidates();
    assertThat(candidates.get(0))
        .isEqualTo(new HeifLibrary.Candidate.Bundle(tmp.resolve("native/linux-aarch64")));
    assertThat(candidates.get(candidates.size() - 1)).isEqualTo(new HeifLibrary.Candidate.System());
  }

  @Test
  void skipsATaskRootWithoutABundleForThisArchitecture(@TempDir Path tmp) throws IOException {
    bundle(tmp.resolve("native/linux-aarch64"));
    HeifLibrary lib = new HeifLibrary(linux("amd64"), Map.of("LAMBDA_TASK_ROOT", tmp.toString()));
    assertThat(lib.candidates())
        .doesNotContain(new HeifLibrary.Candidate.Bundle(tmp.resolve("native/linux-aarch64")))
        .endsWith(new HeifLibrary.Candidate.System());
  }

  @Test
  void anExplicitPathWinsAloneAndNoneDisables(@TempDir Path tmp) throws IOException {
    Path dir = bundle(tmp.resolve("b"));
    Properties props = linux("amd64");
    props.setProperty(HeifLibrary.PROPERTY, dir.toString());
    assertThat(new HeifLibrary(props, Map.of()).candidates())
        .containsExactly(new HeifLibrary.Candidate.Bundle(dir));
    assertThat(
            new HeifLibrary(linux("amd64"), Map.of(HeifLibrary.ENV, "/x/libheif.so.1"))
                .candidates())
        .containsExactly(new HeifLibrary.Candidate.File(Path.of("/x/libheif.so.1")));
    HeifLibrary disabled = new HeifLibrary(linux("amd64"), Map.of(HeifLibrary.ENV, "none"));
    assertThat(disabled.candidates()).isEmpty();
    assertThat(disabled.link().problem()).contains("disabled");
  }

  @Test
  void reportsAMissingExplicitLibraryWithWhatToInstall() {
    HeifLibrary.Linked linked =
        new HeifLibrary(linux("amd64"), Map.of(HeifLibrary.ENV, "/nowhere/libheif.so.1")).link();
    assertThat(linked.usable()).isFalse();
    assertThat(linked.problem())
        .contains("/nowhere/libheif.so.1")
        .contains("apt-get install libheif1")
        .doesNotContain("\n");
  }

  @Test
  void readsALoadOrderWithLibrariesFirstAndLibheifLast(@TempDir Path tmp) throws IOException {
    LoadOrder order = LoadOrder.read(bundle(tmp));
    assertThat(order.libraries())
        .extracting(p -> p.getFileName().toString())
        .containsExactly("libz.so.1", "libheif.so.1");
    assertThat(order.libheif()).isAbsolute().endsWith(Path.of("libheif.so.1"));
    assertThat(order.plugins())
        .extracting(p -> p.getFileName().toString())
        .containsExactly("libheif-dav1d.so");
  }

  @Test
  void refusesALoadOrderNamingAFileThatIsNotThere(@TempDir Path tmp) throws IOException {
    Files.writeString(tmp.resolve(LoadOrder.FILE_NAME), "lib libmissing.so.1\n");
    assertThatThrownBy(() -> LoadOrder.read(tmp))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("libmissing");
    Files.writeString(tmp.resolve(LoadOrder.FILE_NAME), "lib ../../etc/passwd\n");
    assertThatThrownBy(() -> LoadOrder.read(tmp))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not 'lib|plugin");
  }
}
