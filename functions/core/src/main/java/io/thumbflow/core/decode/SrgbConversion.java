package io.thumbflow.core.decode;

import java.awt.Graphics2D;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;
import java.awt.image.WritableRaster;
import java.nio.charset.StandardCharsets;

/**
 * Converts whatever a decoder returns (indexed, grey, grey+alpha, 16-bit, CMYK, Lab, ICC-tagged)
 * into a fresh {@code TYPE_INT_RGB} or {@code TYPE_INT_ARGB} sRGB image.
 *
 * <p>Grey samples are taken as display values (gamma-encoded), as every browser shows them: Java's
 * linear {@code CS_GRAY} conversion would lighten them.
 */
public final class SrgbConversion {
  private SrgbConversion() {}

  /**
   * Converts {@code src} (not null); {@code icc} is a profile the decoder did not apply (may be
   * null). The result is {@code src} itself when it already is a packed sRGB image and no profile
   * applies.
   */
  public static BufferedImage toSrgb(BufferedImage src, byte[] icc) {
    BufferedImage out = convert(src);
    ICC_Profile profile = nonSrgbRgbProfile(icc);
    if (profile == null
        && src.getColorModel().getColorSpace() instanceof ICC_ColorSpace ics
        && ics.getType() == ColorSpace.TYPE_RGB
        && !ics.isCS_sRGB()
        && src.getColorModel() instanceof ComponentColorModel) {
      profile = nonSrgb(ics.getProfile());
    }
    if (profile != null) {
      applyProfile(out, profile);
    }
    return out;
  }

  private static BufferedImage convert(BufferedImage src) {
    int type = src.getType();
    if ((type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_INT_ARGB)
        && packedAtOrigin(src)) {
      return src;
    }
    var cm = src.getColorModel();
    int w = src.getWidth();
    int h = src.getHeight();
    boolean alpha = cm.hasAlpha();
    BufferedImage out =
        new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    int[] dst = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
    int csType = cm.getColorSpace().getType();
    int transfer = cm.getTransferType();
    if (cm instanceof ComponentColorModel
        && !cm.isAlphaPremultiplied()
        && (transfer == DataBuffer.TYPE_BYTE || transfer == DataBuffer.TYPE_USHORT)
        && (csType == ColorSpace.TYPE_GRAY || csType == ColorSpace.TYPE_RGB)) {
      copySamples(
          src.getRaster(), cm.getComponentSize(), csType == ColorSpace.TYPE_GRAY, alpha, w, h, dst);
    } else if (cm instanceof IndexColorModel || csType == ColorSpace.TYPE_RGB) {
      for (int y = 0; y < h; y++) {
        src.getRGB(0, y, w, 1, dst, y * w, w);
      }
      if (!alpha) {
        for (int i = 0; i < dst.length; i++) {
          dst[i] &= 0xFFFFFF;
        }
      }
    } else if (!alpha) {
      // CMYK, Lab, ...: let the colour management system map to sRGB
      new ColorConvertOp(null).filter(src, out);
    } else {
      Graphics2D g = out.createGraphics();
      g.drawImage(src, 0, 0, null);
      g.dispose();
    }
    return out;
  }

  private static boolean packedAtOrigin(BufferedImage img) {
    WritableRaster r = img.getRaster();
    return r.getMinX() == 0
        && r.getMinY() == 0
        && r.getSampleModelTranslateX() == 0
        && r.getSampleModelTranslateY() == 0
        && r.getSampleModel() instanceof SinglePixelPackedSampleModel sm
        && sm.getScanlineStride() == img.getWidth()
        && r.getDataBuffer().getOffset() == 0;
  }

