package io.thumbflow.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.thumbflow.core.SharedCorpus;
import io.thumbflow.core.decode.ImageDecoder.BlockMeans;
import io.thumbflow.core.decode.dc.ProgressiveDcDecoder;
import io.thumbflow.core.decode.turbo.TurboJpegDecoder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * When a progressive JPEG takes the DC-only 1/8 decode ({@link ImageDecoder#blockMeans}): from 0.7
 * of the asked size its fast form, and wherever else libjpeg-turbo would decode at 1/8 its exact
 * form, which is libjpeg-turbo's 1/8 decode bit for bit.
 */
class BlockMeanChoiceTest {
  private static JpegStructure structure(Path file) throws Exception {
    return JpegStructure.read(Files.readAllBytes(file), file.toString(), 1000, 1L << 30);
  }

  private static Path photo(String name) {
    return SharedCorpus.photos().resolve(name);
  }

  @Test
  void tellsFromTheFrameHeaderWhichLayoutsTheExactDecodeReproduces() throws Exception {
    assertThat(structure(photo("plasma_summer_1am_2560x1600.jpg")).eighthReproducible())
        .as("4:4:4")
        .isTrue();
    assertThat(structure(photo("lomiri16_Picture_0B_by_freespace.jpg")).eighthReproducible())
        .as("4:2:0")
        .isTrue();
    assertThat(structure(photo("plasma_ColorfulCups_2560x1600.jpg")).eighthReproducible())
        .as("4:2:2")
        .isTrue();
    assertThat(structure(photo("plasma_Grey_2560x1600.jpg")).eighthReproducible())
        .as("grey")
        .isTrue();
    assertThat(ProgressiveDcDecoder.reproducesEighthScale(new int[] {4, 1, 1}, new int[] {4, 1, 1}))
        .as("4:1:0, chroma by 4x4 inverse DCT")
        .isFalse();
    assertThat(ProgressiveDcDecoder.reproducesEighthScale(new int[] {3, 2}, new int[] {1, 1}))
        .as("fractional upsampling")
        .isFalse();
  }

  @Test
  void aProgressiveJpegGoesDcOnlyFastFromSevenTenthsAndExactDownToLibjpegTurbosOwnEighth()
      throws Exception {
    // 2560x1600 progressive, 4:2:2: its 1/8 decode is 320x200.
    JpegStructure jpeg = structure(photo("plasma_ColorfulCups_2560x1600.jpg"));

    assertThat(ImageDecoder.blockMeans(jpeg, 400, 250)).as("0.8 of it").isEqualTo(BlockMeans.FAST);
    // A 256x256 thumbnail asks for at least 512x320: 0.625 of it, over libjpeg-turbo's 0.5.
    assertThat(ImageDecoder.blockMeans(jpeg, 512, 320)).isEqualTo(BlockMeans.EXACT);
    assertThat(ImageDecoder.blockMeans(jpeg, 642, 402)).as("under half").isNull();
    JpegStructure baseline = structure(photo("mate_Aqua.jpg"));
    assertThat(ImageDecoder.blockMeans(baseline, 400, 250)).as("baseline").isNull();
  }

  @Test
  void theExactDecodeOfEveryProgressiveCorpusJpegItTakesIsLibjpegTurbosEighthBitForBit()
      throws Exception {
    Optional<TurboJpegDecoder> turbo = TurboJpegDecoder.load();
    assumeTrue(turbo.isPresent(), "libjpeg-turbo not available here");
    Path corpus = SharedCorpus.dir().resolve("corpus");
    int compared = 0;
    int withChromaTransformed = 0;
    for (Path folder : new Path[] {corpus.resolve("photos"), corpus.resolve("phones")}) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.{jpg,jpeg,JPG}")) {
        for (Path file : files) {
          byte[] data = Files.readAllBytes(file);
          JpegStructure jpeg = structure(file);
          if (!ProgressiveDcDecoder.handles(jpeg.sofMarker())
              || !jpeg.plainYCbCrOrGrey()
              || !jpeg.eighthReproducible()) {
            continue;
          }
          BufferedImage exact = ProgressiveDcDecoder.decodeExactly(data).orElseThrow();
          BufferedImage eighth = turbo.get().decode(data, 1, 1);
          assertThat(exact.getWidth() + "x" + exact.getHeight())
              .as(file.toString())
              .isEqualTo(eighth.getWidth() + "x" + eighth.getHeight());
          assertThat(TestImages.rgbPixels(exact))
              .as(file.toString())
              .isEqualTo(TestImages.rgbPixels(eighth));
          compared++;
          withChromaTransformed += is420(file) ? 1 : 0;
        }
      } catch (IOException e) {
        throw new AssertionError(folder.toString(), e);
      }
    }
    assertThat(compared).as("progressive JPEGs of the photos and phones corpora").isGreaterThan(20);
    assertThat(withChromaTransformed).as("4:2:0 ones").isGreaterThan(5);
  }

  @Test
  void theFastDecodeStillInterpolatesSubsampledChroma() throws Exception {
    Optional<TurboJpegDecoder> turbo = TurboJpegDecoder.load();
    assumeTrue(turbo.isPresent(), "libjpeg-turbo not available here");
    byte[] data = Files.readAllBytes(photo("lomiri16_Picture_0B_by_freespace.jpg"));

    int[] fast = TestImages.rgbPixels(ProgressiveDcDecoder.decode(data).orElseThrow());

    assertThat(fast).isNotEqualTo(TestImages.rgbPixels(turbo.get().decode(data, 1, 1)));
  }

  /** Whether the file's frame samples chroma at half resolution both ways (SOF Hi:Vi bytes). */
  private static boolean is420(Path file) throws IOException {
    byte[] d = Files.readAllBytes(file);
    for (int i = 2; i + 12 < d.length; i++) {
      if ((d[i] & 0xFF) == 0xFF && (d[i + 1] & 0xFF) == 0xC2) {
        return d[i + 4 + 5] == 3 && d[i + 4 + 7] == 0x22 && d[i + 4 + 10] == 0x11;
      }
    }
    return false;
  }
}
