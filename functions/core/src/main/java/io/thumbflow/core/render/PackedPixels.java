package io.thumbflow.core.render;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;
import java.awt.image.WritableRaster;

/**
 * Packed {@code 0xAARRGGBB} pixel arrays and the {@code TYPE_INT_RGB}/{@code TYPE_INT_ARGB} images
 * that share them without copying.
 */
public final class PackedPixels {
  private static final int[] RGB_MASKS = {0xff0000, 0xff00, 0xff};
  private static final int[] ARGB_MASKS = {0xff0000, 0xff00, 0xff, 0xff000000};

  private PackedPixels() {}

  /**
   * The image's own pixel array (row-major, width x height, no padding), or a packed copy when the
   * image is of another type or layout. Writes to the returned array change the image only in the
   * first case.
   */
  public static int[] of(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] own = packedArray(image);
    return own != null ? own : image.getRGB(0, 0, w, h, null, 0, w);
  }

  /**
   * The pixel array of a {@code TYPE_INT_RGB} or {@code TYPE_INT_ARGB} image laid out row-major
   * without padding, else null.
   */
  private static int[] packedArray(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int type = image.getType();
    if (type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_INT_ARGB) {
      WritableRaster raster = image.getRaster();
      if (raster.getDataBuffer() instanceof DataBufferInt buffer
          && raster.getSampleModel() instanceof SinglePixelPackedSampleModel model
          && model.getScanlineStride() == w
          && buffer.getNumBanks() == 1
          && buffer.getOffset() == 0
          && raster.getSampleModelTranslateX() == 0
          && raster.getSampleModelTranslateY() == 0
          && buffer.getData().length >= w * h) {
        return buffer.getData();
      }
    }
    return null;
  }

  /**
   * An image backed by {@code pixels} (no copy): {@code TYPE_INT_ARGB} when {@code alpha}, else
   * {@code TYPE_INT_RGB}.
   */
  public static BufferedImage wrap(int[] pixels, int width, int height, boolean alpha) {
    if (pixels.length < width * height)
      throw new IllegalArgumentException(
          "pixel array does not hold " + width + "x" + height + " pixels");
    ColorModel model =
        alpha ? ColorModel.getRGBdefault() : new DirectColorModel(24, 0xff0000, 0xff00, 0xff);
    WritableRaster raster =
        Raster.createPackedRaster(
            new DataBufferInt(pixels, width * height),
            width,
            height,
            width,
            alpha ? ARGB_MASKS : RGB_MASKS,
            null);
    return new BufferedImage(model, raster, false, null);
  }

  /**
   * Packed {@code 0x00RRGGBB} copies of the first {@code count} of {@code argb} composited over
   * white, as a page with a white background shows them.
   */
  public static int[] overWhite(int[] argb, int count) {
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      int v = argb[i];
      int a = v >>> 24;
      if (a == 0xff) {
        out[i] = v & 0xffffff;
      } else {
        int white = 255 * (255 - a) + 127;
        int r = (((v >>> 16) & 0xff) * a + white) / 255;
        int g = (((v >>> 8) & 0xff) * a + white) / 255;
        int b = ((v & 0xff) * a + white) / 255;
        out[i] = (r << 16) | (g << 8) | b;
      }
    }
    return out;
  }

  /**
   * Writes {@code pixels} into {@code image} unless they already are its own array (see {@link
   * #of}).
   */
  public static void store(BufferedImage image, int[] pixels) {
    int[] own = packedArray(image);
    if (own == pixels) return;
    int n = image.getWidth() * image.getHeight();
    if (own != null && image.getType() == BufferedImage.TYPE_INT_ARGB) {
      System.arraycopy(pixels, 0, own, 0, n);
    } else if (own != null) {
      // What setRGB stores in a TYPE_INT_RGB raster: the colour bits alone.
      for (int i = 0; i < n; i++) own[i] = pixels[i] & 0xffffff;
    } else {
      // Any other layout goes through its colour model (a per-pixel conversion, ~10x slower).
      image.setRGB(0, 0, image.getWidth(), image.getHeight(), pixels, 0, image.getWidth());
    }
  }
}
