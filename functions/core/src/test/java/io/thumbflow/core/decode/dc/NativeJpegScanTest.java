package io.thumbflow.core.decode.dc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.thumbflow.core.SharedCorpus;
import io.thumbflow.core.decode.BundledPlatform;
import io.thumbflow.core.decode.TestImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The C scan loops give what the Java ones give: the same scan ends, the same DC images, and the
 * same refusals of damaged files.
 */
class NativeJpegScanTest {
  @Test
  void loadsOnLambdasPlatforms() {
    BundledPlatform.assumeThisOne();
    assertThat(NativeJpegScan.loaded()).isTrue();
  }

  @Test
  void findsEveryScanEndTheJavaLoopFinds() {
    assumeTrue(NativeJpegScan.loaded(), "native JPEG scan loops not loaded here");
    Random random = new Random(31);
    // Stuffed bytes, fill bytes, restart markers, real markers and a lone FF at the very end.
    byte[] alphabet = {0x00, 0x12, (byte) 0xFF, (byte) 0xD0, (byte) 0xD7, (byte) 0xD9, (byte) 0xC4};
    for (int round = 0; round < 2_000; round++) {
      byte[] d = new byte[random.nextInt(40)];
      for (int i = 0; i < d.length; i++) {
        d[i] = alphabet[random.nextInt(alphabet.length)];
      }
      for (int from = 0; from <= d.length; from++) {
        assertThat(NativeJpegScan.entropyEnd(d, from))
            .as("from %d in %s", from, java.util.HexFormat.of().formatHex(d))
            .isEqualTo(EntropyCodedData.endInJava(d, from));
      }
    }
    assertThat(NativeJpegScan.entropyEnd(new byte[3], 4)).isEqualTo(NativeJpegScan.BAD_ARGUMENTS);
  }

  @Test
  void decodesEveryCorpusJpegAsTheJavaLoopsDo() throws IOException {
    assumeTrue(NativeJpegScan.loaded(), "native JPEG scan loops not loaded here");
    int decoded = 0;
    for (Path file : corpusJpegs()) {
      byte[] data = Files.readAllBytes(file);
      if (sameAsJava(data, file.toString())) {
        decoded++;
      }
    }
    assertThat(decoded).as("progressive JPEGs decoded").isGreaterThanOrEqualTo(21);
  }

  /**
   * Damaged copies of progressive files (bytes changed, cut short), restart intervals included:
   * where the Java loops decline, so do the C ones; where they decode, to the same pixels.
   */
  @Test
  void treatsDamagedFilesAsTheJavaLoopsDo() throws IOException {
    assumeTrue(NativeJpegScan.loaded(), "native JPEG scan loops not loaded here");
    List<byte[]> sources = new ArrayList<>();
    sources.add(TestImages.jpeg(TestImages.picture(203, 151), true, 0));
    sources.add(TestImages.jpeg(TestImages.picture(203, 151), true, 3));
    sources.add(TestImages.jpeg(TestImages.picture(64, 517), true, 1));
    Random random = new Random(32);
    int declined = 0;
    int decoded = 0;
    for (byte[] source : sources) {
      for (int round = 0; round < 400; round++) {
        byte[] copy = source.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
          // Past the headers mostly: the DC scans come first after them.
          int at = copy.length / 4 + random.nextInt(copy.length - copy.length / 4);
          copy[at] = (byte) random.nextInt(256);
        }
        if (random.nextInt(4) == 0) {
          copy = java.util.Arrays.copyOf(copy, copy.length / 3 + random.nextInt(copy.length / 2));
        }
        if (sameAsJava(copy, "damaged copy " + round)) {
          decoded++;
        } else {
          declined++;
        }
      }
    }
    assertThat(declined).as("damaged copies both declined").isPositive();
    assertThat(decoded).as("damaged copies both decoded").isPositive();
  }

  /** Decodes with both loops, checks they agree, and says whether they decoded. */
  private static boolean sameAsJava(byte[] data, String what) {
    Optional<BufferedImage> withC = ProgressiveDcDecoder.decode(data, true);
    Optional<BufferedImage> withJava = ProgressiveDcDecoder.decode(data, false);
    assertThat(withC.isPresent())
        .as("%s decoded by C as by Java", what)
        .isEqualTo(withJava.isPresent());
    if (withC.isEmpty()) {
      return false;
    }
    assertThat(rgb(withC.get())).as(what).isEqualTo(rgb(withJava.get()));
    return true;
  }

  private static List<Path> corpusJpegs() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String folder : List.of("photos", "hostile", "phones")) {
      try (Stream<Path> list = Files.list(SharedCorpus.dir().resolve("corpus").resolve(folder))) {
        list.filter(p -> p.getFileName().toString().toLowerCase().matches(".*\\.(jpe?g)"))
            .sorted()
            .forEach(files::add);
      }
    }
    return files;
  }

  private static int[] rgb(BufferedImage img) {
    return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
  }
}
