package io.thumbflow.orchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class PsnrTest {
  private static BufferedImage filled(int w, int h, int rgb) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        image.setRGB(x, y, rgb);
      }
    }
    return image;
  }

  @Test
  void identicalImagesScoreTheCap() {
    assertThat(Psnr.of(filled(10, 10, 0x336699), filled(10, 10, 0x336699)))
        .isEqualTo(Psnr.IDENTICAL_DB);
  }

  @Test
  void anErrorOfTenLevelsInEveryChannelIsAbout28Db() {
    // 10 * log10(255^2 / 10^2) = 28.13 dB
    assertThat(Psnr.of(filled(8, 8, 0x646464), filled(8, 8, 0x6e6e6e)))
        .isCloseTo(28.13, within(0.01));
  }

  @Test
  void comparesImagesThatDifferByAPixelInSize() {
    assertThat(Psnr.of(filled(50, 33, 0x808080), filled(50, 34, 0x808080)))
        .isEqualTo(Psnr.IDENTICAL_DB);
  }

  @Test
  void flattensTransparentPixelsOntoWhite() {
    BufferedImage transparent = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);

    assertThat(Psnr.of(filled(4, 4, 0xffffff), transparent)).isEqualTo(Psnr.IDENTICAL_DB);
  }
}
