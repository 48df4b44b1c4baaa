package io.thumbflow.core.decode;

import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageRejectedException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The chunk structure of a PNG, checked without decoding pixels: IHDR validity, every chunk's CRC,
 * IDAT presence, IEND, the APNG frame count, and the EXIF orientation and ICC profile sources.
 * Stock ImageIO ignores CRCs; this walk reports them.
 *
 * @param width IHDR width (px)
 * @param height IHDR height (px)
 * @param bitDepth IHDR bit depth
 * @param colorType IHDR colour type
 * @param frames 1, or the APNG acTL frame count
 * @param exif EXIF payload (TIFF structure) from eXIf or an ImageMagick raw profile text chunk, or
 *     null
 * @param icc the inflated iCCP profile, or null when absent or unreadable
 */
record PngStructure(
    int width, int height, int bitDepth, int colorType, int frames, byte[] exif, byte[] icc) {
  private static final int MAX_METADATA_BYTES = 4 * 1024 * 1024;

  static PngStructure read(byte[] d, String source, long maxPixels) throws ImageRejectedException {
    int n = d.length;
    int pos = 8;
    if (n < pos + 8) {
      throw new ImageRejectedException(
          ErrorType.Truncated, source, "truncated: PNG ends after its signature");
    }
    int width = 0;
    int height = 0;
    int bitDepth = 0;
    int colorType = 0;
    int frames = 1;
    boolean idat = false;
    byte[] exif = null;
    byte[] icc = null;
    CRC32 crc = new CRC32();
    boolean first = true;
    while (true) {
      if (pos + 8 > n) {
        throw truncated(source, width, height);
      }
      long length = FormatSniffer.u32be(d, pos);
      String type = FormatSniffer.ascii(d, pos + 4, 4);
      if (length > Integer.MAX_VALUE || !type.chars().allMatch(Character::isLetter)) {
        throw new ImageRejectedException(
            ErrorType.Corrupt, source, "corrupt: PNG chunk at byte " + pos + " is malformed");
      }
      int body = pos + 8;
      long endL = body + length + 4;
      if (endL > n) {
        throw truncated(source, width, height);
      }
      int end = (int) endL;
      crc.reset();
      crc.update(d, pos + 4, (int) length + 4);
      boolean intact = crc.getValue() == FormatSniffer.u32be(d, end - 4);
      boolean critical = Character.isUpperCase(type.charAt(0));
      if (!intact && (critical || first)) {
        throw new ImageRejectedException(
            ErrorType.Corrupt, source, "corrupt: PNG chunk " + type + " has a bad CRC");
      }
      if (!intact) {
        pos = end; // a damaged ancillary chunk is skipped, as libpng does by default
        continue;
      }
      if (first) {
        if (!type.equals("IHDR") || length != 13) {
          throw new ImageRejectedException(
              ErrorType.Corrupt, source, "corrupt: PNG does not start with a valid IHDR chunk");
        }
        width = (int) Math.min(Integer.MAX_VALUE, FormatSniffer.u32be(d, body));
        height = (int) Math.min(Integer.MAX_VALUE, FormatSniffer.u32be(d, body + 4));
        bitDepth = d[body + 8] & 0xFF;
        colorType = d[body + 9] & 0xFF;
        validateHeader(source, bitDepth, colorType, d[body + 10], d[body + 11], d[body + 12]);
        HeaderProbe.checkPixels((long) width * height, maxPixels, width + "x" + height, source);
        first = false;
      } else {
        switch (type) {
          case "IDAT" -> idat = true;
          case "IEND" -> {
            if (!idat) {
              throw new ImageRejectedException(
                  ErrorType.Corrupt, source, "corrupt: PNG has no image data (IDAT)");
            }
            return new PngStructure(width, height, bitDepth, colorType, frames, exif, icc);
          }
          case "acTL" -> {
            if (length >= 8) {
              frames = (int) Math.max(1, Math.min(Integer.MAX_VALUE, FormatSniffer.u32be(d, body)));
            }
          }
          case "eXIf" ->
              exif = exif != null ? exif : stripExifPreamble(slice(d, body, body + (int) length));
          case "iCCP" -> icc = icc != null ? icc : iccProfile(d, body, (int) length);
          case "tEXt", "zTXt", "iTXt" ->
              exif = exif != null ? exif : rawProfileExif(type, d, body, (int) length);
          default -> {}
        }
      }
      pos = end;
    }
  }

  private static void validateHeader(
      String source, int bitDepth, int colorType, byte compression, byte filter, byte interlace)
      throws ImageRejectedException {
    boolean ok =
        switch (colorType) {
          case 0 ->
              bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8 || bitDepth == 16;
          case 3 -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8;
          case 2, 4, 6 -> bitDepth == 8 || bitDepth == 16;
          default ->
              throw new ImageRejectedException(
                  ErrorType.Corrupt,
                  source,
                  "corrupt: PNG colour type " + colorType + " is invalid");
        };
    if (!ok) {
      throw new ImageRejectedException(
          ErrorType.Corrupt,
          source,
          "corrupt: PNG bit depth " + bitDepth + " is invalid for colour type " + colorType);
    }
    if (compression != 0 || filter != 0 || (interlace != 0 && interlace != 1)) {
      throw new ImageRejectedException(
          ErrorType.Corrupt, source, "corrupt: PNG header uses an unknown method");
    }
  }

  private static ImageRejectedException truncated(String source, int width, int height) {
    String size = width > 0 && height > 0 ? " of the " + width + "x" + height + " image" : "";
    return new ImageRejectedException(
        ErrorType.Truncated, source, "truncated: PNG data ends before the end" + size);
  }

  private static byte[] iccProfile(byte[] d, int body, int length) {
    int nul = indexOfNul(d, body, Math.min(body + 80, body + length));
    if (nul < 0 || nul + 2 > body + length) {
      return null;
    }
    return inflate(d, nul + 2, body + length - nul - 2);
  }

  /**
   * ImageMagick's "Raw profile type exif": hex text "\nexif\n <len>\n<hex...>" holding "Exif\0\0" +
   * TIFF.
   */
  private static byte[] rawProfileExif(String type, byte[] d, int body, int length) {
    int nul = indexOfNul(d, body, Math.min(body + 80, body + length));
    if (nul < 0) {
      return null;
    }
    String keyword = new String(d, body, nul - body, StandardCharsets.ISO_8859_1);
    if (!keyword.equals("Raw profile type exif") && !keyword.equals("Raw profile type APP1")) {
      return null;
    }
    byte[] text;
    int end = body + length;
    if (type.equals("tEXt")) {
      text = slice(d, nul + 1, end);
    } else if (type.equals("zTXt")) {
      text = inflate(d, nul + 2, end - nul - 2);
    } else {
      int flag = nul + 1;
      if (flag + 2 > end) {
        return null;
      }
      int p = indexOfNul(d, flag + 2, end); // language tag
      int q = p < 0 ? -1 : indexOfNul(d, p + 1, end); // translated keyword
      if (q < 0) {
        return null;
      }
      text = d[flag] != 0 ? inflate(d, q + 1, end - q - 1) : slice(d, q + 1, end);
    }
    return text == null ? null : stripExifPreamble(hexProfile(text));
  }

  private static byte[] hexProfile(byte[] text) {
    String s = new String(text, StandardCharsets.ISO_8859_1).trim();
    String[] lines = s.split("\n", 3);
    if (lines.length < 3) {
      return null;
    }
    String hex = lines[2].replaceAll("\\s", "");
    if (hex.length() % 2 != 0) {
      hex = hex.substring(0, hex.length() - 1);
    }
    byte[] out = new byte[hex.length() / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = Character.digit(hex.charAt(2 * i), 16);
      int lo = Character.digit(hex.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        return null;
      }
      out[i] = (byte) (hi << 4 | lo);
    }
    return out;
  }

  private static byte[] stripExifPreamble(byte[] exif) {
    if (exif != null && exif.length >= 6 && FormatSniffer.ascii(exif, 0, 6).equals("Exif\0\0")) {
      return slice(exif, 6, exif.length);
    }
    return exif;
  }

  /** Inflates at most {@link #MAX_METADATA_BYTES}; null when the stream is bad or too big. */
  private static byte[] inflate(byte[] d, int from, int length) {
    if (length <= 0) {
      return null;
    }
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(d, from, length);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      while (!inflater.finished()) {
        int k = inflater.inflate(buf);
        if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          return null;
        }
        out.write(buf, 0, k);
        if (out.size() > MAX_METADATA_BYTES) {
          return null;
        }
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      return null;
    } finally {
      inflater.end();
    }
  }

  private static int indexOfNul(byte[] d, int from, int to) {
    for (int i = from; i < to && i < d.length; i++) {
      if (d[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] slice(byte[] d, int from, int to) {
    byte[] out = new byte[Math.max(0, to - from)];
    System.arraycopy(d, from, out, 0, out.length);
    return out;
  }
}
