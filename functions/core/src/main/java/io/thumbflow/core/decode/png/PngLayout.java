package io.thumbflow.core.decode.png;

import java.util.Arrays;

/**
 * The parts of a PNG's chunk walk that decide its pixels: the IHDR fields, the PLTE and tRNS chunks
 * read the way ImageIO reads them (up to the first IDAT), and where the consecutive IDAT chunks'
 * bytes lie.
 *
 * @param width IHDR width (px, > 0)
 * @param height IHDR height (px, > 0)
 * @param bitDepth IHDR bit depth
 * @param colorType IHDR colour type (0, 2, 3, 4 or 6)
 * @param palette for colour type 3, ImageIO's palette as packed {@code 0xAARRGGBB} with {@code
 *     2^bitDepth} entries; else null
 * @param paletteAlpha true when that palette's colour model has alpha (a tRNS entry below 255)
 * @param colourKey for colour types 0 and 2 with a tRNS chunk, its sample values (grey, or red,
 *     green, blue) as written; else null
 * @param idatOffsets start of each IDAT chunk's data within the file
 * @param idatLengths length (bytes) of each IDAT chunk's data
 */
record PngLayout(
    int width,
    int height,
    int bitDepth,
    int colorType,
    int[] palette,
    boolean paletteAlpha,
    int[] colourKey,
    int[] idatOffsets,
    int[] idatLengths) {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final int IHDR = 0x49484452;
  private static final int PLTE = 0x504c5445;
  private static final int TRNS = 0x74524e53;
  private static final int IDAT = 0x49444154;

  /** Walks {@code d}'s chunks up to the end of its first run of IDAT chunks. */
  static PngLayout read(byte[] d) throws PngNotHandledException {
    if (d.length < 8 + 25 || !Arrays.equals(d, 0, 8, SIGNATURE, 0, 8)) {
      throw new PngNotHandledException("not a PNG or too short");
    }
    int pos = 8;
    if (u32(d, pos) != 13 || u32(d, pos + 4) != IHDR) {
      throw new PngNotHandledException("PNG does not start with a 13-byte IHDR");
    }
    long w = u32u(d, pos + 8);
    long h = u32u(d, pos + 12);
    int bitDepth = d[pos + 16] & 0xff;
    int colorType = d[pos + 17] & 0xff;
    if (w == 0 || h == 0 || w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
      throw new PngNotHandledException("PNG size " + w + "x" + h + " is out of range");
    }
    if (d[pos + 18] != 0 || d[pos + 19] != 0) {
      throw new PngNotHandledException("PNG uses an unknown compression or filter method");
    }
    if (d[pos + 20] != 0) {
      throw new PngNotHandledException("PNG is interlaced");
    }
    if (!supported(colorType, bitDepth)) {
      throw new PngNotHandledException(
          "PNG colour type " + colorType + " at bit depth " + bitDepth + " is not handled");
    }
    pos += 8 + 13 + 4;
    byte[] plte = null;
    byte[] trns = null;
    int[] colourKey = null;
    int[] offsets = new int[8];
    int[] lengths = new int[8];
    int idats = 0;
    while (true) {
      if (pos + 8 > d.length) {
        if (idats > 0) break; // ImageIO stops at the end of the IDAT run too
        throw new PngNotHandledException("PNG ends before its image data");
      }
      long length = u32u(d, pos);
      int type = u32(d, pos + 4);
      int body = pos + 8;
      if (length > d.length - body) {
        throw new PngNotHandledException(
            "PNG chunk at byte " + pos + " runs past the end of the file");
      }
      if (type == IDAT) {
        if (idats == offsets.length) {
          offsets = Arrays.copyOf(offsets, idats * 2);
          lengths = Arrays.copyOf(lengths, idats * 2);
        }
        offsets[idats] = body;
        lengths[idats] = (int) length;
        idats++;
      } else if (idats > 0) {
        break;
      } else if (type == PLTE) {
        if (plte == null)
          plte = Arrays.copyOfRange(d, body, body + (int) length); // ImageIO keeps the first
      } else if (type == TRNS) {
        if (colorType == 0 || colorType == 2) {
          int expected = colorType == 0 ? 2 : 6;
          if (length == expected) { // ImageIO ignores a tRNS of another length, and keeps the last
            colourKey = new int[expected / 2];
            for (int i = 0; i < colourKey.length; i++) {
              colourKey[i] = (d[body + 2 * i] & 0xff) << 8 | (d[body + 2 * i + 1] & 0xff);
            }
          }
        } else if (colorType == 3 && plte != null) {
          trns = Arrays.copyOfRange(d, body, body + (int) length); // ImageIO keeps the last
        }
      }
      pos = body + (int) length + 4;
    }
    if (colourKey != null && bitDepth == 16) {
      throw new PngNotHandledException("16-bit PNG has a colour-key tRNS chunk");
    }
    int[] palette = null;
    boolean paletteAlpha = false;
    if (colorType == 3) {
      if (plte == null || plte.length < 3) {
        throw new PngNotHandledException(
            "palette PNG has no usable PLTE chunk before its image data");
      }
      IndexedPalette p = IndexedPalette.asImageIoBuildsIt(plte, trns, bitDepth);
      palette = p.argb();
      paletteAlpha = p.alpha();
    }
    return new PngLayout(
        (int) w,
        (int) h,
        bitDepth,
        colorType,
        palette,
        paletteAlpha,
        colourKey,
        Arrays.copyOf(offsets, idats),
        Arrays.copyOf(lengths, idats));
  }

  /** Samples per pixel of the colour type. */
  int channels() {
    return switch (colorType) {
      case 2 -> 3;
      case 4 -> 2;
      case 6 -> 4;
      default -> 1;
    };
  }

  /** True when ImageIO's image for this PNG has an alpha channel. */
  boolean alpha() {
    return colorType == 4
        || colorType == 6
        || (colorType == 3 && paletteAlpha)
        || colourKey != null;
  }

  private static boolean supported(int colorType, int bitDepth) {
    return switch (colorType) {
      case 0 -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8 || bitDepth == 16;
      case 2 -> bitDepth == 8 || bitDepth == 16;
      case 3 -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8;
      case 4, 6 -> bitDepth == 8 || bitDepth == 16;
      default -> false;
    };
  }

  private static int u32(byte[] d, int p) {
    return ((d[p] & 0xff) << 24)
        | ((d[p + 1] & 0xff) << 16)
        | ((d[p + 2] & 0xff) << 8)
        | (d[p + 3] & 0xff);
  }

  private static long u32u(byte[] d, int p) {
    return u32(d, p) & 0xffffffffL;
  }
}
