package io.thumbflow.core.decode;

import java.util.BitSet;

/**
 * Reads the first directory (IFD0) of a TIFF file for the few tags the decoder checks before
 * decoding: the orientation and where the first page's strips or tiles lie. A strip that runs past
 * the end of the file makes decoders fail late or pad silently; this finds it from the directory
 * alone. Only IFD0 is read (no XMP, IPTC or Photoshop blocks, which full metadata parsers spend
 * most of their time on).
 *
 * <p>It also recognises camera raw files, which are TIFF-based but hold sensor data: a DNG declares
 * its DNGVersion tag (50706) in IFD0 (Adobe DNG Specification 1.6, "IFD 0"); a Canon CR2 has "CR"
 * and major version 2 right after the TIFF header (bytes 8..10); other TIFF-based raws (NEF, ARW,
 * PEF, ...) keep their sensor image in IFD0 or a SubIFD (tag 330) with PhotometricInterpretation
 * 32803 (CFA, TIFF/EP) or 34892 (LinearRaw, DNG).
 *
 * @param orientation the Orientation tag (1..8), or 1 when absent or invalid
 * @param runPastEnd true when a strip or tile of the first page starts or ends beyond the end of
 *     the file
 * @param cameraRaw the kind of camera raw file ("DNG", "CR2", "TIFF-based camera raw"), or null for
 *     an image
 * @param samplesPerPixel the SamplesPerPixel tag, 1 when absent or unreadable (decoders size
 *     per-pixel arrays and rasters by it before reading a byte of image data)
 */
record TiffStrips(int orientation, boolean runPastEnd, String cameraRaw, long samplesPerPixel) {
  private static final int ORIENTATION = 274;
  private static final int SAMPLES_PER_PIXEL = 277;
  private static final int STRIP_OFFSETS = 273;
  private static final int STRIP_BYTE_COUNTS = 279;
  private static final int TILE_OFFSETS = 324;
  private static final int TILE_BYTE_COUNTS = 325;
  private static final int MAX_VALUES = 1 << 20;
  private static final int PHOTOMETRIC = 262;
  private static final int SUB_IFDS = 330;
  private static final int DNG_VERSION = 50706;
  private static final int PHOTOMETRIC_CFA = 32803;
  private static final int PHOTOMETRIC_LINEAR_RAW = 34892;
  private static final int MAX_SUB_IFDS = 16;

  static TiffStrips read(byte[] d) {
    try {
      return parse(d);
    } catch (RuntimeException e) {
      return new TiffStrips(
          1, false, cr2(d) ? "CR2" : null, 1); // unreadable directory: the decoder will judge it
    }
  }

  private static TiffStrips parse(byte[] d) {
    boolean little = d[0] == 'I';
    boolean big = (little ? u16(d, 2, true) : u16(d, 2, false)) == 43;
    long ifd = big ? u64(d, 8, little) : u32(d, 4, little);
    long count = big ? u64(d, (int) ifd, little) : u16(d, (int) ifd, little);
    int entrySize = big ? 20 : 12;
    long first = ifd + (big ? 8 : 2);
    // A directory claiming more entries than the file holds: the decoders read those that fit, so
    // the checks read the same ones.
    count = Math.min(count, (d.length - first) / entrySize);
    if (ifd <= 0 || count <= 0) {
      return new TiffStrips(1, false, cr2(d) ? "CR2" : null, 1);
    }
    int orientation = 1;
    long[] stripOffsets = null;
    long[] stripCounts = null;
    long[] tileOffsets = null;
    long[] tileCounts = null;
    boolean dng = false;
    long photometric = -1;
    long samplesPerPixel = 1;
    long[] subIfds = new long[0];
    // A tag given twice is read as TwelveMonkeys reads it (AbstractDirectory.getEntryById: the
    // first entry with that tag), so a forged value cannot hide behind a harmless repeat.
    BitSet seen = new BitSet(1 << 16);
    for (int i = 0; i < count; i++) {
      int e = (int) (first + (long) i * entrySize);
      int tag = u16(d, e, little);
      if (seen.get(tag)) {
        continue;
      }
      seen.set(tag);
      switch (tag) {
        case ORIENTATION -> {
          long[] v = values(d, e, little, big);
          orientation = v.length > 0 && v[0] >= 1 && v[0] <= 8 ? (int) v[0] : 1;
        }
        case STRIP_OFFSETS -> stripOffsets = values(d, e, little, big);
        case STRIP_BYTE_COUNTS -> stripCounts = values(d, e, little, big);
        case TILE_OFFSETS -> tileOffsets = values(d, e, little, big);
        case TILE_BYTE_COUNTS -> tileCounts = values(d, e, little, big);
        case DNG_VERSION -> dng = true;
        case PHOTOMETRIC -> photometric = first(values(d, e, little, big));
        case SAMPLES_PER_PIXEL -> samplesPerPixel = Math.max(1, first(values(d, e, little, big)));
        case SUB_IFDS -> subIfds = values(d, e, little, big);
        default -> {}
      }
    }
    boolean past =
        pastEnd(stripOffsets, stripCounts, d.length) || pastEnd(tileOffsets, tileCounts, d.length);
    String raw = dng ? "DNG" : cr2(d) ? "CR2" : null;
    if (raw == null
        && (sensorData(photometric) || anySubIfdHoldsSensorData(d, subIfds, little, big))) {
      raw = "TIFF-based camera raw";
    }
    return new TiffStrips(orientation, past, raw, samplesPerPixel);
  }

