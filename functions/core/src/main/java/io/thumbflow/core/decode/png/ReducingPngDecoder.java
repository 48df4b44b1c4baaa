package io.thumbflow.core.decode.png;

import io.thumbflow.core.decode.Deadline;
import io.thumbflow.core.render.BoxReduce;
import io.thumbflow.core.render.PackedPixels;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes a non-interlaced PNG straight into its box-reduced image, one scanline at a time, never
 * holding the full raster: the result equals {@link BoxReduce#reduce} applied to the pixels ImageIO
 * decodes. Takes colour types 0 (1-16 bit), 2, 4 and 6 (8, 16 bit) and 3 (1-8 bit), with tRNS
 * transparency except on 16-bit; anything else (Adam7 interlace included), damaged data, or an
 * interrupted thread or passed {@link Deadline} throws {@link PngNotHandledException} so the caller
 * decodes another way. Chunk CRCs are not checked, as ImageIO does not check them. Memory: two
 * scanlines, one ARGB row, the output, and with the native loops a zlib-ng stream of two more
 * scanlines, its window and 64 KiB of input.
 */
public final class ReducingPngDecoder {
  private static final int CHECK_EVERY_ROWS = 16;

  private ReducingPngDecoder() {}

  /**
   * Decodes {@code png} reduced by whole factors.
   *
   * @param png the whole file, not null; not modified
   * @param factorX horizontal reduce factor, >= 1 (1 decodes at full size)
   * @param factorY vertical reduce factor, >= 1
   * @return a {@code TYPE_INT_ARGB} image when ImageIO's would have alpha, else {@code
   *     TYPE_INT_RGB}, of {@code ceil(W / factorX) x ceil(H / factorY)} px
   * @throws PngNotHandledException when this decoder does not take the file; no partial image is
   *     made
   */
  public static BufferedImage decode(byte[] png, int factorX, int factorY)
      throws PngNotHandledException {
    return decode(png, factorX, factorY, NativePngRows.loaded());
  }

  /**
   * {@link #decode(byte[], int, int)} with the inflate and row loops in C ({@link NativePngRows},
   * which must be loaded; Java's when its stream cannot be opened) or in Java.
   */
  static BufferedImage decode(byte[] png, int factorX, int factorY, boolean nativeRows)
      throws PngNotHandledException {
    Objects.requireNonNull(png, "png");
    if (factorX < 1 || factorY < 1) {
      throw new IllegalArgumentException(
          "reduce factors must be >= 1, were " + factorX + ", " + factorY);
    }
    if ((long) factorX * factorY * 255 > Integer.MAX_VALUE) {
      throw new PngNotHandledException(
          "reduce factors " + factorX + "x" + factorY + " are too large");
    }
    try {
      return decodeChecked(png, factorX, factorY, nativeRows);
    } catch (RuntimeException e) {
      // A defect here must not fail the image: the caller's fallback decoder judges the file
      // instead.
      throw new PngNotHandledException("PNG decode failed unexpectedly: " + e, e);
    }
  }

  private static BufferedImage decodeChecked(
      byte[] png, int factorX, int factorY, boolean nativeRows) throws PngNotHandledException {
    PngLayout layout = PngLayout.read(png);
    long rowBits = (long) layout.width() * layout.channels() * layout.bitDepth();
    long rowBytes = (rowBits + 7) / 8;
    if (rowBytes + 1 > Integer.MAX_VALUE - 16) {
      throw new PngNotHandledException("PNG rows are too long");
    }
    int outW = BoxReduce.reducedLength(layout.width(), factorX);
    int outH = BoxReduce.reducedLength(layout.height(), factorY);
    if ((long) outW * outH > Integer.MAX_VALUE - 16) {
      throw new PngNotHandledException("reduced PNG is too large");
    }
    int bpp = Math.max(1, layout.channels() * layout.bitDepth() / 8);
    // zlib-ng's inflate and the C row loops when the library is loaded; 0 (Java's loops and the
    // JDK's zlib) otherwise, or when there is no native memory for the stream.
    long stream = nativeRows ? NativePngRows.openStream((int) rowBytes, bpp) : 0;
    Inflater inflater = stream == 0 ? new Inflater() : null;
    try {
      int[] out =
          new Rows(png, layout, stream, inflater, (int) rowBytes, bpp, factorX, factorY, outW, outH)
              .decode();
      return PackedPixels.wrap(out, outW, outH, layout.alpha());
    } finally {
      if (inflater != null) {
        inflater.end();
      }
      NativePngRows.closeStreamIfOpen(stream);
    }
  }

  /**
   * One decode's state: the native stream (whose C loops then do the rows) or the inflater fed IDAT
   * slices, the scanlines, one ARGB row and the box sums.
   */
  private static final class Rows {
    private final byte[] png;
    private final PngLayout layout;
    private final long stream;
    private final Inflater inflater;
    private final int rowBytes;
    private final int bpp;
    private final int factorX;
    private final int factorY;
    private final int outW;
    private final int outH;
    private final boolean alpha;
    private int nextIdat;
    private int idatPosition;
    private byte[] prev;
    private byte[] cur;
    private final boolean directRgb;
    private final boolean directRgba;
    private final int[] argb;
    private final int[] sa;
    private final int[] sr;
    private final int[] sg;
    private final int[] sb;

    Rows(
        byte[] png,
        PngLayout layout,
        long stream,
        Inflater inflater,
        int rowBytes,
        int bpp,
        int factorX,
        int factorY,
        int outW,
        int outH) {
      this.png = png;
      this.layout = layout;
      this.stream = stream;
      this.inflater = inflater;
      this.rowBytes = rowBytes;
      this.bpp = bpp;
      this.factorX = factorX;
      this.factorY = factorY;
      this.outW = outW;
      this.outH = outH;
      this.alpha = layout.alpha();
      this.prev = stream == 0 ? new byte[rowBytes + 1] : null; // the stream keeps its own
      this.cur = new byte[rowBytes + 1];
      this.directRgb =
          layout.bitDepth() == 8 && layout.colorType() == 2 && layout.colourKey() == null;
      this.directRgba = layout.bitDepth() == 8 && layout.colorType() == 6;
      this.argb = new int[directRgb || directRgba ? 0 : layout.width()];
      this.sa = new int[outW];
      this.sr = new int[outW];
      this.sg = new int[outW];
      this.sb = new int[outW];
    }

    int[] decode() throws PngNotHandledException {
      int width = layout.width();
      int height = layout.height();
      int[] out = new int[outW * outH];
      if (stream != 0 && factorX == 1 && factorY == 1 && (directRgb || directRgba)) {
        // At full size each row is packed straight into the output: no sums, no divisions. The 13
        // corpus PNGs at 1024x1024 (factor 1 or 2), 5 alternating runs: 6.88 -> 6.20 CPU s.
        for (int y = 0; y < height; y++) {
          checkStop(y);
          readRow();
          nativeDone(NativePngRows.pack(cur, width, directRgb ? 3 : 4, out, y * width));
        }
        return out;
      }
      for (int oy = 0; oy < outH; oy++) {
        int y0 = oy * factorY;
        int y1 = Math.min(height, y0 + factorY);
        Arrays.fill(sa, 0);
        Arrays.fill(sr, 0);
        Arrays.fill(sg, 0);
        Arrays.fill(sb, 0);
        for (int y = y0; y < y1; y++) {
          checkStop(y);
          readRow();
          if (stream != 0 && (directRgb || directRgba)) {
            nativeDone(
                NativePngRows.accumulate(cur, width, directRgb ? 3 : 4, factorX, sa, sr, sg, sb));
          } else if (directRgb) {
            accumulateRgb(width);
          } else if (directRgba) {
            accumulateRgba(width);
          } else {
            toArgb();
            accumulate(width);
          }
        }
        emit(out, oy, y1 - y0, width);
      }
      return out;
    }

    /**
     * Stops the decode, checked every few rows, when the thread is interrupted or past its
     * deadline.
     */
    private static void checkStop(int y) throws PngNotHandledException {
      if (y % CHECK_EVERY_ROWS == 0
          && (Thread.currentThread().isInterrupted() || Deadline.expired())) {
        throw new PngNotHandledException(
            "PNG decode stopped: thread interrupted or deadline passed");
      }
    }

    /**
     * Inflates and unfilters the next scanline into {@code cur[1..rowBytes]} (filter byte at 0).
     */
    private void readRow() throws PngNotHandledException {
      if (stream != 0) {
        readNativeRow();
        return;
      }
      byte[] t = prev;
      prev = cur;
      cur = t;
      int filled = 0;
      int need = rowBytes + 1;
      try {
        while (filled < need) {
          int n = inflater.inflate(cur, filled, need - filled);
          filled += n;
          if (n == 0) {
            if (inflater.needsInput() && nextIdat < layout.idatOffsets().length) {
              inflater.setInput(
                  png, layout.idatOffsets()[nextIdat], layout.idatLengths()[nextIdat]);
              nextIdat++;
            } else {
              throw new PngNotHandledException("PNG image data ends before its last row");
            }
          }
        }
      } catch (DataFormatException e) {
        throw new PngNotHandledException("PNG image data is not valid zlib: " + e.getMessage());
      }
      Unfilter.row(cur, prev, rowBytes, bpp);
    }

    /** {@link #readRow} through the native stream, which keeps the row above itself. */
    private void readNativeRow() throws PngNotHandledException {
      int status;
      while ((status = NativePngRows.nextRow(stream, cur)) == NativePngRows.NEEDS_INPUT) {
        feedStream();
      }
      switch (status) {
        case NativePngRows.UNKNOWN_FILTER -> throw Unfilter.unknownFilter(cur);
        case NativePngRows.BAD_DATA ->
            throw new PngNotHandledException("PNG image data is not valid zlib");
        case NativePngRows.DATA_ENDS ->
            throw new PngNotHandledException("PNG image data ends before its last row");
        default -> nativeDone(status);
      }
    }

    /** Gives the native stream its next slice of IDAT data (at most 64 KiB at a time). */
    private void feedStream() throws PngNotHandledException {
      int[] offsets = layout.idatOffsets();
      int[] lengths = layout.idatLengths();
      for (; nextIdat < offsets.length; nextIdat++, idatPosition = 0) {
        int remaining = lengths[nextIdat] - idatPosition;
        if (remaining > 0) {
          int taken = NativePngRows.feed(stream, png, offsets[nextIdat] + idatPosition, remaining);
          if (taken <= 0) {
            nativeDone(taken == 0 ? NativePngRows.BAD_ARGUMENTS : -taken);
          }
          idatPosition += taken;
          return;
        }
      }
      throw new PngNotHandledException("PNG image data ends before its last row");
    }

    private static void nativeDone(int status) throws PngNotHandledException {
      if (status != NativePngRows.OK) {
        throw new PngNotHandledException(
            status == NativePngRows.OUT_OF_MEMORY
                ? "no native memory for a PNG row"
                : "native PNG row loop refused its arguments");
      }
    }

    /**
     * Converts the unfiltered scanline to packed ARGB as the ImageIO path (ImageIO, SrgbConversion)
     * does.
     */
    private void toArgb() {
      byte[] c = cur;
      int[] px = argb;
      int w = px.length;
      int depth = layout.bitDepth();
      switch (layout.colorType()) {
        case 2 -> {
          int[] key = layout.colourKey();
          if (key != null) { // 8-bit: ImageIO makes the exact key colour transparent, keeping its
            // colour
            int k = 0xff000000 | key[0] << 16 | key[1] << 8 | key[2];
            for (int x = 0, i = 1; x < w; x++, i += 3) {
              int v = 0xff000000 | (c[i] & 0xff) << 16 | (c[i + 1] & 0xff) << 8 | (c[i + 2] & 0xff);
              px[x] = v == k ? v & 0xffffff : v;
            }
          } else if (depth == 8) {
            for (int x = 0, i = 1; x < w; x++, i += 3) {
              px[x] = 0xff000000 | (c[i] & 0xff) << 16 | (c[i + 1] & 0xff) << 8 | (c[i + 2] & 0xff);
            }
          } else {
            byte[][] t = ImageIoSampleTables.rgb16();
            byte[] tr = t[0];
            byte[] tg = t[1];
            byte[] tb = t[2];
            for (int x = 0, i = 1; x < w; x++, i += 6) {
              px[x] =
                  0xff000000
                      | (tr[u16(c, i)] & 0xff) << 16
                      | (tg[u16(c, i + 2)] & 0xff) << 8
                      | (tb[u16(c, i + 4)] & 0xff);
            }
          }
        }
        case 6 -> {
          if (depth == 8) {
            for (int x = 0, i = 1; x < w; x++, i += 4) {
              px[x] =
                  (c[i + 3] & 0xff) << 24
                      | (c[i] & 0xff) << 16
                      | (c[i + 1] & 0xff) << 8
                      | (c[i + 2] & 0xff);
            }
          } else {
            byte[][] t = ImageIoSampleTables.withAlpha16(false);
            byte[] tr = t[0];
            byte[] tg = t[1];
            byte[] tb = t[2];
            byte[] ta = t[3];
            for (int x = 0, i = 1; x < w; x++, i += 8) {
              px[x] =
                  (ta[u16(c, i + 6)] & 0xff) << 24
                      | (tr[u16(c, i)] & 0xff) << 16
                      | (tg[u16(c, i + 2)] & 0xff) << 8
                      | (tb[u16(c, i + 4)] & 0xff);
            }
          }
        }
        case 4 -> {
          if (depth == 8) {
            int[] t = ImageIoSampleTables.greyAlpha8();
            for (int x = 0, i = 1; x < w; x++, i += 2) {
              px[x] = t[(c[i] & 0xff) << 8 | (c[i + 1] & 0xff)];
            }
          } else {
            byte[][] t = ImageIoSampleTables.withAlpha16(true);
            byte[] tg = t[0];
            byte[] ta = t[1];
            for (int x = 0, i = 1; x < w; x++, i += 4) {
              px[x] = (ta[u16(c, i + 2)] & 0xff) << 24 | (tg[u16(c, i)] & 0xff) * 0x010101;
            }
          }
        }
        case 0 -> {
          int[] t = ImageIoSampleTables.grey(depth);
          if (layout.colourKey() != null) {
            keyedGrey(c, depth, layout.colourKey()[0], px);
          } else if (depth == 16) {
            for (int x = 0, i = 1; x < w; x++, i += 2) {
              px[x] = t[u16(c, i)];
            }
          } else {
            indexed(c, depth, t, px);
          }
        }
        case 3 -> indexed(c, depth, layout.palette(), px);
        default -> throw new IllegalStateException("colour type " + layout.colorType());
      }
    }

    private static int u16(byte[] c, int i) {
      return (c[i] & 0xff) << 8 | (c[i + 1] & 0xff);
    }

    /**
     * Grey of 1 to 8 bits with a tRNS key, as ImageIO reads it into 8-bit grey+alpha: samples
     * scaled to 8 bits first, then compared with the key as written (so a low-bit key only matches
     * its scaled value).
     */
    private static void keyedGrey(byte[] c, int depth, int key, int[] px) {
      int[] t = ImageIoSampleTables.greyAlpha8();
      int max = (1 << depth) - 1;
      int perByte = 8 / depth;
      for (int x = 0; x < px.length; x++) {
        int shift = 8 - depth * (x % perByte + 1);
        int s = ((c[1 + x / perByte] & 0xff) >>> shift) & max;
        int v = (s * 255 + max / 2) / max;
        px[x] = t[v << 8 | (v == key ? 0 : 255)];
      }
    }

    /**
     * Looks up samples of 1, 2, 4 or 8 bits (packed from the high bits of each byte) in {@code
     * table}.
     */
    private static void indexed(byte[] c, int depth, int[] table, int[] px) {
      int w = px.length;
      if (depth == 8) {
        for (int x = 0; x < w; x++) {
          px[x] = table[c[x + 1] & 0xff];
        }
        return;
      }
      int perByte = 8 / depth;
      int mask = (1 << depth) - 1;
      for (int x = 0; x < w; x++) {
        int shift = 8 - depth * (x % perByte + 1);
        px[x] = table[((c[1 + x / perByte] & 0xff) >>> shift) & mask];
      }
    }

    private void accumulate(int width) {
      BoxReduce.accumulateRow(argb, 0, width, factorX, sa, sr, sg, sb);
    }

    /**
     * {@link #accumulate} straight from an 8-bit RGB scanline, whose bytes already are the packed
     * values.
     */
    private void accumulateRgb(int width) {
      byte[] c = cur;
      int fx = factorX;
      for (int ox = 0, x = 0, i = 1; ox < outW; ox++) {
        int x1 = Math.min(width, x + fx);
        int r = 0;
        int g = 0;
        int b = 0;
        for (; x < x1; x++, i += 3) {
          r += c[i] & 0xff;
          g += c[i + 1] & 0xff;
          b += c[i + 2] & 0xff;
        }
        sr[ox] += r;
        sg[ox] += g;
        sb[ox] += b;
      }
    }

    /** {@link #accumulate} straight from an 8-bit RGBA scanline. */
    private void accumulateRgba(int width) {
      byte[] c = cur;
      int fx = factorX;
      for (int ox = 0, x = 0, i = 1; ox < outW; ox++) {
        int x1 = Math.min(width, x + fx);
        int a = 0;
        int r = 0;
        int g = 0;
        int b = 0;
        for (; x < x1; x++, i += 4) {
          r += c[i] & 0xff;
          g += c[i + 1] & 0xff;
          b += c[i + 2] & 0xff;
          a += c[i + 3] & 0xff;
        }
        sa[ox] += a;
        sr[ox] += r;
        sg[ox] += g;
        sb[ox] += b;
      }
    }

    private void emit(int[] out, int oy, int rows, int width) {
      BoxReduce.averageRow(sa, sr, sg, sb, rows, width, factorX, alpha, out, oy * outW);
    }
  }
}
