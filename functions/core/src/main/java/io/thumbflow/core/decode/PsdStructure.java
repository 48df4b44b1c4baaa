package io.thumbflow.core.decode;

import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageRejectedException;
import java.util.Arrays;
import java.util.Set;

/**
 * The section structure of a Photoshop document (PSD, or PSB with {@code version} 2), walked
 * without decoding: the header, the image resources (for the EXIF and ICC blocks) and where the
 * merged composite image lies, which is the only image thumbflow reads (layers are never composited
 * here). Lengths are checked against the file so that a decoder never reads past its end.
 *
 * <p>Layout from Adobe's "Photoshop File Formats Specification": a 26-byte header, then the colour
 * mode data, image resources and layer-and-mask sections, each preceded by its length (4 bytes; 8
 * for the layer section of a PSB), then the composite: a 2-byte compression (0 raw, 1 PackBits, 2/3
 * ZIP) and the planar channel data. PackBits data starts with one byte count per row and channel (2
 * bytes; 4 in PSB).
 *
 * @param version 1 for PSD, 2 for PSB
 * @param channels channels of the composite, alpha included (1..56)
 * @param width composite width (px)
 * @param height composite height (px)
 * @param depth bits per channel (1, 8, 16 or 32)
 * @param mode colour mode (0 bitmap, 1 grey, 2 indexed, 3 RGB, 4 CMYK, 7 multichannel, 8 duotone, 9
 *     Lab)
 * @param compression the composite's compression (0 raw, 1 PackBits, 2 ZIP, 3 ZIP with prediction)
 * @param exif the EXIF image resource (1058, a TIFF structure), or null
 * @param icc the ICC profile image resource (1039), or null
 */
