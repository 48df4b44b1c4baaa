package io.thumbflow.core.decode;

import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageRejectedException;
import java.util.Locale;
import java.util.Set;

/**
 * The header of a Netpbm image: PBM, PGM or PPM (magic {@code P1}..{@code P6}; 1..3 plain text,
 * 4..6 binary) or PAM ({@code P7}), read as the Netpbm specifications define it. Binary images must
 * hold all their samples: 1 bit per pixel packed into whole bytes per row for P4, else one sample
 * per channel of 1 byte (maxval below 256) or 2 bytes big-endian.
 *
 * @param magic 1..7 for P1..P7
 * @param width width (px)
 * @param height height (px)
 * @param channels samples per pixel (PAM's DEPTH; 3 for PPM, 1 otherwise)
 * @param maxval the largest sample value (1..65535; 1 for PBM)
 * @param tupleType PAM's TUPLTYPE, or the equivalent for P1..P6 ("BLACKANDWHITE", "GRAYSCALE",
 *     "RGB")
 */
record PnmHeader(int magic, int width, int height, int channels, int maxval, String tupleType) {
  /** PAM tuple types the reader decodes (Netpbm's own, with CMYK as TwelveMonkeys adds it). */
  private static final Set<String> TUPLE_TYPES =
      Set.of(
          "BLACKANDWHITE",
          "GRAYSCALE",
          "RGB",
          "BLACKANDWHITE_ALPHA",
          "GRAYSCALE_ALPHA",
          "RGB_ALPHA",
          "CMYK",
          "CMYK_ALPHA");

  private static final int MAX_HEADER = 4096;

  /** True for the binary forms (P4..P7), whose data length is known from the header. */
  boolean binary() {
    return magic >= 4;
  }

  static PnmHeader read(byte[] d, String source, long maxPixels) throws ImageRejectedException {
    int magic = d[1] - '0';
    Cursor c = new Cursor(d, 2, source);
    PnmHeader h = magic == 7 ? pam(c, source) : pnm(magic, c, source);
    HeaderProbe.checkPixels((long) h.width * h.height, maxPixels, h.width + "x" + h.height, source);
    if (h.binary()) {
      long rowBytes =
          magic == 4
              ? ((long) h.width + 7) / 8
              : (long) h.width * h.channels * (h.maxval > 255 ? 2 : 1);
      if (c.pos + rowBytes * h.height > d.length) {
        throw new ImageRejectedException(
            ErrorType.Truncated,
            source,
            "truncated: "
                + h.name()
                + " data ends before the end of the "
                + h.width
                + "x"
                + h.height
                + " image");
      }
    }
    return h;
  }

  String name() {
    return switch (magic) {
      case 1, 4 -> "PBM";
      case 2, 5 -> "PGM";
      case 3, 6 -> "PPM";
      default -> "PAM";
    };
  }

  private static PnmHeader pnm(int magic, Cursor c, String source) throws ImageRejectedException {
    int width = c.number("width");
    int height = c.number("height");
    boolean bitmap = magic == 1 || magic == 4;
    int maxval = bitmap ? 1 : c.number("maxval");
    if (maxval > 65535) {
      throw c.corrupt("maxval " + maxval + " is over 65535");
    }
    c.singleWhitespace();
    String tuple = bitmap ? "BLACKANDWHITE" : magic == 2 || magic == 5 ? "GRAYSCALE" : "RGB";
    return new PnmHeader(magic, width, height, magic == 3 || magic == 6 ? 3 : 1, maxval, tuple);
  }

