package io.thumbflow.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import org.junit.jupiter.api.Test;

class PackedPixelsTest {
  private static final int[] PIXELS = {
    0xff102030, 0x80405060, 0x00708090, 0xffa0b0c0, 0x7fd0e0f0, 0
  };

  @Test
  void storeLeavesAnRgbImageWithTheColourBitsAsSetRgbWould() {
    int[][] storedAndSet = storedAndSetRgb(BufferedImage.TYPE_INT_RGB);
    assertThat(storedAndSet[0]).containsExactly(storedAndSet[1]);
    assertThat(storedAndSet[0][0]).isEqualTo(0x102030);
  }

  @Test
  void storeCopiesEveryBitIntoAnArgbImageAsSetRgbWould() {
    int[][] storedAndSet = storedAndSetRgb(BufferedImage.TYPE_INT_ARGB);
    assertThat(storedAndSet[0]).containsExactly(storedAndSet[1]).containsExactly(PIXELS);
  }

  @Test
  void storeConvertsIntoImagesOfOtherLayouts() {
    BufferedImage bgr = new BufferedImage(3, 2, BufferedImage.TYPE_3BYTE_BGR);
    PackedPixels.store(bgr, PIXELS);
    assertThat(bgr.getRGB(0, 0)).isEqualTo(0xff102030);
    assertThat(bgr.getRGB(0, 1)).isEqualTo(0xffa0b0c0);
  }

  @Test
  void storeOfAnImagesOwnArrayChangesNothing() {
    int[] px = PIXELS.clone();
    BufferedImage wrapped = PackedPixels.wrap(px, 3, 2, true);
    PackedPixels.store(wrapped, px);
    assertThat(own(wrapped)).isSameAs(px).containsExactly(PIXELS);
  }

  /** PIXELS put into a 3x2 image of {@code type} by store and by setRGB: both images' arrays. */
  private static int[][] storedAndSetRgb(int type) {
    BufferedImage stored = new BufferedImage(3, 2, type);
    BufferedImage set = new BufferedImage(3, 2, type);
    PackedPixels.store(stored, PIXELS);
    set.setRGB(0, 0, 3, 2, PIXELS, 0, 3);
    return new int[][] {own(stored), own(set)};
  }

  private static int[] own(BufferedImage image) {
    return ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
  }
}
