package io.thumbflow.core.decode.heif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Memory;
import io.thumbflow.core.render.BoxReduce;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PlaneReducerTest {

  @Test
  void reducesAnEightBitRgbPlaneExactlyAsBoxReduceReducesThePackedPixels() {
    int w = 37;
    int h = 23;
    int stride = w * 3 + 5; // libheif pads rows
    int[] packed = randomPixels(w, h, false);
    try (Memory plane = new Memory((long) stride * h)) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int p = packed[y * w + x];
          plane.setByte((long) y * stride + x * 3, (byte) (p >> 16));
          plane.setByte((long) y * stride + x * 3 + 1, (byte) (p >> 8));
          plane.setByte((long) y * stride + x * 3 + 2, (byte) p);
        }
      }
      var layout = new PlaneReducer.Plane(plane, stride, w, h, false, false, 255);
      for (int[] f : new int[][] {{1, 1}, {2, 3}, {5, 4}, {37, 23}, {40, 1}}) {
        assertThat(PlaneReducer.reduce(layout, f[0], f[1], null, () -> false))
            .as("factors %dx%d", f[0], f[1])
            .containsExactly(BoxReduce.reduce(packed, w, h, f[0], f[1], false));
      }
    }
  }

  @Test
  void reducesARgbaPlaneKeepingAlphaLikeBoxReduce() {
    int w = 16;
    int h = 9;
    int[] packed = randomPixels(w, h, true);
    try (Memory plane = new Memory((long) w * 4 * h)) {
      for (int i = 0; i < w * h; i++) {
        int p = packed[i];
        plane.write(
            (long) i * 4,
            new byte[] {(byte) (p >> 16), (byte) (p >> 8), (byte) p, (byte) (p >>> 24)},
            0,
            4);
      }
      var layout = new PlaneReducer.Plane(plane, w * 4, w, h, true, false, 255);
      assertThat(PlaneReducer.reduce(layout, 3, 2, null, () -> false))
          .containsExactly(BoxReduce.reduce(packed, w, h, 3, 2, true));
    }
  }

  @Test
  void averagesTenBitSamplesBeforeScalingThemToEightBits() {
    // Two 10-bit grey pixels, 1 and 3: their mean 2/1023*255 = 0.50 rounds to 0, whereas scaling
    // each to 8 bits first (0 and 0.75 -> 1) and then averaging would round (0 + 1) / 2 up to 1.
    try (Memory plane = new Memory(12)) {
      short[] samples = {1, 1, 1, 3, 3, 3};
      for (int i = 0; i < samples.length; i++) {
        plane.setByte(i * 2L, (byte) samples[i]);
        plane.setByte(i * 2L + 1, (byte) (samples[i] >> 8));
      }
      var layout = new PlaneReducer.Plane(plane, 12, 2, 1, false, true, 1023);
      int[] out = PlaneReducer.reduce(layout, 2, 1, null, () -> false);
      assertThat(out).containsExactly(0xFF000000);
    }
  }

  @Test
  void readsSixteenBitWordsLittleEndianAndMapsTheMaximumToWhite() {
    try (Memory plane = new Memory(6)) {
      plane.write(
          0, new byte[] {(byte) 0xFF, 0x0F, 0, 0, 0x00, 0x08}, 0, 6); // 4095, 0, 2048 (12-bit)
      var layout = new PlaneReducer.Plane(plane, 6, 1, 1, false, true, 4095);
      assertThat(PlaneReducer.reduce(layout, 1, 1, null, () -> false)).containsExactly(0xFFFF0080);
    }
  }

  @Test
  void stopsWhenAskedTo() {
    try (Memory plane = new Memory(3L * 64 * 64)) {
      plane.clear();
      var layout = new PlaneReducer.Plane(plane, 3 * 64, 64, 64, false, false, 255);
      assertThatThrownBy(() -> PlaneReducer.reduce(layout, 1, 1, null, () -> true))
          .isInstanceOf(PlaneReducer.Stopped.class);
    }
  }

  private static int[] randomPixels(int w, int h, boolean alpha) {
    Random random = new Random(42);
    int[] px = new int[w * h];
    for (int i = 0; i < px.length; i++) {
      px[i] = random.nextInt() | (alpha ? 0 : 0xFF000000);
    }
    return px;
  }
}
