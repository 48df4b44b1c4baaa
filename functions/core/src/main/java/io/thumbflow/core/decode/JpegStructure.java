package io.thumbflow.core.decode;

import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageRejectedException;
import io.thumbflow.core.decode.dc.EntropyCodedData;
import io.thumbflow.core.decode.dc.ProgressiveDcDecoder;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The marker structure of a JPEG, walked without decoding: frame header (SOFn), scan count, whether
 * the data reaches EOI, and the EXIF, ICC and Adobe segments. Entropy-coded data is skipped by
 * looking for its 0xFF bytes ({@link EntropyCodedData#end}), which is linear in the file size and
 * allocation-free.
 *
 * @param sofMarker the SOFn marker (0xC0..0xCF)
 * @param precision sample precision in bits (8 for ordinary JPEGs)
 * @param width frame width (px)
 * @param height frame height (px)
 * @param components number of colour components (1 grey, 3 YCbCr/RGB, 4 CMYK/YCCK)
 * @param eighthReproducible the components' sampling factors are ones whose 1/8 decode {@link
 *     ProgressiveDcDecoder#decodeExactly} reproduces (grey, 4:4:4, 4:2:0, 4:2:2 and more); false
 *     when the frame header is too short to say
 * @param scans number of SOS markers before EOI
 * @param adobeTransform the Adobe APP14 transform (0 none/RGB/CMYK, 1 YCbCr, 2 YCCK) or -1 when
 *     absent
 * @param exif the first APP1 EXIF payload (TIFF structure, after "Exif\0\0"), or null
 * @param icc the reassembled APP2 ICC profile, or null
 * @param iccSegments where each APP2 ICC segment's "ICC_PROFILE" identifier starts, in file order
 */
record JpegStructure(
    int sofMarker,
    int precision,
    int width,
    int height,
    int components,
    boolean eighthReproducible,
    int scans,
    int adobeTransform,
    byte[] exif,
    byte[] icc,
    int[] iccSegments) {
  private static final int ICC_PREFIX = 14; // "ICC_PROFILE\0", chunk number, chunk count

  /**
   * Walks {@code d}; rejects files whose frame is over {@code maxPixels}, that end before EOI, have
   * no frame, or more than {@code maxScans} scans.
   */
  static JpegStructure read(byte[] d, String source, int maxScans, long maxPixels)
      throws ImageRejectedException {
    int n = d.length;
    if (n < 4 || (d[0] & 0xFF) != 0xFF || (d[1] & 0xFF) != 0xD8) {
      throw new ImageRejectedException(
          ErrorType.Corrupt, source, "corrupt: JPEG start-of-image marker missing");
    }
    int sof = -1;
    int precision = 0;
    int width = 0;
    int height = 0;
    int components = 0;
    boolean eighthReproducible = false;
    int scans = 0;
    int adobe = -1;
    byte[] exif = null;
    Map<Integer, byte[]> iccChunks = new TreeMap<>();
    List<Integer> iccSegments = new ArrayList<>();
    int pos = 2;
    while (true) {
      // Tolerate junk between segments, as libjpeg does ("extraneous bytes before marker").
      while (pos < n && (d[pos] & 0xFF) != 0xFF) {
        pos++;
      }
      while (pos < n && (d[pos] & 0xFF) == 0xFF) {
        pos++;
      }
      if (pos >= n) {
        if (sof < 0) {
          throw new ImageRejectedException(
              ErrorType.Corrupt, source, "corrupt: JPEG has no image data");
        }
        throw truncated(source, width, height);
      }
      int marker = d[pos] & 0xFF;
      pos++;
      if (marker == 0xD9) {
        break;
      }
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x00) {
        continue;
      }
      if (pos + 2 > n) {
        throw truncated(source, width, height);
      }
      int length = (d[pos] & 0xFF) << 8 | (d[pos + 1] & 0xFF);
      if (length < 2) {
        throw new ImageRejectedException(
            ErrorType.Corrupt,
            source,
            "corrupt: JPEG segment 0x"
                + Integer.toHexString(marker).toUpperCase()
                + " has a bogus length");
      }
      int body = pos + 2;
      int end = pos + length;
      if (end > n) {
        throw truncated(source, width, height);
      }
      boolean isSof =
          marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
      if (isSof && sof < 0) {
        if (length < 8) {
          throw new ImageRejectedException(
              ErrorType.Corrupt, source, "corrupt: JPEG frame header too short");
        }
        sof = marker;
        precision = d[body] & 0xFF;
        height = (d[body + 1] & 0xFF) << 8 | (d[body + 2] & 0xFF);
        width = (d[body + 3] & 0xFF) << 8 | (d[body + 4] & 0xFF);
        components = d[body + 5] & 0xFF;
        if (length >= 8 + 3 * components) {
          int[] h = new int[components];
          int[] v = new int[components];
          for (int i = 0; i < components; i++) {
            int factors = d[body + 7 + 3 * i] & 0xFF; // Hi:Vi, after each component's id
            h[i] = Math.max(1, factors >> 4);
            v[i] = Math.max(1, factors & 0x0F);
          }
          eighthReproducible = ProgressiveDcDecoder.reproducesEighthScale(h, v);
        }
        HeaderProbe.checkPixels((long) width * height, maxPixels, width + "x" + height, source);
      } else if (marker == 0xE1
          && exif == null
          && length >= 8
          && FormatSniffer.ascii(d, body, 6).equals("Exif\0\0")) {
        exif = slice(d, body + 6, end);
      } else if (marker == 0xE2
          && length >= 16
          && FormatSniffer.ascii(d, body, 12).equals("ICC_PROFILE\0")) {
        iccChunks.putIfAbsent(d[body + 12] & 0xFF, slice(d, body + ICC_PREFIX, end));
        iccSegments.add(body);
      } else if (marker == 0xEE
          && length >= 14
          && FormatSniffer.ascii(d, body, 5).equals("Adobe")) {
        adobe = d[body + 11] & 0xFF;
      } else if (marker == 0xDA) {
        if (sof < 0) {
          throw new ImageRejectedException(
              ErrorType.Corrupt, source, "corrupt: JPEG scan before frame header");
        }
        scans++;
        if (scans > maxScans) {
          throw new ImageRejectedException(
              ErrorType.Corrupt,
              source,
              "corrupt: JPEG has more than "
                  + maxScans
                  + " scans (a CPU bomb: each scan re-walks the whole image)");
        }
        pos = EntropyCodedData.end(d, end);
        continue;
      }
      pos = end;
    }
    if (sof < 0) {
      throw new ImageRejectedException(
          ErrorType.Corrupt, source, "corrupt: JPEG has no frame header");
    }
    if (scans == 0) {
      throw new ImageRejectedException(
          ErrorType.Corrupt, source, "corrupt: JPEG has no image data");
    }
    return new JpegStructure(
        sof,
        precision,
        width,
        height,
        components,
        eighthReproducible,
        scans,
        adobe,
        exif,
        join(iccChunks),
        iccSegments.stream().mapToInt(Integer::intValue).toArray());
  }

  private static ImageRejectedException truncated(String source, int width, int height) {
    String size = width > 0 && height > 0 ? " of the " + width + "x" + height + " image" : "";
    return new ImageRejectedException(
        ErrorType.Truncated, source, "truncated: JPEG data ends before the end" + size);
  }

  private static byte[] slice(byte[] d, int from, int to) {
    byte[] out = new byte[Math.max(0, to - from)];
    System.arraycopy(d, from, out, 0, out.length);
    return out;
  }

  private static byte[] join(Map<Integer, byte[]> chunks) {
    if (chunks.isEmpty()) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    chunks.values().forEach(out::writeBytes);
    return out.toByteArray();
  }

  /**
   * The first bytes of {@code d} with every ICC segment's identifier spoilt, so that an ImageIO
   * reader skips them, when the profile's header declares more bytes than all ICC segments hold;
   * null otherwise. TwelveMonkeys' JPEG reader allocates the declared size before reading (a 4-byte
   * edit asks for 1.6 GB); the header it takes is chunk 1's, or the first segment's when the chunk
   * numbers are inconsistent, so both are checked.
   */
  byte[] headWithoutOverrunningProfile(byte[] d) {
    if (iccSegments.length == 0) {
      return null;
    }
    long held = 0;
    int chunkOne = -1;
    for (int body : iccSegments) {
      held += payloadLength(d, body);
      if (chunkOne < 0 && d[body + 12] == 1) {
        chunkOne = body;
      }
    }
    if (declaredSize(d, iccSegments[0]) <= held
        && (chunkOne < 0 || declaredSize(d, chunkOne) <= held)) {
      return null;
    }
    int last = iccSegments[iccSegments.length - 1];
    byte[] head = java.util.Arrays.copyOf(d, last + 1);
    for (int body : iccSegments) {
      head[body] = 'X'; // "XCC_PROFILE": an APP2 segment no reader takes for a profile
    }
    return head;
  }

  /** The segment's bytes after its ICC prefix (the segment length counts its own 2 bytes). */
  private static int payloadLength(byte[] d, int body) {
    int length = (d[body - 2] & 0xFF) << 8 | (d[body - 1] & 0xFF);
    return Math.max(0, length - 2 - ICC_PREFIX);
  }

  /** The profile size an ICC header starting in this segment declares (0 if it is too short). */
  private static long declaredSize(byte[] d, int body) {
    return payloadLength(d, body) >= 4 ? FormatSniffer.u32be(d, body + ICC_PREFIX) : 0;
  }

  /** True for lossless (SOF3, SOF7, SOF11, SOF15). */
  boolean lossless() {
    return sofMarker == 0xC3 || sofMarker == 0xC7 || sofMarker == 0xCB || sofMarker == 0xCF;
  }

  /** True for arithmetic coding (SOF9..SOF15). */
  boolean arithmetic() {
    return sofMarker >= 0xC9;
  }

  /** True for hierarchical (differential) frames (SOF5..7, SOF13..15). */
  boolean hierarchical() {
    return (sofMarker >= 0xC5 && sofMarker <= 0xC7) || sofMarker >= 0xCD;
  }

  /** True for an 8-bit greyscale or YCbCr JPEG: the only kind the native fast path may decode. */
  boolean plainYCbCrOrGrey() {
    if (precision != 8 || lossless() || arithmetic() || hierarchical()) {
      return false;
    }
    return components == 1 || (components == 3 && adobe() != 0);
  }

  private int adobe() {
    return adobeTransform;
  }
}
