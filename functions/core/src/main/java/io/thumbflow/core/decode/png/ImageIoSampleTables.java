package io.thumbflow.core.decode.png;

import io.thumbflow.core.decode.SrgbConversion;
import io.thumbflow.core.render.PackedPixels;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import javax.imageio.ImageTypeSpecifier;

/**
 * Lookup tables from PNG samples to the packed {@code 0xAARRGGBB} values that thumbflow's other
 * decode path gives: JDK ImageIO's image of those samples, converted by {@link SrgbConversion}
 * (grey as display values, 16-bit samples scaled to 8). Each table is filled by converting such an
 * image, so it matches by construction; opaque images get alpha 0xff.
 */
final class ImageIoSampleTables {
  private ImageIoSampleTables() {}

  /**
   * Grey of bit depth 1, 2 or 4 ({@code 2^depth} entries), 8 (256) or 16 (65536) to opaque ARGB.
   */
  static int[] grey(int bitDepth) {
    return switch (bitDepth) {
      case 1 -> Grey1.TABLE;
      case 2 -> Grey2.TABLE;
      case 4 -> Grey4.TABLE;
      case 8 -> Grey8.TABLE;
      case 16 -> Grey16.TABLE;
      default -> throw new IllegalArgumentException("no grey table for bit depth " + bitDepth);
    };
  }

  /** 8-bit grey+alpha, indexed by {@code grey << 8 | alpha}, to ARGB. */
  static int[] greyAlpha8() {
    return GreyAlpha8.TABLE;
  }

  /**
   * 16-bit RGB sample to its 8-bit value, per channel: {@code [0]} red, {@code [1]} green, {@code
   * [2]} blue.
   */
  static byte[][] rgb16() {
    return Rgb16.TABLES;
  }

  /**
   * 16-bit samples with alpha to 8-bit values, per band of ImageIO's image: {@code [0..2]} red,
   * green, blue and {@code [3]} alpha for RGBA when {@code grey} is false; {@code [0]} grey (as
   * sRGB) and {@code [1]} alpha for grey+alpha when true. Colour does not depend on alpha (the
   * model is not premultiplied).
   */
  static byte[][] withAlpha16(boolean grey) {
    return grey ? GreyAlpha16.TABLES : Rgba16.TABLES;
  }

  /**
   * The image's pixels as the pipeline sees them: converted to packed sRGB, alpha 0xff when opaque.
   */
  private static int[] display(BufferedImage image) {
    BufferedImage srgb = SrgbConversion.toSrgb(image, null);
    int[] argb = PackedPixels.of(srgb).clone();
    if (!srgb.getColorModel().hasAlpha()) {
      for (int i = 0; i < argb.length; i++) {
        argb[i] |= 0xff000000;
      }
    }
    return argb;
  }

  /**
   * Asks a 16-bit image of {@code bands} bands (last one alpha) for each value of each band, others
   * 0.
   */
  private static byte[][] alpha16Tables(ColorSpace space, int bands) {
    int[] offsets = new int[bands];
    for (int b = 0; b < bands; b++) {
      offsets[b] = b;
    }
    BufferedImage image =
        ImageTypeSpecifier.createInterleaved(space, offsets, DataBuffer.TYPE_USHORT, true, false)
            .createBufferedImage(65536, bands);
    WritableRaster raster = image.getRaster();
    for (int v = 0; v < 65536; v++) {
      for (int b = 0; b < bands; b++) {
        raster.setSample(v, b, b, v); // row b carries the value in band b only
      }
    }
    int[] argb = display(image);
    byte[][] tables = new byte[bands][65536];
    for (int b = 0; b < bands; b++) {
      int shift = b == bands - 1 ? 24 : 16 - 8 * b;
      for (int v = 0; v < 65536; v++) {
        tables[b][v] = (byte) (argb[b * 65536 + v] >>> shift);
      }
    }
    return tables;
  }

  private static final class Rgba16 {
    static final byte[][] TABLES = alpha16Tables(ColorSpace.getInstance(ColorSpace.CS_sRGB), 4);
  }

  private static final class GreyAlpha16 {
    static final byte[][] TABLES = alpha16Tables(ColorSpace.getInstance(ColorSpace.CS_GRAY), 2);
  }

  private static int[] greyTable(int bitDepth) {
    int n = 1 << bitDepth;
    BufferedImage image =
        ImageTypeSpecifier.createGrayscale(
                bitDepth, bitDepth <= 8 ? DataBuffer.TYPE_BYTE : DataBuffer.TYPE_USHORT, false)
            .createBufferedImage(n, 1);
    WritableRaster raster = image.getRaster();
    for (int v = 0; v < n; v++) {
      raster.setSample(v, 0, 0, v);
    }
    return display(image);
  }

  private static final class Grey1 {
    static final int[] TABLE = greyTable(1);
  }

  private static final class Grey2 {
    static final int[] TABLE = greyTable(2);
  }

  private static final class Grey4 {
    static final int[] TABLE = greyTable(4);
  }

  private static final class Grey8 {
    static final int[] TABLE = greyTable(8);
  }

  private static final class Grey16 {
    static final int[] TABLE = greyTable(16);
  }

  private static final class GreyAlpha8 {
    static final int[] TABLE = build();

    private static int[] build() {
      BufferedImage image =
          ImageTypeSpecifier.createInterleaved(
                  ColorSpace.getInstance(ColorSpace.CS_GRAY),
                  new int[] {0, 1},
                  DataBuffer.TYPE_BYTE,
                  true,
                  false)
              .createBufferedImage(256, 256);
      WritableRaster raster = image.getRaster();
      for (int g = 0; g < 256; g++) {
        for (int a = 0; a < 256; a++) {
          raster.setSample(a, g, 0, g);
          raster.setSample(a, g, 1, a);
        }
      }
      return display(image);
    }
  }

  private static final class Rgb16 {
    static final byte[][] TABLES = build();

    private static byte[][] build() {
      BufferedImage image =
          ImageTypeSpecifier.createInterleaved(
                  ColorSpace.getInstance(ColorSpace.CS_sRGB),
                  new int[] {0, 1, 2},
                  DataBuffer.TYPE_USHORT,
                  false,
                  false)
              .createBufferedImage(65536, 3);
      WritableRaster raster = image.getRaster();
      for (int v = 0; v < 65536; v++) {
        for (int c = 0; c < 3; c++) {
          raster.setSample(v, c, c, v); // row c carries the value in channel c only
        }
      }
      int[] rgb = display(image);
      byte[][] tables = new byte[3][65536];
      for (int c = 0; c < 3; c++) {
        int shift = 16 - 8 * c;
        for (int v = 0; v < 65536; v++) {
          tables[c][v] = (byte) (rgb[c * 65536 + v] >>> shift);
        }
      }
      return tables;
    }
  }
}
