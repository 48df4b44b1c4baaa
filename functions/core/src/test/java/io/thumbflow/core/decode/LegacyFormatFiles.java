package io.thumbflow.core.decode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * PSD, ICO/CUR, Netpbm and TGA files written in code from ARGB pixels, each laid out as its
 * specification says (see the production parsers' Javadoc), so that tests know every pixel the
 * decoder must return.
 */
final class LegacyFormatFiles {
  private LegacyFormatFiles() {}

  /** ARGB pixels of a gradient with a translucent band, distinct across the frame. */
  static int[] pattern(int w, int h, boolean alpha) {
    int[] px = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int r = x * 255 / Math.max(1, w - 1);
        int g = y * 255 / Math.max(1, h - 1);
        int b = (x * 7 + y * 13) & 0xFF;
        int a = alpha ? (y < h / 2 ? 255 : (x * 255 / Math.max(1, w - 1))) : 255;
        px[y * w + x] = a << 24 | r << 16 | g << 8 | b;
      }
    }
    return px;
  }

  // --- Netpbm
  // ------------------------------------------------------------------------------------------

  /**
   * A binary PGM (P5), PPM (P6) or PAM (P7, tuple type given) with samples scaled to {@code
   * maxval}; grey images take the red channel.
   */
  static byte[] netpbm(int magic, int[] argb, int w, int h, int maxval, String tupleType) {
    int channels =
        switch (magic) {
          case 5 -> 1;
          case 6 -> 3;
          default -> tupleType.startsWith("RGB") ? 3 : 1;
        };
    boolean alpha = magic == 7 && tupleType.endsWith("_ALPHA");
    String header =
        magic == 7
            ? "P7\nWIDTH "
                + w
                + "\nHEIGHT "
                + h
                + "\nDEPTH "
                + (channels + (alpha ? 1 : 0))
                + "\nMAXVAL "
                + maxval
                + "\nTUPLTYPE "
                + tupleType
                + "\nENDHDR\n"
            : "P" + magic + "\n# written by a test\n" + w + " " + h + "\n" + maxval + "\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
    for (int p : argb) {
      int[] samples =
          channels == 1
              ? new int[] {(p >> 16) & 0xFF}
              : new int[] {(p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF};
      for (int s : samples) {
        sample(out, s, maxval);
      }
      if (alpha) {
        sample(out, p >>> 24, maxval);
      }
    }
    return out.toByteArray();
  }

  /** An 8-bit value scaled to {@code maxval}, rounded, in one byte or two (big-endian). */
  static int scaled(int v, int maxval) {
    return (v * maxval + 127) / 255;
  }

  private static void sample(ByteArrayOutputStream out, int v8, int maxval) {
    int v = scaled(v8, maxval);
    if (maxval > 255) {
      out.write(v >> 8);
    }
    out.write(v & 0xFF);
  }

  /** A plain (text) PBM, P1: 1 is black. */
  static byte[] plainPbm(boolean[] black, int w, int h) {
    StringBuilder s = new StringBuilder("P1\n" + w + " " + h + "\n");
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        s.append(black[y * w + x] ? '1' : '0').append(x == w - 1 ? '\n' : ' ');
      }
    }
    return s.toString().getBytes(StandardCharsets.US_ASCII);
  }

  // --- TGA
  // ---------------------------------------------------------------------------------------------

  /**
   * A true-colour TGA (type 2, or 10 run-length encoded) of 15, 24 or 32 bits per pixel (32 with 8
   * attribute bits), rows stored bottom-up unless {@code topDown}, right to left when {@code
   * rightToLeft}.
   */
  static byte[] tga(
      int[] argb, int w, int h, int depth, boolean rle, boolean topDown, boolean rightToLeft) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0, 0, (byte) (rle ? 10 : 2), 0, 0, 0, 0, 0, 0, 0, 0, 0});
    le16(out, w);
    le16(out, h);
    out.write(depth);
    out.write((depth == 32 ? 8 : 0) | (topDown ? 0x20 : 0) | (rightToLeft ? 0x10 : 0));
    int bpp = (depth + 7) / 8;
    for (int row = 0; row < h; row++) {
      int y = topDown ? row : h - 1 - row;
      ByteArrayOutputStream pixels = new ByteArrayOutputStream();
      for (int col = 0; col < w; col++) {
        int x = rightToLeft ? w - 1 - col : col;
        int p = argb[y * w + x];
        if (depth == 15) {
          le16(pixels, ((p >> 19) & 0x1F) << 10 | ((p >> 11) & 0x1F) << 5 | ((p >> 3) & 0x1F));
        } else {
          pixels.write(p & 0xFF);
          pixels.write((p >> 8) & 0xFF);
          pixels.write((p >> 16) & 0xFF);
          if (depth == 32) {
            pixels.write(p >>> 24);
          }
        }
      }
      byte[] raw = pixels.toByteArray();
      if (!rle) {
        out.writeBytes(raw);
        continue;
      }
      // Alternate a run packet of the first pixel (repeated once) and raw packets: both packet
      // kinds occur.
      out.write(0x80);
      out.write(raw, 0, bpp);
      for (int x = 1; x < w; x += 128) {
        int n = Math.min(128, w - x);
        out.write(n - 1);
        out.write(raw, x * bpp, n * bpp);
      }
    }
    return out.toByteArray();
  }

  // --- ICO / CUR
  // -----------------------------------------------------------------------------------------

  /**
   * An icon (or cursor) whose entries are the given embedded images (PNG files or {@link #dib}
   * bitmaps).
   */
  static byte[] ico(boolean cursor, List<byte[]> images, List<int[]> sizes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    le16(out, 0);
    le16(out, cursor ? 2 : 1);
    le16(out, images.size());
    int offset = 6 + 16 * images.size();
    for (int i = 0; i < images.size(); i++) {
      out.write(sizes.get(i)[0] >= 256 ? 0 : sizes.get(i)[0]);
      out.write(sizes.get(i)[1] >= 256 ? 0 : sizes.get(i)[1]);
      out.write(0);
      out.write(0);
      le16(out, cursor ? 3 : 1);
      le16(out, cursor ? 5 : 32);
      le32(out, images.get(i).length);
      le32(out, offset);
      offset += images.get(i).length;
    }
    images.forEach(out::writeBytes);
    return out.toByteArray();
  }

  /**
   * A 32-bit BGRA icon bitmap: info header (height doubled), bottom-up rows, an all-zero AND mask.
   */
  static byte[] dib(int[] argb, int w, int h) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    le32(out, 40);
    le32(out, w);
    le32(out, 2 * h);
    le16(out, 1);
    le16(out, 32);
    for (int i = 0; i < 6; i++) {
      le32(out, 0);
    }
    for (int y = h - 1; y >= 0; y--) {
      for (int x = 0; x < w; x++) {
        int p = argb[y * w + x];
        out.write(p & 0xFF);
        out.write((p >> 8) & 0xFF);
        out.write((p >> 16) & 0xFF);
        out.write(p >>> 24);
      }
    }
    out.writeBytes(new byte[(w + 31) / 32 * 4 * h]);
    return out.toByteArray();
  }

  // --- PSD
  // ---------------------------------------------------------------------------------------------

  /**
   * A PSD with no layers whose merged image holds the pixels: grey (mode 1, the red channel) or RGB
   * (mode 3), with an alpha channel when {@code alpha}, 8 or 16 bits, raw or PackBits; with the ICC
   * profile and EXIF image resources when given.
   */
  static byte[] psd(
      int[] argb,
      int w,
      int h,
      int mode,
      int depth,
      boolean alpha,
      boolean packBits,
      byte[] icc,
      byte[] exif) {
    int colours = mode == 1 ? 1 : 3;
    int channels = colours + (alpha ? 1 : 0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("8BPS".getBytes(StandardCharsets.US_ASCII));
    be16(out, 1);
    out.writeBytes(new byte[6]);
    be16(out, channels);
    be32(out, h);
    be32(out, w);
    be16(out, depth);
    be16(out, mode);
    be32(out, 0); // colour mode data
    ByteArrayOutputStream resources = new ByteArrayOutputStream();
    if (icc != null) {
      resource(resources, 1039, icc);
    }
    if (exif != null) {
      resource(resources, 1058, exif);
    }
    be32(out, resources.size());
    out.writeBytes(resources.toByteArray());
    if (alpha) {
      byte[] layers = transparencyLayerSection();
      be32(out, layers.length);
      out.writeBytes(layers);
    } else {
      be32(out, 0); // layer and mask information
    }
    be16(out, packBits ? 1 : 0);
    int bytes = depth / 8;
    byte[][] rows = new byte[channels * h][];
    for (int c = 0; c < channels; c++) {
      int shift = c == colours ? 24 : 16 - 8 * c;
      for (int y = 0; y < h; y++) {
        byte[] row = new byte[w * bytes];
        for (int x = 0; x < w; x++) {
          int v = (argb[y * w + x] >>> shift) & 0xFF;
          if (bytes == 2) {
            row[2 * x] = (byte) v; // v * 257: the same high and low byte
            row[2 * x + 1] = (byte) v;
          } else {
            row[x] = (byte) v;
          }
        }
        rows[c * h + y] = packBits ? packBits(row) : row;
      }
    }
    if (packBits) {
      for (byte[] row : rows) {
        be16(out, row.length);
      }
    }
    for (byte[] row : rows) {
      out.writeBytes(row);
    }
    return out.toByteArray();
  }

  /**
   * A layer section whose negative layer count says "the first alpha channel is the merged image's
   * transparency" (without it an extra channel is a saved selection), holding one 1x1 layer.
   */
  private static byte[] transparencyLayerSection() {
    ByteArrayOutputStream info = new ByteArrayOutputStream();
    be16(info, -1 & 0xFFFF);
    be32(info, 0);
    be32(info, 0);
    be32(info, 1);
    be32(info, 1); // top, left, bottom, right
    be16(info, 1); // channels
    be16(info, 0); // channel id 0 (red)
    be32(info, 3); // its data: compression + 1 byte
    info.writeBytes("8BIMnorm".getBytes(StandardCharsets.US_ASCII));
    info.writeBytes(new byte[] {(byte) 255, 0, 0, 0}); // opacity, clipping, flags, filler
    be32(info, 12); // extra data: mask, blending ranges, name padded to 4 bytes
    be32(info, 0);
    be32(info, 0);
    info.writeBytes(new byte[4]);
    be16(info, 0);
    info.write(0x80); // the layer's one pixel
    if ((info.size() & 1) != 0) {
      info.write(0);
    }
    ByteArrayOutputStream section = new ByteArrayOutputStream();
    be32(section, info.size());
    section.writeBytes(info.toByteArray());
    be32(section, 0); // global layer mask information
    return section.toByteArray();
  }

  /** PackBits as literal runs of at most 128 bytes (a valid, if unambitious, encoding). */
  private static byte[] packBits(byte[] row) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < row.length; i += 128) {
      int n = Math.min(128, row.length - i);
      out.write(n - 1);
      out.write(row, i, n);
    }
    return out.toByteArray();
  }

  private static void resource(ByteArrayOutputStream out, int id, byte[] data) {
    out.writeBytes("8BIM".getBytes(StandardCharsets.US_ASCII));
    be16(out, id);
    be16(out, 0); // empty Pascal name, padded to 2 bytes
    be32(out, data.length);
    out.writeBytes(data);
    if ((data.length & 1) != 0) {
      out.write(0);
    }
  }

  /** A big-endian TIFF structure holding only IFD0 with the Orientation tag. */
  static byte[] exifOrientation(int orientation) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {'M', 'M', 0, 42});
    be32(out, 8);
    be16(out, 1);
    be16(out, 274);
    be16(out, 3);
    be32(out, 1);
    be16(out, orientation);
    be16(out, 0);
    be32(out, 0);
    return out.toByteArray();
  }

  private static void le16(ByteArrayOutputStream out, int v) {
    out.write(v & 0xFF);
    out.write((v >> 8) & 0xFF);
  }

  static void le32(ByteArrayOutputStream out, int v) {
    le16(out, v & 0xFFFF);
    le16(out, (v >>> 16) & 0xFFFF);
  }

  private static void be16(ByteArrayOutputStream out, int v) {
    out.write((v >> 8) & 0xFF);
    out.write(v & 0xFF);
  }

  private static void be32(ByteArrayOutputStream out, int v) {
    be16(out, (v >>> 16) & 0xFFFF);
    be16(out, v & 0xFFFF);
  }
}
