package io.thumbflow.core.decode.heif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageRejectedException;
import io.thumbflow.core.Limits;
import io.thumbflow.core.SharedCorpus;
import io.thumbflow.core.decode.ImageDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The libheif path on real files: refusals are typed and name the file, the pixel cap applies to
 * the declared size before any decode, and a decode abandoned by its deadline still returns its
 * native memory. Needs libheif (Debian libheif1) and {@code ../shared}; skips without them ({@code
 * .ci/run} installs both).
 */
class HeifDecoderTest {
  private static final HeifDecoder HEIF = HeifDecoder.load();

  @BeforeAll
  static void needsLibheif() {
    assumeTrue(HEIF.available(), "libheif not available: " + HEIF.unavailableReason());
  }

  private static byte[] phone(String kind) throws Exception {
    Path phones = SharedCorpus.dir().resolve("corpus/phones");
    String file =
        Files.readAllLines(phones.resolve("MANIFEST.tsv")).stream()
            .map(l -> l.split("\t", -1))
            .filter(c -> c.length > 4 && c[4].equals(kind))
            .map(c -> c[0])
            .findFirst()
            .orElseThrow();
    return Files.readAllBytes(phones.resolve(file));
  }

  @Test
  void refusesAFileTypeBoxWithNothingBehindItAsDamagedNamingTheFile() {
    byte[] stub =
        "\0\0\0\u0018ftypheic\0\0\0\0mif1heic"
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThatThrownBy(
            () -> new ImageDecoder(Limits.DEFAULT, HEIF).decode(stub, "stub.heic", 64, 64))
        .isInstanceOfSatisfying(
            ImageRejectedException.class,
            e -> {
              assertThat(e.type()).isIn(ErrorType.Truncated, ErrorType.Corrupt);
              assertThat(e.getMessage())
                  .startsWith("stub.heic: ")
                  .contains("HEIC")
                  .doesNotContain("\n");
            });
  }

  @Test
  void refusesAHeicCutInHalfAsTruncatedOrCorruptNotAsAPatchedImage() throws Exception {
    byte[] whole = phone("heic-iphone");
    byte[] half = Arrays.copyOf(whole, whole.length / 2);
    assertThatThrownBy(
            () -> new ImageDecoder(Limits.DEFAULT, HEIF).decode(half, "half.heic", 64, 64))
        .isInstanceOfSatisfying(
            ImageRejectedException.class,
            e -> {
              assertThat(e.type()).isIn(ErrorType.Truncated, ErrorType.Corrupt);
              assertThat(e.getMessage()).startsWith("half.heic: ").doesNotContain("\n");
            });
  }

  @Test
  void appliesThePixelCapToTheDeclaredSizeBeforeDecoding() throws Exception {
    byte[] grid = phone("avif-grid"); // 6400x2880
    ImageDecoder capped = new ImageDecoder(Limits.DEFAULT.withMaxPixels(10_000_000), HEIF);
    assertThatThrownBy(() -> capped.probe(grid, "grid.avif"))
        .isInstanceOfSatisfying(
            ImageRejectedException.class,
            e -> {
              assertThat(e.type()).isEqualTo(ErrorType.TooManyPixels);
              assertThat(e.reason())
                  .isEqualTo("too many pixels: 6400x2880 = 18 MP exceeds the 10 MP limit");
            });
  }

  @Test
  void probeReportsTheDeclaredAndTheDisplayedSizeOfARotatedImage() throws Exception {
    byte[] rotated = phone("avif"); // irot: coded 1920x1080, shown 1080x1920
    HeifInfo info = HEIF.probe(rotated, "r.avif", "AVIF", Limits.DEFAULT_MAX_PIXELS);
    assertThat(info.declaredWidth() + "x" + info.declaredHeight()).isEqualTo("1920x1080");
    assertThat(info.width() + "x" + info.height()).isEqualTo("1080x1920");
    assertThat(info.frames()).isEqualTo(1);
    assertThat(info.alpha()).isFalse();
    assertThat(info.bitDepth()).isEqualTo(8);
  }

  @Test
  void aDecodeAbandonedAtItsDeadlineReturnsItsNativeMemoryWhenLibheifFinishes() throws Exception {
    byte[] big = phone("avif-grid");
    ImageDecoder hurried =
        new ImageDecoder(Limits.DEFAULT.withDeadline(Duration.ofMillis(5)), HEIF);
    assertThatThrownBy(() -> hurried.decode(big, "grid.avif", 64, 64))
        .isInstanceOfSatisfying(
            ImageRejectedException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.Timeout));
    // The abandoned thread is still inside libheif; once it returns, its finally blocks free
    // everything.
    int total = (int) (HeifDecoder.NATIVE_BUDGET_BYTES >> 20);
    for (int i = 0; i < 600 && HeifDecoder.budgetAvailableMib() < total; i++) {
      Thread.sleep(50);
    }
    assertThat(HeifDecoder.budgetAvailableMib()).isEqualTo(total);
  }

  @Test
  void estimatesNativeMemoryFromTheLargerOfTheDeclaredAndDisplayedSize() {
    HeifInfo eightBit = new HeifInfo(4032, 3024, 4032, 3024, 1, false, 8, null, null);
    HeifInfo tenBitAlpha = new HeifInfo(4032, 3024, 4032, 3024, 1, true, 10, null, null);
    assertThat(HeifDecoder.nativeEstimate(eightBit)).isEqualTo(4032L * 3024 * 3 * 3);
    assertThat(HeifDecoder.nativeEstimate(tenBitAlpha)).isEqualTo(4032L * 3024 * 4 * 2 * 3);
  }
}
