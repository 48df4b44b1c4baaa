package io.thumbflow.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 2's fidelity bar on a subset of the photo corpus: thumbflow's thumbnails against those of
 * the original program ({@code ../shared/peers/seed.py}, run with Debian's /usr/bin/python3 and
 * Pillow). Skipped when the shared corpus or Pillow is absent. {@link FidelityCheck#main} runs the
 * same check over all 69 photos.
 */
class MatchesOriginalProgramTest {
  /**
   * RGBA PNGs, RGB PNGs, greyscale JPEGs, big, tall and small JPEGs, an ICC-tagged progressive
   * JPEG.
   */
  static final List<String> SUBSET =
      List.of(
          "lxqt_Valendas.png",
          "stellarium_garching-gl1.png",
          "skimage_astronaut.png",
          "skimage_chelsea.png",
          "plasma_Grey_2560x1600.jpg",
          "visp_Solvay_conference_1927_1280x881_gray.jpg",
          "lomiri16_seeding_by_Clements_Engelhardt.jpg",
          "lomiri16_Wine_by_Jakkub_Mede.jpg",
          "plasma_Kite_2560x1600.jpg",
          "mate_Dune.jpg",
          "opencv_fruits.jpg",
          "palapeli_castle-maintenon.jpg");

  @TempDir Path temp;

  @Test
  void matchesTheOriginalProgramWithinThirtyDecibels() throws Exception {
    Path photos = FidelityCheck.sharedDir().resolve("corpus/photos");
    Path seed = FidelityCheck.sharedDir().resolve("peers/seed.py");
    assumeTrue(
        Files.isDirectory(photos) && Files.isRegularFile(seed),
        "needs ../shared/corpus/photos and seed.py");
    assumeTrue(FidelityCheck.pillowAvailable(), "needs /usr/bin/python3 with Pillow");

    Path in = Files.createDirectory(temp.resolve("in"));
    for (String name : SUBSET) {
      Files.createSymbolicLink(in.resolve(name), photos.resolve(name).toAbsolutePath());
    }
    List<Path> sources = FidelityCheck.photos(in);
    assertThat(sources).hasSize(SUBSET.size());
    for (int box : new int[] {50, 256}) {
      Path out = temp.resolve("seed-" + box);
      FidelityCheck.runSeed(seed, in, out, box + "x" + box);
      List<FidelityCheck.Comparison> results =
          FidelityCheck.compare(sources, out, Recipe.DEFAULT.withSize(box, box));
      for (FidelityCheck.Comparison c : results) {
        assertThat(c.sizeError())
            .as(
                "size of %s at %dx%d: %dx%d vs seed %dx%d",
                c.name(), box, box, c.width(), c.height(), c.seedWidth(), c.seedHeight())
            .isLessThanOrEqualTo(1);
      }
      assertThat(FidelityCheck.median(results))
          .as("median PSNR at %dx%d: %s", box, box, results)
          .isGreaterThanOrEqualTo(30.0);
    }
  }
}
