package io.thumbflow.core.decode;

import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageRejectedException;

/**
 * The header of a Truevision TGA image, with its pixel data walked (run-length packets included) to
 * find a file that ends early, as the "Truevision TGA File Format Specification 2.0" lays it out:
 * an 18-byte header (ID length, colour map type, image type, colour map first index, length and
 * entry size, origin, width, height, pixel depth, descriptor), the ID, the colour map, then the
 * pixels. Image types 1/2/3 are raw colour-mapped, true-colour and grey; 9/10/11 the same
 * run-length encoded (packets of up to 128 pixels, high bit set for a run of one repeated pixel).
 * Descriptor bits 0..3 count the alpha (attribute) bits, bit 4 stores rows right to left, bit 5 top
 * to bottom.
 *
 * @param width width (px)
 * @param height height (px)
 * @param imageType 1, 2, 3, 9, 10 or 11
 * @param depth bits per pixel (8, 15, 16, 24 or 32)
 * @param descriptor the image descriptor byte
 */
record TgaHeader(int width, int height, int imageType, int depth, int descriptor) {

  /** True when rows are stored right to left (descriptor bit 4), which is an EXIF-style mirror. */
  boolean rightToLeft() {
    return (descriptor & 0x10) != 0;
  }

  /**
   * The first 18 bytes as the reader must see them, or null when the file's own will do:
   * TwelveMonkeys' reader refuses 15-bit pixels (laid out as 16-bit ones without the alpha bit) and
   * right-to-left rows (decoded here as left-to-right and then mirrored, see {@link #rightToLeft}).
   */
  byte[] readerHeader(byte[] d) {
    if (depth != 15 && !rightToLeft()) {
      return null;
    }
    byte[] head = java.util.Arrays.copyOf(d, 18);
    if (depth == 15) {
      head[16] = 16;
      head[17] &= (byte) 0xF0; // no attribute (alpha) bits
    }
    head[17] &= (byte) ~0x10;
    return head;
  }

  static TgaHeader read(byte[] d, String source, long maxPixels) throws ImageRejectedException {
    if (d.length < 18) {
      throw new ImageRejectedException(
          ErrorType.Truncated, source, "truncated: TGA ends inside its header");
    }
    int idLength = d[0] & 0xFF;
    int mapType = d[1] & 0xFF;
    int type = d[2] & 0xFF;
    int mapLength = FormatSniffer.u16le(d, 5);
    int mapEntryBits = d[7] & 0xFF;
    int width = FormatSniffer.u16le(d, 12);
    int height = FormatSniffer.u16le(d, 14);
    int depth = d[16] & 0xFF;
    int descriptor = d[17] & 0xFF;
    if (width == 0 || height == 0) {
      throw new ImageRejectedException(
          ErrorType.Corrupt, source, "corrupt: TGA declares a " + width + "x" + height + " image");
    }
    HeaderProbe.checkPixels((long) width * height, maxPixels, width + "x" + height, source);
    int base = type & ~8;
    if (type != base && type != (base | 8) || base < 1 || base > 3) {
      throw new ImageRejectedException(
          ErrorType.UnsupportedFormat, source, "unsupported format: TGA image type " + type);
    }
    if (base == 3 && depth == 16) {
      // Grey + 8-bit alpha: the reader takes the two bytes for one 16-bit grey sample.
      throw new ImageRejectedException(
          ErrorType.UnsupportedFormat,
          source,
          "unsupported format: TGA grey with alpha (16 bits per pixel)");
    }
    boolean depthOk =
        switch (base) {
          case 2 -> depth == 15 || depth == 16 || depth == 24 || depth == 32;
          default -> depth == 8;
        };
    if (!depthOk || mapType > 1 || (base == 1 && mapType != 1)) {
      throw new ImageRejectedException(
          ErrorType.Corrupt,
          source,
          "corrupt: TGA image type "
              + type
              + " with "
              + depth
              + " bits per pixel and colour map type "
              + mapType);
    }
    long mapBytes = mapType == 1 ? (long) mapLength * ((mapEntryBits + 7) / 8) : 0;
    long pos = 18L + idLength + mapBytes;
    int bpp = (depth + 7) / 8;
    long pixels = (long) width * height;
    long end = type == base ? pos + pixels * bpp : rleEnd(d, pos, pixels, bpp);
    if (end > d.length) {
      throw new ImageRejectedException(
          ErrorType.Truncated,
          source,
          "truncated: TGA data ends before the end of the " + width + "x" + height + " image");
    }
    return new TgaHeader(width, height, type, depth, descriptor);
  }

  /**
   * Where the run-length packets that hold {@code pixels} pixels end, or past the data when they do
   * not.
   */
  private static long rleEnd(byte[] d, long pos, long pixels, int bpp) {
    long p = pos;
    long done = 0;
    while (done < pixels) {
      if (p >= d.length) {
        return d.length + 1L;
      }
      int packet = d[(int) p] & 0xFF;
      int count = (packet & 0x7F) + 1;
      p += 1 + ((packet & 0x80) != 0 ? bpp : (long) count * bpp);
      done += count;
    }
    return p;
  }
}
