package io.thumbflow.orchestrator.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageLoopCompilationTest {
  @TempDir Path dir;

  private static boolean large(String... args) {
    return ImageLoopCompilation.asksForLargeBoxes(List.of(args), Map.of());
  }

  @Test
  void countsABoxOf1024PxOrMoreOnEitherSideAsLarge() {
    assertThat(large("local", "in", "--size", "1024x1024")).isTrue();
    assertThat(large("local", "in", "--size=100x2048")).isTrue();
    assertThat(large("local", "in", "--rendition", "a:50x50", "--rendition", "b:1600:webp"))
        .isTrue();
    assertThat(large("local", "in", "--rendition=a:50x50,b:1280x720:cover")).isTrue();
  }

  @Test
  void countsThumbnailsAndTheDefaultSizeAsSmall() {
    assertThat(large("local", "in")).isFalse();
    assertThat(large("local", "in", "--size", "1023x1023")).isFalse();
    assertThat(large("local", "in", "--rendition", "a:50x50", "--rendition", "b:512x512"))
        .isFalse();
  }

  @Test
  void readsTheEnvironmentDefaultsAsTheCommandDoes() {
    assertThat(
            ImageLoopCompilation.asksForLargeBoxes(
                List.of("local"), Map.of("THUMBFLOW_SIZE", "2000x2000")))
        .isTrue();
    assertThat(
            ImageLoopCompilation.asksForLargeBoxes(
                List.of("local"), Map.of("THUMBFLOW_RENDITIONS", "a:50x50,big:1024x1024")))
        .isTrue();
    // --rendition replaces the environment's renditions, and renditions make --size irrelevant.
    assertThat(
            ImageLoopCompilation.asksForLargeBoxes(
                List.of("local", "--rendition", "a:50x50"),
                Map.of("THUMBFLOW_RENDITIONS", "big:1024x1024")))
        .isFalse();
    assertThat(large("local", "--size", "2048x2048", "--rendition", "a:50x50")).isFalse();
  }

  @Test
  void writesDirectivesOnlyWhereThumbflowsCLoopsDoNotLoad() throws Exception {
    Properties linux = new Properties();
    linux.setProperty("os.name", "Linux");
    linux.setProperty("os.arch", "amd64");
    Properties mac = new Properties();
    mac.setProperty("os.name", "Mac OS X");
    mac.setProperty("os.arch", "aarch64");

    assertThat(ImageLoopCompilation.directivesUnlessNativeLoops(linux)).isEmpty();
    Path written = ImageLoopCompilation.directivesUnlessNativeLoops(mac).orElseThrow();
    assertThat(Files.readString(written)).isEqualTo(ImageLoopCompilation.DIRECTIVES);
  }

  @Test
  void countsTextThatIsNotASizeAsSmall() {
    assertThat(large("local", "--size", "hugexhuge")).isFalse();
    assertThat(large("local", "--rendition", "nobox")).isFalse();
    assertThat(large("local", "--size")).isFalse();
  }

  @Test
  void theDirectivesGiveC2ToTheBlurLoopsAndToNothingOutsideTheImageLoops() throws Exception {
    Path directives = Files.writeString(dir.resolve("d.json"), ImageLoopCompilation.DIRECTIVES);
    // PrintCompilation lines: timestamp, id, attribute flags, tier, method.
    Pattern compile = Pattern.compile("^\\s*\\d+\\s+\\d+\\s+[%sbn! ]*\\s([0-4])\\s+(\\S+)");
    List<String> c2Compiled = new ArrayList<>();
    for (String line :
        run(directives, "-XX:+DisplayVMOutput", "-XX:+PrintCompilation").lines().toList()) {
      Matcher m = compile.matcher(line);
      if (m.find() && m.group(1).equals("4")) c2Compiled.add(m.group(2));
    }

    assertThat(c2Compiled)
        .anyMatch(method -> method.startsWith("io.thumbflow.core.render.GaussianBlur$Line::"))
        .allMatch(
            method ->
                method.startsWith("io.thumbflow.core.render.GaussianBlur$Line::")
                    || method.startsWith("io.thumbflow.core.render.Resampler::"));
  }

  @Test
  void theFlagsStartAJvmThatPrintsNothingOnStdout() throws Exception {
    Path directives = Files.writeString(dir.resolve("d.json"), ImageLoopCompilation.DIRECTIVES);

    assertThat(run(directives)).isEmpty();
  }

  /**
   * Runs {@link BlurLoop} in a JVM with the tuned flags, C2 for the image loops, and {@code extra}.
   */
  private static String run(Path directives, String... extra)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(TunedJvm.FLAGS);
    cmd.remove(TunedJvm.C1_ONLY);
    cmd.addAll(ImageLoopCompilation.flags(directives));
    // The Java blur loop, which the directives are for: where the C loops load it is not run.
    cmd.add("-Dthumbflow.pixels.native=false");
    cmd.addAll(List.of(extra));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), BlurLoop.class.getName()));
    Process jvm = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String stdout = new String(jvm.getInputStream().readAllBytes());
    assertThat(jvm.waitFor()).as("exit status of %s", cmd).isZero();
    return stdout;
  }
}
