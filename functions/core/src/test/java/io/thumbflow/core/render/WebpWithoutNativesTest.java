package io.thumbflow.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A platform for which webp-imageio bundles no libwebp, simulated in a child JVM whose {@code
 * os.arch} names a CPU it has no build for (webp-imageio picks its native library by that
 * property).
 */
class WebpWithoutNativesTest {

  @Test
  void aPlatformWithoutLibwebpCannotWriteWebpAndARecipeAskingForItFailsAtStartUpNamingWebp()
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-Dos.arch=sparcv9",
                "-cp",
                System.getProperty("java.class.path"),
                WebpStartupProbe.class.getName())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    List<String> lines =
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(lines).first().isEqualTo("canWrite=false");
    assertThat(lines.get(1))
        .startsWith("pipeline=rendition thumb: cannot write webp here: libwebp")
        .contains("did not load on Linux sparcv9")
        .endsWith("JPEG and PNG can be written everywhere");
  }

  @Test
  void thisPlatformWritesWebp() {
    // The build machines (Linux x86_64, and aarch64 for Lambda) are among webp-imageio's bundled
    // platforms.
    assertThat(WebpEncoder.unavailableReason()).isEmpty();
    assertThat(Encoder.canWrite(io.thumbflow.core.ImageFormat.WEBP)).isTrue();
  }
}
