package io.thumbflow.orchestrator.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassArchiveDumpTest {
  private static final String MAIN = "io.thumbflow.Main";
  @TempDir Path dir;
  private Path jar;
  private Path photos;
  private Path work;

  @BeforeEach
  void jarAndPhotos() throws IOException {
    jar = Files.writeString(dir.resolve("thumbflow.jar"), "");
    photos = Files.createDirectory(dir.resolve("photos"));
    work = dir.resolve("work");
  }

  /**
   * A stand-in for {@code java}: the dump run writes "classes" to its -XX:ArchiveClassesAtExit file
   * and exits {@code dumpStatus}; the -Xshare:on check exits {@code checkStatus}.
   */
  private Path fakeJava(int dumpStatus, int checkStatus) throws IOException {
    Path java =
        Files.writeString(
            dir.resolve("java"),
            "#!/bin/sh\n"
                + "for a in \"$@\"; do case \"$a\" in\n"
                + "  -XX:ArchiveClassesAtExit=*) printf classes > \"${a#*=}\"; exit "
                + dumpStatus
                + ";;\n"
                + "  -Xshare:on) exit "
                + checkStatus
                + ";;\n"
                + "esac; done\nexit 99\n");
    java.toFile().setExecutable(true);
    return java;
  }

  @Test
  void dumpsWithExactlyTheCommandTheTunedLaunchRuns() throws IOException {
    Path java = fakeJava(0, 0);
    Path archive = work.resolve("a.jsa");
    List<String> relaunch =
        TunedJvm.command(
                MAIN,
                new String[] {"local", photos.toString(), "--out", "out", "--force"},
                Map.of(),
                List.of(),
                false,
                Optional.of(jar),
                java,
                Optional::empty,
                true)
            .orElseThrow();

    List<String> dump =
        new ArrayList<>(
            ClassArchiveDump.dumpCommand(java, jar, MAIN, photos, Path.of("out"), archive));

    assertThat(dump.remove("-XX:ArchiveClassesAtExit=" + archive)).isTrue();
    assertThat(dump).isEqualTo(relaunch);
  }

  @Test
  void installsTheArchiveBesideTheJarOnceTheJvmAcceptedIt() throws IOException {
    Optional<String> failure = ClassArchiveDump.dump(fakeJava(0, 0), jar, MAIN, photos, work);

    assertThat(failure).isEmpty();
    assertThat(dir.resolve(TunedJvm.ARCHIVE_NAME)).hasContent("classes");
    assertThat(work.resolve(TunedJvm.ARCHIVE_NAME + ".partial")).doesNotExist();
  }

  @Test
  void leavesNoArchiveWhenTheJvmRefusesIt() throws IOException {
    Optional<String> failure = ClassArchiveDump.dump(fakeJava(0, 1), jar, MAIN, photos, work);

    assertThat(failure)
        .hasValueSatisfying(reason -> assertThat(reason).contains("refused", "status 1"));
    assertThat(dir.resolve(TunedJvm.ARCHIVE_NAME)).doesNotExist();
  }

  @Test
  void removesTheArchiveOfAnOlderJarWhenTheSampleRunFails() throws IOException {
    Files.writeString(dir.resolve(TunedJvm.ARCHIVE_NAME), "stale");

    Optional<String> failure = ClassArchiveDump.dump(fakeJava(3, 0), jar, MAIN, photos, work);

    assertThat(failure)
        .hasValueSatisfying(reason -> assertThat(reason).contains("status 3", "dump.log"));
    assertThat(dir.resolve(TunedJvm.ARCHIVE_NAME)).doesNotExist();
  }

  @Test
  void saysWhyWhenTheSamplePhotosOrTheJvmAreMissing() throws IOException {
    assertThat(ClassArchiveDump.dump(fakeJava(0, 0), jar, MAIN, dir.resolve("none"), work))
        .hasValueSatisfying(reason -> assertThat(reason).contains("no sample photos"));
    assertThat(ClassArchiveDump.dump(dir.resolve("no-java"), jar, MAIN, photos, work)).isPresent();
    assertThat(dir.resolve(TunedJvm.ARCHIVE_NAME)).doesNotExist();
  }
}