  private static boolean cr2(byte[] d) {
    return d.length > 10 && d[8] == 'C' && d[9] == 'R' && d[10] == 2;
  }

  private static boolean sensorData(long photometric) {
    return photometric == PHOTOMETRIC_CFA || photometric == PHOTOMETRIC_LINEAR_RAW;
  }

  private static long first(long[] values) {
    return values.length > 0 ? values[0] : -1;
  }

  private static boolean anySubIfdHoldsSensorData(
      byte[] d, long[] subIfds, boolean little, boolean big) {
    int entrySize = big ? 20 : 12;
    for (int k = 0; k < Math.min(subIfds.length, MAX_SUB_IFDS); k++) {
      long ifd = subIfds[k];
      if (ifd <= 0 || ifd + (big ? 8 : 2) > d.length) {
        continue;
      }
      long count = big ? u64(d, (int) ifd, little) : u16(d, (int) ifd, little);
      long first = ifd + (big ? 8 : 2);
      if (count <= 0 || first + count * entrySize > d.length) {
        continue;
      }
      for (int i = 0; i < count; i++) {
        int e = (int) (first + (long) i * entrySize);
        if (u16(d, e, little) == PHOTOMETRIC && sensorData(first(values(d, e, little, big)))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean pastEnd(long[] offsets, long[] counts, long length) {
    if (offsets == null || counts == null) {
      return false;
    }
    for (int i = 0; i < Math.min(offsets.length, counts.length); i++) {
      if (offsets[i] + counts[i] > length) {
        return true;
      }
    }
    return false;
  }

  /**
   * The unsigned integer values of an entry of type BYTE, SHORT, LONG or LONG8; empty for other
   * types.
   */
  private static long[] values(byte[] d, int e, boolean little, boolean big) {
    int type = u16(d, e + 2, little);
    long n = big ? u64(d, e + 4, little) : u32(d, e + 4, little);
    int size =
        switch (type) {
          case 1 -> 1;
          case 3 -> 2;
          case 4 -> 4;
          case 16 -> 8;
          default -> 0;
        };
    if (size == 0 || n <= 0 || n > MAX_VALUES) {
      return new long[0];
    }
    int inline = big ? 8 : 4;
    int valueField = e + (big ? 12 : 8);
    long at =
        n * size <= inline
            ? valueField
            : (big ? u64(d, valueField, little) : u32(d, valueField, little));
    if (at < 0 || at + n * size > d.length) {
      return new long[0];
    }
    long[] out = new long[(int) n];
    for (int i = 0; i < n; i++) {
      int p = (int) (at + (long) i * size);
      out[i] =
          switch (size) {
            case 1 -> d[p] & 0xFF;
            case 2 -> u16(d, p, little);
            case 4 -> u32(d, p, little);
            default -> u64(d, p, little);
          };
    }
    return out;
  }

  private static int u16(byte[] d, int p, boolean little) {
    return little ? (d[p] & 0xFF) | (d[p + 1] & 0xFF) << 8 : (d[p] & 0xFF) << 8 | (d[p + 1] & 0xFF);
  }

  private static long u32(byte[] d, int p, boolean little) {
    return little ? FormatSniffer.u32le(d, p) : FormatSniffer.u32be(d, p);
  }

  private static long u64(byte[] d, int p, boolean little) {
    long a = u32(d, p, little);
    long b = u32(d, p + 4, little);
    long v = little ? (b << 32 | a) : (a << 32 | b);
    return v < 0 ? Long.MAX_VALUE / 2 : v;
  }
}
