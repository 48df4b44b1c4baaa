package io.thumbflow.core.decode.heif;

import com.sun.jna.Pointer;
import io.thumbflow.core.render.BoxReduce;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * Box-reduces an interleaved RGB/RGBA plane that lives in native memory (libheif's decoded image)
 * straight into a packed {@code 0xAARRGGBB} array, one source row at a time, so no full-size Java
 * raster is built. Each output pixel is the rounded mean of its {@code factorX x factorY} block
 * (edge blocks average the pixels they have), as {@link BoxReduce} computes for packed pixels;
 * samples wider than 8 bits (libheif's 16-bit little-endian chromas) are averaged at full precision
 * and then scaled to 8 bits. An optional colour conversion runs on each averaged pixel before it is
 * quantised.
 */
final class PlaneReducer {
  private static final int CHECK_EVERY_ROWS = 16;

  /**
   * The plane's layout.
   *
   * @param data first byte of the plane
   * @param stride bytes from one row to the next
   * @param width px
   * @param height px
   * @param alpha four samples per pixel (RGBA) instead of three
   * @param sixteenBit two little-endian bytes per sample instead of one
   * @param maxValue the largest sample value (255, 1023, 4095, ...)
   */
  record Plane(
      Pointer data,
      int stride,
      int width,
      int height,
      boolean alpha,
      boolean sixteenBit,
      int maxValue) {
    int channels() {
      return alpha ? 4 : 3;
    }
  }

  /** Thrown when {@code stop} says the work is no longer wanted (deadline spent). */
  static final class Stopped extends RuntimeException {
    Stopped() {
      super("stopped", null, false, false);
    }
  }

  private PlaneReducer() {}

  /**
   * Reduces {@code plane} by whole factors into an array of {@code ceil(width / factorX) x
   * ceil(height / factorY)} pixels (alpha opaque unless the plane has it).
   *
   * @param colour conversion applied to each averaged pixel (values 0..1), or null for none
   * @param stop polled every few rows; true aborts with {@link Stopped}
   */
  static int[] reduce(
      Plane plane, int factorX, int factorY, SrgbFromNclx colour, BooleanSupplier stop) {
    if (factorX < 1 || factorY < 1) {
      throw new IllegalArgumentException(
          "reduce factors must be >= 1, were " + factorX + ", " + factorY);
    }
    int width = plane.width();
    int channels = plane.channels();
    int bytesPerSample = plane.sixteenBit() ? 2 : 1;
    int outW = BoxReduce.reducedLength(width, factorX);
    int outH = BoxReduce.reducedLength(plane.height(), factorY);
    int[] out = new int[Math.multiplyExact(outW, outH)];
    byte[] row = new byte[width * channels * bytesPerSample];
    long[] sums = new long[outW * channels];
    float[] pixel = new float[3];
    int rowsRead = 0;
    for (int oy = 0; oy < outH; oy++) {
      Arrays.fill(sums, 0);
      int y0 = oy * factorY;
      int y1 = Math.min(plane.height(), y0 + factorY);
      for (int y = y0; y < y1; y++) {
        if (++rowsRead % CHECK_EVERY_ROWS == 0 && stop.getAsBoolean()) {
          throw new Stopped();
        }
        plane.data().read((long) y * plane.stride(), row, 0, row.length);
        if (plane.sixteenBit()) {
          accumulate16(row, width, channels, factorX, sums);
        } else {
          accumulate8(row, width, channels, factorX, sums);
        }
      }
      int rows = y1 - y0;
      for (int ox = 0; ox < outW; ox++) {
        long count = (long) rows * (Math.min(width, (ox + 1) * factorX) - ox * factorX);
        int s = ox * channels;
        int a = plane.alpha() ? quantise(sums[s + 3], count, plane.maxValue()) : 0xFF;
        int r;
        int g;
        int b;
        if (colour == null) {
          r = quantise(sums[s], count, plane.maxValue());
          g = quantise(sums[s + 1], count, plane.maxValue());
          b = quantise(sums[s + 2], count, plane.maxValue());
        } else {
          double scale = 1.0 / ((double) count * plane.maxValue());
          pixel[0] = (float) (sums[s] * scale);
          pixel[1] = (float) (sums[s + 1] * scale);
          pixel[2] = (float) (sums[s + 2] * scale);
          colour.apply(pixel, 0);
          r = Math.min(255, Math.round(pixel[0] * 255));
          g = Math.min(255, Math.round(pixel[1] * 255));
          b = Math.min(255, Math.round(pixel[2] * 255));
        }
        out[oy * outW + ox] = a << 24 | r << 16 | g << 8 | b;
      }
    }
    return out;
  }

  /**
   * The rounded mean of {@code count} samples summing to {@code sum}, scaled from 0..max to 0..255.
   */
  static int quantise(long sum, long count, int max) {
    if (max == 255) {
      return (int) ((sum + count / 2) / count);
    }
    long denominator = count * max;
    return (int) Math.min(255, (sum * 255 + denominator / 2) / denominator);
  }

  private static void accumulate8(byte[] row, int width, int channels, int factorX, long[] sums) {
    for (int ox = 0, x = 0; x < width; ox++) {
      int x1 = Math.min(width, x + factorX);
      int s = ox * channels;
      for (; x < x1; x++) {
        int p = x * channels;
        for (int c = 0; c < channels; c++) {
          sums[s + c] += row[p + c] & 0xFF;
        }
      }
    }
  }

  private static void accumulate16(byte[] row, int width, int channels, int factorX, long[] sums) {
    for (int ox = 0, x = 0; x < width; ox++) {
      int x1 = Math.min(width, x + factorX);
      int s = ox * channels;
      for (; x < x1; x++) {
        int p = x * channels * 2;
        for (int c = 0; c < channels; c++) {
          sums[s + c] += (row[p + 2 * c] & 0xFF) | (row[p + 2 * c + 1] & 0xFF) << 8;
        }
      }
    }
  }
}
