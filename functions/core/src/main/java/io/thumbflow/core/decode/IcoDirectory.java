package io.thumbflow.core.decode;

import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageRejectedException;

/**
 * The directory of a Windows icon (ICO) or cursor (CUR) and the one image thumbflow shows of it:
 * the largest (by area, then colour depth; the first of equals). Each image's size is read from its
 * own header (a PNG's IHDR, or a BMP info header, whose height counts the colour and mask bitmaps
 * together) and checked against the pixel cap, because the directory's one-byte sizes say nothing
 * about an embedded PNG.
 *
 * <p>Layout (Microsoft, "Icons" in the Win32 documentation): a 6-byte header (reserved 0, type 1
 * icon or 2 cursor, count), then 16-byte entries (width, height, colours, reserved, planes or
 * hotspot x, bit count or hotspot y, size, offset; a width or height of 0 means 256), each pointing
 * at a PNG or at a headerless BMP: info header, palette, colour bitmap and 1-bit AND mask, rows
 * padded to 4 bytes, bottom-up.
 *
 * @param cursor true for a CUR file
 * @param count number of images in the directory
 * @param index the chosen image's index in the directory
 * @param width the chosen image's width (px)
 * @param height the chosen image's height (px)
 */
record IcoDirectory(boolean cursor, int count, int index, int width, int height) {
  private static final int PNG_MAGIC_HIGH = 0x89504E47;

  static IcoDirectory read(byte[] d, String source, long maxPixels) throws ImageRejectedException {
    boolean cursor = d.length > 2 && d[2] == 2;
    String fmt = cursor ? "CUR" : "ICO";
    int count = d.length >= 6 ? FormatSniffer.u16le(d, 4) : 0;
    if (d.length < 6 + 16L * count) {
      throw new ImageRejectedException(
          ErrorType.Truncated, source, "truncated: " + fmt + " ends inside its directory");
    }
    int best = -1;
    long bestArea = -1;
    int bestBits = -1;
    int bestW = 0;
    int bestH = 0;
    for (int i = 0; i < count; i++) {
      int e = 6 + 16 * i;
      int dirW = d[e] == 0 ? 256 : d[e] & 0xFF;
      int dirH = d[e + 1] == 0 ? 256 : d[e + 1] & 0xFF;
      long size = FormatSniffer.u32le(d, e + 8);
      long offset = FormatSniffer.u32le(d, e + 12);
      String image = fmt + " image " + (i + 1) + " of " + count;
      if (offset + size > d.length || size < 16) {
        throw new ImageRejectedException(
            ErrorType.Truncated, source, "truncated: " + image + " runs past the end of the file");
      }
      int p = (int) offset;
      int w;
      int h;
      int bits;
      if (FormatSniffer.u32be(d, p) == (PNG_MAGIC_HIGH & 0xFFFFFFFFL)) {
        if (size < 33 || !FormatSniffer.ascii(d, p + 12, 4).equals("IHDR")) {
          throw new ImageRejectedException(
              ErrorType.Corrupt, source, "corrupt: " + image + " is a PNG without IHDR");
        }
        w = (int) Math.min(Integer.MAX_VALUE, FormatSniffer.u32be(d, p + 16));
        h = (int) Math.min(Integer.MAX_VALUE, FormatSniffer.u32be(d, p + 20));
        HeaderProbe.checkPixels((long) w * h, maxPixels, w + "x" + h, source);
        bits = (d[p + 24] & 0xFF) * channels(d[p + 25] & 0xFF);
      } else {
        long infoSize = FormatSniffer.u32le(d, p);
        if (infoSize < 40 || infoSize > size) {
          throw new ImageRejectedException(
              ErrorType.Corrupt,
              source,
              "corrupt: " + image + " has a bitmap header of " + infoSize + " bytes");
        }
        w = (int) FormatSniffer.u32le(d, p + 4);
        int doubled = (int) FormatSniffer.u32le(d, p + 8);
        // The stored height covers the colour bitmap and the AND mask: the image is half of it.
        h = doubled / 2 + (doubled & 1);
        if (w <= 0 || doubled <= 0) {
          throw new ImageRejectedException(
              ErrorType.Corrupt,
              source,
              "corrupt: " + image + " declares a " + w + "x" + doubled + " bitmap");
        }
        HeaderProbe.checkPixels((long) w * h, maxPixels, w + "x" + h, source);
        bits = FormatSniffer.u16le(d, p + 14);
        long compression = FormatSniffer.u32le(d, p + 16);
        if (bits != 1 && bits != 4 && bits != 8 && bits != 16 && bits != 24 && bits != 32) {
          throw new ImageRejectedException(
              ErrorType.Corrupt, source, "corrupt: " + image + " has " + bits + " bits per pixel");
        }
        if (compression != 0) {
          throw new ImageRejectedException(
              ErrorType.UnsupportedFormat,
              source,
              "unsupported format: "
                  + image
                  + " is a compressed bitmap (compression "
                  + compression
                  + ")");
        }
        // The reader lays the bitmap out by the directory's size, so the two must agree.
        if (w != dirW || (doubled != 2 * dirH && doubled != dirH)) {
          throw new ImageRejectedException(
              ErrorType.Corrupt,
              source,
              "corrupt: "
                  + image
                  + " is "
                  + dirW
                  + "x"
                  + dirH
                  + " in the directory but "
                  + w
                  + "x"
                  + h
                  + " in its bitmap header");
        }
        h = dirH;
        long palette = bits <= 8 ? 4L * (1L << bits) : 0;
        long colourRow = ((long) w * bits + 31) / 32 * 4;
        long maskRow = ((long) w + 31) / 32 * 4;
        long needed = infoSize + palette + colourRow * h + (doubled == 2 * h ? maskRow * h : 0);
        if (needed > size && offset + needed > d.length) {
          throw new ImageRejectedException(
              ErrorType.Truncated,
              source,
              "truncated: " + image + " ends before its " + w + "x" + h + " bitmap does");
        }
      }
      long area = (long) w * h;
      if (area > bestArea || (area == bestArea && bits > bestBits)) {
        best = i;
        bestArea = area;
        bestBits = bits;
        bestW = w;
        bestH = h;
      }
    }
    if (best < 0) {
      throw new ImageRejectedException(
          ErrorType.Corrupt, source, "corrupt: " + fmt + " directory lists no image");
    }
    return new IcoDirectory(cursor, count, best, bestW, bestH);
  }

  /** Samples per pixel of a PNG colour type. */
  private static int channels(int colourType) {
    return switch (colourType) {
      case 2 -> 3;
      case 4 -> 2;
      case 6 -> 4;
      default -> 1;
    };
  }
}