  private static PnmHeader pam(Cursor c, String source) throws ImageRejectedException {
    int width = -1;
    int height = -1;
    int depth = -1;
    int maxval = -1;
    String tuple = null;
    while (true) {
      String key = c.token("header line");
      switch (key) {
        case "WIDTH" -> width = c.number("WIDTH");
        case "HEIGHT" -> height = c.number("HEIGHT");
        case "DEPTH" -> depth = c.number("DEPTH");
        case "MAXVAL" -> maxval = c.number("MAXVAL");
        case "TUPLTYPE" -> tuple = c.restOfLine();
        case "ENDHDR" -> {
          c.restOfLine();
          if (width < 0 || height < 0 || depth < 0 || maxval < 0) {
            throw c.corrupt("header lacks WIDTH, HEIGHT, DEPTH or MAXVAL");
          }
          if (maxval > 65535) {
            throw c.corrupt("MAXVAL " + maxval + " is over 65535");
          }
          String type = tuple == null ? null : tuple.toUpperCase(Locale.ROOT);
          if (type == null || !TUPLE_TYPES.contains(type)) {
            throw new ImageRejectedException(
                ErrorType.UnsupportedFormat,
                source,
                "unsupported format: PAM of tuple type "
                    + (tuple == null ? "(none)" : "'" + tuple + "'"));
          }
          int expected = type.startsWith("CMYK") ? 4 : type.startsWith("RGB") ? 3 : 1;
          if (depth != expected + (type.endsWith("_ALPHA") ? 1 : 0)) {
            throw c.corrupt("DEPTH " + depth + " does not match TUPLTYPE " + type);
          }
          return new PnmHeader(7, width, height, depth, maxval, type);
        }
        default -> throw c.corrupt("header has an unknown line '" + key + "'");
      }
    }
  }

  /**
   * Reads header tokens, skipping whitespace and {@code #} comments, within the first bytes of the
   * file.
   */
  private static final class Cursor {
    private final byte[] d;
    private final String source;
    private final int limit;
    int pos;

    Cursor(byte[] d, int pos, String source) {
      this.d = d;
      this.pos = pos;
      this.source = source;
      this.limit = Math.min(d.length, MAX_HEADER);
    }

    int number(String what) throws ImageRejectedException {
      String t = token(what);
      if (!t.matches("[0-9]{1,9}") || Integer.parseInt(t) < 1) {
        throw corrupt(
            what
                + " '"
                + (t.length() > 12 ? t.substring(0, 12) + "..." : t)
                + "' is not a positive number");
      }
      return Integer.parseInt(t);
    }

    String token(String what) throws ImageRejectedException {
      skipSpaceAndComments();
      int start = pos;
      while (pos < limit && !space(d[pos]) && d[pos] != '#') {
        pos++;
      }
      if (pos == start) {
        throw end(what);
      }
      return new String(d, start, pos - start, java.nio.charset.StandardCharsets.US_ASCII);
    }

    String restOfLine() throws ImageRejectedException {
      int start = pos;
      while (pos < limit && d[pos] != '\n') {
        pos++;
      }
      if (pos >= limit) {
        throw end("end of header line");
      }
      String line =
          new String(d, start, pos - start, java.nio.charset.StandardCharsets.US_ASCII).trim();
      pos++;
      return line;
    }

    /** The one whitespace byte between a P1..P6 header and its data. */
    void singleWhitespace() throws ImageRejectedException {
      if (pos >= d.length || !space(d[pos])) {
        throw end("data");
      }
      pos++;
    }

    private void skipSpaceAndComments() {
      while (pos < limit) {
        if (space(d[pos])) {
          pos++;
        } else if (d[pos] == '#') {
          while (pos < limit && d[pos] != '\n' && d[pos] != '\r') {
            pos++;
          }
        } else {
          return;
        }
      }
    }

    private ImageRejectedException end(String what) {
      if (pos >= d.length) {
        return new ImageRejectedException(
            ErrorType.Truncated, source, "truncated: Netpbm file ends before its " + what);
      }
      return corrupt("header has no " + what + " within its first " + MAX_HEADER + " bytes");
    }

    ImageRejectedException corrupt(String what) {
      return new ImageRejectedException(ErrorType.Corrupt, source, "corrupt: Netpbm " + what);
    }

    private static boolean space(byte b) {
      return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0B || b == '\f';
    }
  }
}