record PsdStructure(
    int version,
    int channels,
    int width,
    int height,
    int depth,
    int mode,
    int compression,
    byte[] exif,
    byte[] icc) {
  static final int MODE_BITMAP = 0;
  static final int MODE_GREY = 1;
  static final int MODE_INDEXED = 2;
  static final int MODE_RGB = 3;
  static final int MODE_CMYK = 4;
  static final int MODE_MULTICHANNEL = 7;
  static final int MODE_DUOTONE = 8;
  static final int MODE_LAB = 9;
  private static final int RESOURCE_ICC = 1039;
  private static final int RESOURCE_EXIF = 1058;

  /** Additional layer information keys whose length field is 8 bytes in a PSB (Adobe's list). */
  private static final Set<String> LONG_LENGTH_KEYS =
      Set.of(
          "LMsk", "Lr16", "Lr32", "Layr", "Mt16", "Mt32", "Mtrn", "Alph", "FMsk", "lnk2", "FEid",
          "FXid", "PxSD");

  static PsdStructure read(byte[] d, String source, long maxPixels) throws ImageRejectedException {
    if (d.length < 26) {
      throw truncated(source, "its header");
    }
    int version = u16(d, 4);
    if (version != 1 && version != 2) {
      throw corrupt(source, "version " + version + " is neither 1 (PSD) nor 2 (PSB)");
    }
    int channels = u16(d, 12);
    long height = u32(d, 14);
    long width = u32(d, 18);
    int depth = u16(d, 22);
    int mode = u16(d, 24);
    long maxSide = version == 1 ? 30_000 : 300_000;
    if (width < 1 || height < 1 || width > maxSide || height > maxSide) {
      throw corrupt(
          source, "declares a " + width + "x" + height + " image (1 to " + maxSide + " px a side)");
    }
    HeaderProbe.checkPixels(width * height, maxPixels, width + "x" + height, source);
    if (channels < 1 || channels > 56) {
      throw corrupt(source, "declares " + channels + " channels (1 to 56)");
    }
    if (depth != 1 && depth != 8 && depth != 16 && depth != 32) {
      throw corrupt(source, "declares " + depth + " bits per channel (1, 8, 16 or 32)");
    }
    if (!Arrays.asList(
            MODE_BITMAP,
            MODE_GREY,
            MODE_INDEXED,
            MODE_RGB,
            MODE_CMYK,
            MODE_MULTICHANNEL,
            MODE_DUOTONE,
            MODE_LAB)
        .contains(mode)) {
      throw corrupt(source, "declares colour mode " + mode);
    }
    long pos = 26;
    pos = skipSection(d, pos, 4, "colour mode data", source);
    long resourcesStart = pos + 4;
    long resourcesEnd = skipSection(d, pos, 4, "image resources", source);
    byte[][] found = resources(d, resourcesStart, resourcesEnd, source);
    int lengthSize = version == 1 ? 4 : 8;
    pos = skipSection(d, resourcesEnd, lengthSize, "layer and mask information", source);
    checkLayerRecords(d, resourcesEnd + lengthSize, pos, version, source);
    if (pos + 2 > d.length) {
      throw truncated(source, "before its merged image");
    }
    int compression = u16(d, (int) pos);
    pos += 2;
    long rows = (long) channels * height;
    long rowBytes = (width * depth + 7) / 8;
    switch (compression) {
      case 0 -> {
        if (pos + rows * rowBytes > d.length) {
          throw truncated(source, "inside its merged image");
        }
      }
      case 1 -> {
        int countSize = version == 1 ? 2 : 4;
        if (pos + rows * countSize > d.length) {
          throw truncated(source, "inside its merged image's row table");
        }
        long data = 0;
        for (long r = 0; r < rows; r++) {
          data += countSize == 2 ? u16(d, (int) (pos + r * 2)) : u32(d, (int) (pos + r * 4));
        }
        if (pos + rows * countSize + data > d.length) {
          throw truncated(source, "inside its merged image");
        }
      }
      case 2, 3 -> {} // refused by the caller: the reader has no ZIP support for the merged image
      default -> throw corrupt(source, "merged image has unknown compression " + compression);
    }
    return new PsdStructure(
        version, channels, (int) width, (int) height, depth, mode, compression, found[0], found[1]);
  }

  /**
   * Checks the layer records of the layer-and-mask section {@code [start, end)} against their own
   * lengths, where TwelveMonkeys' PSD reader finds them: the layer info, else (16- and 32-bit
   * documents) a {@code Layr}, {@code Lr16} or {@code Lr32} block after the global layer mask.
   * thumbflow never reads layers, but that reader parses them before the merged image and sizes
   * arrays from their fields: a layer's blending-ranges length alone (a signed 32-bit count of
   * bytes) made it allocate up to 2 GB for a 496-byte file.
   */
  private static void checkLayerRecords(byte[] d, long start, long end, int version, String source)
      throws ImageRejectedException {
    if (start == end) return; // no layer-and-mask data at all
    int lengthSize = version == 1 ? 4 : 8;
    long infoEnd = skipSection(d, start, lengthSize, "layer info", source);
    if (infoEnd > end) throw corrupt(source, "layer info runs past its section");
    boolean layersFound = infoEnd > start + lengthSize;
    if (layersFound) checkLayers(d, start + lengthSize, infoEnd, lengthSize, source);
    if (infoEnd == end) return; // no global layer mask nor blocks after the layer info
    long pos = skipSection(d, infoEnd, 4, "global layer mask", source);
    if (pos > end) throw corrupt(source, "global layer mask runs past its section");
    while (!layersFound && pos + 12 < end) {
      String signature = FormatSniffer.ascii(d, (int) pos, 4);
      if (!signature.equals("8BIM") && !signature.equals("8B64")) return; // the reader stops too
      String key = FormatSniffer.ascii(d, (int) pos + 4, 4);
      int keyLengthSize = version == 2 && LONG_LENGTH_KEYS.contains(key) ? 8 : 4;
      // The key is the file's own four bytes: printable() keeps a line break out of the message.
      String block = FormatSniffer.printable(key) + " block";
      long dataEnd = skipSection(d, pos + 8, keyLengthSize, block, source);
      if (dataEnd > end) throw corrupt(source, block + " runs past its section");
      long data = pos + 8 + keyLengthSize;
      if (key.equals("Layr") || key.equals("Lr16") || key.equals("Lr32")) {
        checkLayers(d, data, dataEnd, lengthSize, source);
        layersFound = true;
      }
      pos = data + (dataEnd - data + 3) / 4 * 4; // blocks are padded to 4 bytes
    }
  }

  /**
   * Checks the layer count and layer records at {@code [pos, end)}: each record's extra data must
   * lie inside {@code end}, and its mask and blending-range lengths inside that.
   */
  private static void checkLayers(byte[] d, long pos, long end, int lengthSize, String source)
      throws ImageRejectedException {
    if (pos + 2 > end) throw corrupt(source, "layer info has no layer count");
    int layers = Math.abs((short) u16(d, (int) pos)); // negative: the merged alpha is transparency
    pos += 2;
    for (int layer = 0; layer < layers; layer++) {
      String what = "layer " + layer;
      if (pos + 18 > end) throw corrupt(source, what + " runs past the layer info");
      int channels = u16(d, (int) pos + 16);
      // Channel entries (id, data length), then signature, blend mode, opacity, clipping, flags,
      // filler.
      long extraAt = pos + 18 + (long) channels * (2 + lengthSize) + 12;
      if (extraAt + 4 > end) throw corrupt(source, what + " runs past the layer info");
      long extraEnd = extraAt + 4 + u32(d, (int) extraAt);
      if (extraEnd > end) throw corrupt(source, what + "'s extra data runs past the layer info");
      long maskAt = extraAt + 4;
      if (maskAt + 4 > extraEnd) throw corrupt(source, what + " has no layer mask length");
      long blendingAt = maskAt + 4 + u32(d, (int) maskAt);
      if (blendingAt + 4 > extraEnd) {
        throw corrupt(source, what + "'s layer mask runs past its record");
      }
      if (blendingAt + 4 + u32(d, (int) blendingAt) > extraEnd) {
        throw corrupt(source, what + "'s blending ranges run past its record");
      }
      pos = extraEnd;
    }
  }

  /** The end of the section whose length field (of {@code lengthSize} bytes) is at {@code pos}. */
  private static long skipSection(byte[] d, long pos, int lengthSize, String what, String source)
      throws ImageRejectedException {
    if (pos + lengthSize > d.length) {
      throw truncated(source, "before its " + what);
    }
    long length = lengthSize == 4 ? u32(d, (int) pos) : u64(d, (int) pos);
    long end = pos + lengthSize + length;
    if (length < 0 || end > d.length) {
      throw truncated(source, "inside its " + what);
    }
    return end;
  }

  /**
   * The EXIF and ICC resources ({@code [exif, icc]}, each null when absent) of the resources
   * section.
   */
  private static byte[][] resources(byte[] d, long start, long end, String source)
      throws ImageRejectedException {
    byte[] exif = null;
    byte[] icc = null;
    long pos = start;
    while (pos + 12 <= end) {
      String signature = FormatSniffer.ascii(d, (int) pos, 4);
      if (!signature.equals("8BIM")
          && !signature.equals("MeSa")
          && !signature.equals("AgHg")
          && !signature.equals("PHUT")
          && !signature.equals("DCSR")) {
        throw corrupt(source, "image resource at byte " + pos + " has no signature");
      }
      int id = u16(d, (int) pos + 4);
      int nameLength = d[(int) pos + 6] & 0xFF;
      long sizeAt = pos + 6 + ((1 + nameLength + 1) & ~1); // Pascal string padded to an even length
      if (sizeAt + 4 > end) {
        throw corrupt(source, "image resource " + id + " runs past its section");
      }
      long size = u32(d, (int) sizeAt);
      long data = sizeAt + 4;
      if (data + size > end) {
        throw corrupt(source, "image resource " + id + " runs past its section");
      }
      if (id == RESOURCE_EXIF && exif == null) {
        exif = Arrays.copyOfRange(d, (int) data, (int) (data + size));
      } else if (id == RESOURCE_ICC && icc == null) {
        icc = Arrays.copyOfRange(d, (int) data, (int) (data + size));
      }
      pos = data + size + (size & 1);
    }
    return new byte[][] {exif, icc};
  }

  private static ImageRejectedException truncated(String source, String where) {
    return new ImageRejectedException(ErrorType.Truncated, source, "truncated: PSD ends " + where);
  }

  private static ImageRejectedException corrupt(String source, String what) {
    return new ImageRejectedException(ErrorType.Corrupt, source, "corrupt: PSD " + what);
  }

  private static int u16(byte[] d, int p) {
    return (d[p] & 0xFF) << 8 | (d[p + 1] & 0xFF);
  }

  private static long u32(byte[] d, int p) {
    return FormatSniffer.u32be(d, p);
  }

  private static long u64(byte[] d, int p) {
    long high = u32(d, p);
    return high > 0x7FFF ? -1 : high << 32 | u32(d, p + 4);
  }
}