  private static void copySamples(
      Raster r, int[] bits, boolean grey, boolean alpha, int w, int h, int[] dst) {
    int colours = grey ? 1 : 3;
    int[][] rows = new int[colours + (alpha ? 1 : 0)][w];
    int x0 = r.getMinX();
    int y0 = r.getMinY();
    int[] max = new int[rows.length];
    for (int b = 0; b < rows.length; b++) {
      max[b] = (1 << Math.min(bits[Math.min(b, bits.length - 1)], 30)) - 1;
    }
    for (int y = 0; y < h; y++) {
      for (int b = 0; b < rows.length; b++) {
        r.getSamples(x0, y0 + y, w, 1, b, rows[b]);
      }
      int base = y * w;
      for (int x = 0; x < w; x++) {
        int red = scale(rows[0][x], max[0]);
        int green = grey ? red : scale(rows[1][x], max[1]);
        int blue = grey ? red : scale(rows[2][x], max[2]);
        int a = alpha ? scale(rows[colours][x], max[colours]) : 0xFF;
        dst[base + x] = a << 24 | red << 16 | green << 8 | blue;
      }
    }
    if (!alpha) {
      for (int i = 0; i < w * h; i++) {
        dst[i] &= 0xFFFFFF;
      }
    }
  }

  private static int scale(int v, int max) {
    if (max == 255) {
      return v & 0xFF;
    }
    long s = ((long) v * 255 + max / 2) / max;
    return (int) Math.max(0, Math.min(255, s));
  }

  /**
   * The profile in {@code icc} when it is a readable RGB profile other than sRGB; null otherwise.
   */
  static ICC_Profile nonSrgbRgbProfile(byte[] icc) {
    if (icc == null || icc.length < 132) {
      return null;
    }
    try {
      ICC_Profile p = ICC_Profile.getInstance(icc);
      return p.getColorSpaceType() == ColorSpace.TYPE_RGB ? nonSrgb(p) : null;
    } catch (RuntimeException e) {
      return null; // unreadable profile: show the pixels as they are
    }
  }

  /** {@code p}, unless its description says sRGB or converting from it moves no colour. */
  private static ICC_Profile nonSrgb(ICC_Profile p) {
    byte[] desc = p.getData(ICC_Profile.icSigProfileDescriptionTag);
    if (desc != null && new String(desc, StandardCharsets.ISO_8859_1).contains("sRGB")) {
      return null;
    }
    return SrgbEquivalence.isSrgb(p) ? null : p;
  }

  /**
   * Converts the colour of an INT_RGB/INT_ARGB image in place from {@code profile} to sRGB. The
   * pixels go through an interleaved byte image because that is a layout the JDK's LittleCMS bridge
   * converts in one native call; the generic raster path is several times slower.
   */
  static void applyProfile(BufferedImage img, ICC_Profile profile) {
    int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
    // A profile the colour management system rejects: keep the unconverted (still displayable)
    // pixels.
    convertsFrom(px, img.getWidth(), img.getHeight(), profile);
  }

  /**
   * Converts {@code w x h} packed pixels in place from {@code profile} to sRGB, alpha kept; false,
   * with the pixels untouched, when the colour management system rejects the profile.
   */
  static boolean convertsFrom(int[] px, int w, int h, ICC_Profile profile) {
    try {
      byte[] bytes = new byte[w * h * 3];
      for (int i = 0, j = 0; i < w * h; i++, j += 3) {
        int p = px[i];
        bytes[j] = (byte) (p >> 16);
        bytes[j + 1] = (byte) (p >> 8);
        bytes[j + 2] = (byte) p;
      }
      WritableRaster raster =
          Raster.createInterleavedRaster(
              new DataBufferByte(bytes, bytes.length), w, h, w * 3, 3, new int[] {0, 1, 2}, null);
      ComponentColorModel cm =
          new ComponentColorModel(
              new ICC_ColorSpace(profile), false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
      BufferedImage tagged = new BufferedImage(cm, raster, false, null);
      BufferedImage srgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
      new ColorConvertOp(null).filter(tagged, srgb);
      int[] converted = ((DataBufferInt) srgb.getRaster().getDataBuffer()).getData();
      for (int i = 0; i < w * h; i++) {
        px[i] = (px[i] & 0xFF000000) | (converted[i] & 0xFFFFFF);
      }
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
