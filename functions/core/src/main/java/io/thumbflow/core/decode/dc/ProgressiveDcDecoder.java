package io.thumbflow.core.decode.dc;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Decodes a progressive JPEG at 1/8 scale from its DC coefficients alone: the DC scans in C where
 * {@link NativeJpegScan} loads (about 3x faster than under C1), else in Java, with the same result.
 *
 * <p>At 1/8 scale each 8x8 block becomes one pixel whose value is the block's mean, which is its DC
 * coefficient: the AC coefficients, most of a progressive file's data and most of its decode time,
 * do not change it. A progressive file keeps DC in scans of its own, so this decoder reads only
 * those (first pass and refinements), skips every AC scan unread, and needs 2 bytes per block
 * instead of libjpeg's full coefficient buffer (128 bytes per block: ~150 MB for a 50 MP image).
 * Luma equals libjpeg-turbo's 1/8 decode exactly; chroma is interpolated bilinearly from its own
 * block means, where libjpeg-turbo scales subsampled chroma with a 2x2 inverse DCT, so colours
 * differ slightly at sharp chroma edges. {@link #decodeExactly} does what libjpeg-turbo does there
 * too: chroma at half resolution both ways (4:2:0) gets its 2x2 inverse DCT ({@code
 * jpeg_idct_2x2}), for which this also reads that chroma's AC scans and keeps the 24 AC
 * coefficients of each block the transform reads; other subsampled chroma (4:2:2, 4:4:0, 4:1:1) is
 * its block means replicated, as libjpeg-turbo upsamples at 1/8. The output is libjpeg-turbo's 1/8
 * decode, bit for bit, in 2 bytes per luma block and 58 per 4:2:0 chroma block.
 *
 * <p>Handles 8-bit Huffman-coded progressive (SOF2) greyscale and YCbCr files (not Adobe RGB).
 * Anything else, and any file whose DC data is inconsistent, truncated or corrupt, is declined
 * (empty), so the caller decodes it the usual way and reports the problem. Thread-safe (no shared
 * state).
 */
public final class ProgressiveDcDecoder {
  private static final int SOF2 = 0xC2;
  private static final int DHT = 0xC4;
  private static final int DQT = 0xDB;
  private static final int DRI = 0xDD;
  private static final int SOS = 0xDA;
  private static final int EOI = 0xD9;
  private static final int APP14 = 0xEE;

  /** Largest DC difference category for 8-bit samples (JPEG spec F.1.2.1.1). */
  private static final int MAX_DC_CATEGORY = 11;

  /** Natural (row-major) position of each zigzag index (JPEG spec figure A.6). */
  private static final int[] ZIGZAG_TO_NATURAL = {
    0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20,
    13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59,
    52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63
  };

  /** Rows and columns libjpeg's 2x2 inverse DCT reads (jidctred.c: 0 and the odd ones). */
  private static final int[] IDCT2_TAPS = {0, 1, 3, 5, 7};

  /** Where each natural position's coefficient is kept per block (-1: only whether it is 0). */
  private static final int[] KEPT_SLOT = new int[64];

  /** AC coefficients kept per half-resolution block: the 2x2 inverse DCT's, DC aside. */
  private static final int KEPT = IDCT2_TAPS.length * IDCT2_TAPS.length - 1;

  static {
    Arrays.fill(KEPT_SLOT, -1);
    int slot = 0;
    for (int row : IDCT2_TAPS) {
      for (int col : IDCT2_TAPS) {
        if (row + col > 0) {
          KEPT_SLOT[row * 8 + col] = slot++;
        }
      }
    }
  }

  private final byte[] data;
  private final DcHuffmanTable[] dcTables = new DcHuffmanTable[4];
  private final DcHuffmanTable[] acTables = new DcHuffmanTable[4];
  private final int[] quantDc = {-1, -1, -1, -1};
  private final int[][] quantTables = new int[4][]; // natural order; read in exact mode only
  private Frame frame;
  private int restartInterval;
  private boolean adobeRgb;

  private final boolean nativeScans;
  private final boolean exact;

  private ProgressiveDcDecoder(byte[] data, boolean nativeScans, boolean exact) {
    this.data = data;
    this.nativeScans = nativeScans;
    this.exact = exact;
  }

  /** True for the frame types this decoder reads: progressive, Huffman-coded (SOF2). */
  public static boolean handles(int sofMarker) {
    return sofMarker == SOF2;
  }

  /**
   * Decodes {@code jpeg} to a {@code TYPE_INT_RGB} image of {@code ceil(width/8) x ceil(height/8)}
   * px (stored orientation, colours as coded: no ICC profile applied).
   *
   * @param jpeg a whole JPEG file; not null
   * @return the image, or empty when this file is not one this decoder handles or its data is
   *     damaged, or when the calling thread was interrupted
   */
  public static Optional<BufferedImage> decode(byte[] jpeg) {
    return decode(jpeg, NativeJpegScan.loaded());
  }

  /**
   * Like {@link #decode(byte[])}, but equal to libjpeg-turbo's 1/8 decode (TurboJPEG's defaults:
   * the accurate integer inverse DCT) for every layout whose chroma libjpeg-turbo scales by at most
   * a 2x2 inverse DCT ({@link #reproducesEighthScale}); declines the others. Slower than {@link
   * #decode} on 4:2:0 files: their chroma AC scans are read too.
   */
  public static Optional<BufferedImage> decodeExactly(byte[] jpeg) {
    return decode(jpeg, NativeJpegScan.loaded(), true);
  }

  /**
   * Whether {@link #decodeExactly} takes a frame of these sampling factors (one {@code h}, {@code
   * v} pair per component, each at least 1).
   */
  public static boolean reproducesEighthScale(int[] h, int[] v) {
    int maxH = 1;
    int maxV = 1;
    for (int i = 0; i < h.length; i++) {
      maxH = Math.max(maxH, h[i]);
      maxV = Math.max(maxV, v[i]);
    }
    for (int i = 0; i < h.length; i++) {
      if (eighthScaleDctSize(h[i], v[i], maxH, maxV) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The inverse DCT size libjpeg-turbo gives a component at 1/8 scale (jdmaster.c: a subsampled one
   * gets a larger transform while that keeps its upsampling integral; jdsample.c then replicates
   * it, never interpolates, at 1/8): 1 or 2, or -1 for the sizes done here not (a 4x4 transform, as
   * for 4:1:0) and for factors libjpeg refuses (not whole multiples).
   */
  private static int eighthScaleDctSize(int h, int v, int maxH, int maxV) {
    int size = 1;
    while (size < 8 && maxH % (h * size * 2) == 0 && maxV % (v * size * 2) == 0) {
      size *= 2;
    }
    return size <= 2 && maxH % (h * size) == 0 && maxV % (v * size) == 0 ? size : -1;
  }

  /** {@link #decode(byte[])} with its DC scans decoded by the C loops or the Java ones. */
  static Optional<BufferedImage> decode(byte[] jpeg, boolean nativeScans) {
    return decode(jpeg, nativeScans, false);
  }

  static Optional<BufferedImage> decode(byte[] jpeg, boolean nativeScans, boolean exact) {
    try {
      return new ProgressiveDcDecoder(jpeg, nativeScans, exact).run();
    } catch (Declined | IndexOutOfBoundsException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private Optional<BufferedImage> run() throws Declined {
    int pos = 2;
    if (data.length < 4 || (data[0] & 0xFF) != 0xFF || (data[1] & 0xFF) != 0xD8) {
      throw new Declined();
    }
    while (true) {
      while (pos < data.length && (data[pos] & 0xFF) != 0xFF) {
        pos++;
      }
      while (pos < data.length && (data[pos] & 0xFF) == 0xFF) {
        pos++;
      }
      int marker = data[pos++] & 0xFF;
      if (marker == EOI) {
        break;
      }
      // FF 00 outside a scan is garbage, not a marker (libjpeg skips it too); reading a length
      // there could jump over the real SOF and decode a later frame than the one the header probe
      // reported.
      if (marker == 0x00 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
        continue;
      }
      int length = u16(pos);
      int body = pos + 2;
      int end = pos + length;
      if (length < 2 || end > data.length) {
        throw new Declined();
      }
      boolean otherFrame =
          marker >= 0xC0
              && marker <= 0xCF
              && marker != DHT
              && marker != 0xC8
              && marker != 0xCC
              && marker != SOF2;
      if (otherFrame || (marker == SOF2 && frame != null)) {
        throw new Declined();
      }
      switch (marker) {
        case SOF2 -> frame = Frame.read(data, body, end, exact);
        case DHT -> readHuffmanTables(body, end);
        case DQT -> readQuantTables(body, end);
        case DRI -> restartInterval = length >= 4 ? u16(body) : 0;
        case APP14 ->
            adobeRgb |=
                length >= 14
                    && new String(data, body, 5, StandardCharsets.ISO_8859_1).equals("Adobe")
                    && data[body + 11] == 0;
        case SOS -> {
          pos = scan(body, end);
          continue;
        }
        default -> {}
      }
      pos = end;
    }
    // Adobe's transform 0 marks three components as RGB, not YCbCr.
    if (frame == null
        || !frame.everyComponentHasDc()
        || (adobeRgb && frame.components.length == 3)) {
      throw new Declined();
    }
    return Optional.of(frame.toImage());
  }

  private void readHuffmanTables(int p, int end) throws Declined {
    while (p < end) {
      int tcTh = data[p] & 0xFF;
      int tableClass = tcTh >> 4;
      int slot = tcTh & 0x0F;
      if (tableClass > 1 || slot > 3 || p + 17 > end) {
        throw new Declined();
      }
      int[] counts = new int[16];
      int total = 0;
      for (int i = 0; i < 16; i++) {
        counts[i] = data[p + 1 + i] & 0xFF;
        total += counts[i];
      }
      int symbolsAt = p + 17;
      if (total > 256 || symbolsAt + total > end) {
        throw new Declined();
      }
      if (tableClass == 0 || exact) {
        byte[] symbols = new byte[total];
        System.arraycopy(data, symbolsAt, symbols, 0, total);
        (tableClass == 0 ? dcTables : acTables)[slot] = new DcHuffmanTable(counts, symbols);
      }
      p = symbolsAt + total;
    }
  }

  private void readQuantTables(int p, int end) throws Declined {
    while (p < end) {
      int pqTq = data[p] & 0xFF;
      int precision = pqTq >> 4;
      int slot = pqTq & 0x0F;
      int size = precision == 0 ? 64 : 128;
      if (precision > 1 || slot > 3 || p + 1 + size > end) {
        throw new Declined();
      }
      quantDc[slot] = precision == 0 ? data[p + 1] & 0xFF : u16(p + 1);
      if (exact) {
        int[] natural = new int[64];
        for (int i = 0; i < 64; i++) {
          natural[ZIGZAG_TO_NATURAL[i]] =
              precision == 0 ? data[p + 1 + i] & 0xFF : u16(p + 1 + 2 * i);
        }
        quantTables[slot] = natural;
      }
      p += 1 + size;
    }
  }

  /**
   * Decodes a DC scan or skips an AC scan; returns the position of the marker after the scan's
   * data.
   */
  private int scan(int body, int end) throws Declined {
    if (frame == null) {
      throw new Declined();
    }
    int count = data[body] & 0xFF;
    if (count < 1 || count > 4 || end != body + 1 + 2 * count + 3) {
      throw new Declined();
    }
    Component[] components = new Component[count];
    DcHuffmanTable[] tables = new DcHuffmanTable[count];
    for (int i = 0; i < count; i++) {
      components[i] = frame.component(data[body + 1 + 2 * i] & 0xFF);
      tables[i] = dcTables[(data[body + 2 + 2 * i] & 0xFF) >> 4];
    }
    int spectralStart = data[end - 3] & 0xFF;
    int spectralEnd = data[end - 2] & 0xFF;
    int ahAl = data[end - 1] & 0xFF;
    if (spectralStart != 0) {
      if (exact && count == 1 && components[0].idct2x2) {
        return acScan(body, end, components[0], spectralStart, spectralEnd, ahAl);
      }
      return EntropyCodedData.end(data, end); // an AC scan of a full-resolution component
    }
    if (spectralEnd != 0 || (count > 1 && frame.blocksPerMcu(components) > 10)) {
      throw new Declined();
    }
    boolean refine = (ahAl >> 4) != 0;
    int shift = ahAl & 0x0F;
    for (int i = 0; i < count; i++) {
      Component c = components[i];
      if (refine ? !c.hasDc : tables[i] == null) {
        throw new Declined();
      }
      if (!refine && !c.hasDc) {
        c.quantDc = quantDc[c.quantSlot]; // libjpeg latches a component's table at its first scan
        if (c.quantDc < 0) {
          throw new Declined();
        }
        if (c.idct2x2) {
          c.quant = quantTables[c.quantSlot];
          if (c.quant == null) {
            throw new Declined();
          }
        }
        c.hasDc = true;
      }
    }
    checkInterrupted();
    int next = nativeScans ? decodeNatively(end, components, tables, refine, shift) : -1;
    if (next < 0) {
      EntropyReader in = new EntropyReader(data, end);
      if (count == 1) {
        decodeSingle(in, components[0], tables[0], refine, shift);
      } else {
        decodeInterleaved(in, components, tables, refine, shift);
      }
      if (in.overran()) {
        throw new Declined();
      }
      next = in.position();
    }
    return EntropyCodedData.end(data, next);
  }

  /**
   * The scan through {@link NativeJpegScan}: where its data ends, or -1 when the C loops refused
   * the call (nothing written), and the Java loops decode it instead.
   */
  private int decodeNatively(
      int start, Component[] cs, DcHuffmanTable[] tables, boolean refine, int shift)
      throws Declined {
    int count = cs.length;
    int[] geometry = new int[count * NativeJpegScan.GEOMETRY_INTS];
    int[] packed = new int[count * DcHuffmanTable.PACKED_INTS];
    short[][] dc = new short[4][];
    for (int i = 0; i < count; i++) {
      Component c = cs[i];
      int g = i * NativeJpegScan.GEOMETRY_INTS;
      geometry[g] = c.h;
      geometry[g + 1] = c.v;
      geometry[g + 2] = c.stride;
      geometry[g + 3] = c.blocksWide;
      geometry[g + 4] = c.blocksHigh;
      dc[i] = c.dc;
      if (!refine) {
        tables[i].packInto(packed, i * DcHuffmanTable.PACKED_INTS);
      }
    }
    int next =
        NativeJpegScan.decodeDcScan(
            data,
            start,
            count,
            dc[0],
            dc[1],
            dc[2],
            dc[3],
            geometry,
            packed,
            frame.mcusWide,
            frame.mcusHigh,
            restartInterval,
            refine,
            shift);
    if (next == NativeJpegScan.DECLINED) {
      throw new Declined();
    }
    return next < 0 ? -1 : next;
  }

  private void decodeSingle(
      EntropyReader in, Component c, DcHuffmanTable table, boolean refine, int shift)
      throws Declined {
    int predictor = 0;
    int mcu = 0;
    int restarts = 0;
    for (int by = 0; by < c.blocksHigh; by++) {
      checkInterrupted();
      int row = by * c.stride;
      for (int bx = 0; bx < c.blocksWide; bx++, mcu++) {
        if (restartInterval > 0 && mcu > 0 && mcu % restartInterval == 0) {
          if (!in.restart(restarts++ & 7)) {
            throw new Declined();
          }
          predictor = 0;
        }
        if (refine) {
          refineBlock(in, c, row + bx, shift);
        } else {
          predictor += difference(in, table);
          c.dc[row + bx] = (short) (predictor << shift);
        }
      }
    }
  }

  private void decodeInterleaved(
      EntropyReader in, Component[] cs, DcHuffmanTable[] tables, boolean refine, int shift)
      throws Declined {
    int[] predictors = new int[cs.length];
    int mcu = 0;
    int restarts = 0;
    for (int my = 0; my < frame.mcusHigh; my++) {
      checkInterrupted();
      for (int mx = 0; mx < frame.mcusWide; mx++, mcu++) {
        if (restartInterval > 0 && mcu > 0 && mcu % restartInterval == 0) {
          if (!in.restart(restarts++ & 7)) {
            throw new Declined();
          }
          Arrays.fill(predictors, 0);
        }
        for (int i = 0; i < cs.length; i++) {
          Component c = cs[i];
          for (int v = 0; v < c.v; v++) {
            int row = (my * c.v + v) * c.stride + mx * c.h;
            for (int h = 0; h < c.h; h++) {
              if (refine) {
                refineBlock(in, c, row + h, shift);
              } else {
                predictors[i] += difference(in, tables[i]);
                c.dc[row + h] = (short) (predictors[i] << shift);
              }
            }
          }
        }
      }
    }
  }

  /**
   * Decodes an AC scan of a component scaled by 2x2 inverse DCT in exact mode (jdphuff.c's
   * decode_mcu_AC_first and decode_mcu_AC_refine, block by block); returns the position of the
   * marker after its data. Anything libjpeg would warn about or write outside the band is declined.
   */
  private int acScan(int body, int end, Component c, int ss, int se, int ahAl) throws Declined {
    int ah = ahAl >> 4;
    int al = ahAl & 0x0F;
    DcHuffmanTable table = acTables[data[body + 2] & 0x0F];
    if (ss > se || se > 63 || al > 13 || (ah != 0 && al != ah - 1) || table == null || !c.hasDc) {
      throw new Declined();
    }
    EntropyReader in = new EntropyReader(data, end);
    int eobRun = 0;
    int mcu = 0;
    int restarts = 0;
    for (int by = 0; by < c.blocksHigh; by++) {
      checkInterrupted();
      for (int bx = 0; bx < c.blocksWide; bx++, mcu++) {
        if (restartInterval > 0 && mcu > 0 && mcu % restartInterval == 0) {
          if (!in.restart(restarts++ & 7)) {
            throw new Declined();
          }
          eobRun = 0;
        }
        int block = by * c.stride + bx;
        eobRun =
            ah == 0
                ? firstAcBlock(in, c, block, table, ss, se, al, eobRun)
                : refineAcBlock(in, c, block, table, ss, se, al, eobRun);
      }
    }
    if (in.overran()) {
      throw new Declined();
    }
    return EntropyCodedData.end(data, in.position());
  }

  /** One block of a first AC pass; returns the end-of-band run left for the next blocks. */
  private static int firstAcBlock(
      EntropyReader in,
      Component c,
      int block,
      DcHuffmanTable table,
      int ss,
      int se,
      int al,
      int eobRun)
      throws Declined {
    if (eobRun > 0) {
      return eobRun - 1;
    }
    for (int k = ss; k <= se; k++) {
      int symbol = symbol(in, table);
      int run = symbol >> 4;
      int size = symbol & 0x0F;
      if (size != 0) {
        k += run;
        if (k > se) {
          throw new Declined();
        }
        c.setCoefficient(block, ZIGZAG_TO_NATURAL[k], (short) (in.receiveExtend(size) << al));
      } else if (run == 15) {
        k += 15; // sixteen zeros
      } else {
        return endOfBandRun(in, run) - 1; // this block's band ends here
      }
    }
    return 0;
  }

  /**
   * One block of an AC refinement pass: correction bits for the coefficients already nonzero, and
   * the newly nonzero ones (+-1 at bit {@code al}); returns the end-of-band run left.
   */
  private static int refineAcBlock(
      EntropyReader in,
      Component c,
      int block,
      DcHuffmanTable table,
      int ss,
      int se,
      int al,
      int eobRun)
      throws Declined {
    int plusOne = 1 << al;
    int minusOne = -1 << al;
    int k = ss;
    if (eobRun == 0) {
      for (; k <= se; k++) {
        int symbol = symbol(in, table);
        int run = symbol >> 4;
        int size = symbol & 0x0F;
        int value = 0;
        if (size != 0) {
          if (size != 1) {
            throw new Declined(); // libjpeg warns and reads it as 1
          }
          value = in.bit() != 0 ? plusOne : minusOne;
        } else if (run != 15) {
          eobRun = endOfBandRun(in, run);
          break;
        }
        // Past the nonzero coefficients (a correction bit each) and `run` zero ones.
        do {
          int at = ZIGZAG_TO_NATURAL[k];
          if (c.isNonzero(block, at)) {
            if (in.bit() != 0) {
              c.correct(block, at, plusOne, minusOne);
            }
          } else if (--run < 0) {
            break;
          }
          k++;
        } while (k <= se);
        if (value != 0) {
          if (k > se) {
            throw new Declined();
          }
          c.setCoefficient(block, ZIGZAG_TO_NATURAL[k], (short) value);
        }
      }
    }
    if (eobRun > 0) {
      for (; k <= se; k++) {
        int at = ZIGZAG_TO_NATURAL[k];
        if (c.isNonzero(block, at) && in.bit() != 0) {
          c.correct(block, at, plusOne, minusOne);
        }
      }
      eobRun--;
    }
    return eobRun;
  }

  /**
   * How many blocks, this one included, an EOBr symbol ends the band of: 2^r plus r more bits (JPEG
   * spec G.1.2.2).
   */
  private static int endOfBandRun(EntropyReader in, int r) {
    return (1 << r) + (r > 0 ? in.bits(r) : 0);
  }

  /** The next symbol of {@code table}; a bit pattern that is no code of it is declined. */
  private static int symbol(EntropyReader in, DcHuffmanTable table) throws Declined {
    int symbol = table.decode(in);
    if (symbol < 0) {
      throw new Declined();
    }
    return symbol;
  }

  private static int difference(EntropyReader in, DcHuffmanTable table) throws Declined {
    int category = symbol(in, table);
    if (category > MAX_DC_CATEGORY) {
      throw new Declined();
    }
    return in.receiveExtend(category);
  }

  private static void refineBlock(EntropyReader in, Component c, int index, int shift) {
    if (in.bit() != 0) {
      c.dc[index] |= (short) (1 << shift);
    }
  }

  private static void checkInterrupted() throws Declined {
    if (Thread.currentThread().isInterrupted()) {
      throw new Declined();
    }
  }

  private int u16(int p) {
    return (data[p] & 0xFF) << 8 | (data[p + 1] & 0xFF);
  }

  /** This file is not one the DC path decodes; the caller takes the usual path. */
  private static final class Declined extends Exception {
    Declined() {
      super(null, null, false, false);
    }
  }

  /**
   * One colour component: sampling factors and one DC coefficient per block; in exact mode, a
   * half-resolution component also keeps its blocks' 2x2 inverse DCT coefficients.
   */
  private static final class Component {
    final int id;
    final int h;
    final int v;
    final int quantSlot;
    int quantDc = -1;
    boolean hasDc;

    /**
     * Exact mode: scaled by libjpeg's 2x2 inverse DCT (not only its block means), then replicated
     * {@code hExpand x vExpand} times to the output grid, as libjpeg-turbo does at 1/8.
     */
    boolean idct2x2;

    int hExpand = 1;
    int vExpand = 1;
    int[] quant; // natural order, latched with quantDc; idct2x2 components only
    short[] kept; // KEPT AC coefficients per block, by KEPT_SLOT
    long[] nonzero; // per block, bit n: the coefficient at natural position n is not 0

    /** Blocks that hold image data, and the padded block grid that interleaved MCUs address. */
    int blocksWide;

    int blocksHigh;
    int stride;
    short[] dc;

    Component(int id, int h, int v, int quantSlot) {
      this.id = id;
      this.h = h;
      this.v = v;
      this.quantSlot = quantSlot;
    }

    void setCoefficient(int block, int natural, short value) {
      int slot = KEPT_SLOT[natural];
      if (slot >= 0) {
        kept[block * KEPT + slot] = value;
      } else if (value != 0) {
        nonzero[block] |= 1L << natural;
      } else {
        nonzero[block] &= ~(1L << natural);
      }
    }

    boolean isNonzero(int block, int natural) {
      int slot = KEPT_SLOT[natural];
      return slot >= 0 ? kept[block * KEPT + slot] != 0 : (nonzero[block] >>> natural & 1) != 0;
    }

    /** A refinement's correction: one more bit of magnitude, unless that bit is already set. */
    void correct(int block, int natural, int plusOne, int minusOne) {
      int slot = KEPT_SLOT[natural];
      if (slot < 0) {
        return; // only whether it is 0 is kept, and a correction never makes it 0
      }
      int at = block * KEPT + slot;
      short value = kept[at];
      if ((value & plusOne) == 0) {
        kept[at] = (short) (value + (value >= 0 ? plusOne : minusOne));
      }
    }

    /**
     * The block's mean as a sample: libjpeg's 1x1 inverse DCT, {@code descale(dc * q, 3) + 128}.
     */
    int sample(int bx, int by) {
      int value = ((dc[by * stride + bx] * quantDc + 4) >> 3) + 128;
      return value < 0 ? 0 : Math.min(value, 255);
    }
  }

  /** The frame header (SOF2) and the block grids it implies. */
  private static final class Frame {
    final int width;
    final int height;
    final Component[] components;
    final int maxH;
    final int maxV;
    final int mcusWide;
    final int mcusHigh;
    final boolean exact;

    private Frame(int width, int height, Component[] components, boolean exact) throws Declined {
      this.exact = exact;
      this.width = width;
      this.height = height;
      this.components = components;
      int mh = 1;
      int mv = 1;
      for (Component c : components) {
        mh = Math.max(mh, c.h);
        mv = Math.max(mv, c.v);
      }
      maxH = mh;
      maxV = mv;
      mcusWide = ceilDiv(width, 8 * maxH);
      mcusHigh = ceilDiv(height, 8 * maxV);
      for (Component c : components) {
        c.blocksWide = ceilDiv(ceilDiv(width * c.h, maxH), 8);
        c.blocksHigh = ceilDiv(ceilDiv(height * c.v, maxV), 8);
        c.stride = mcusWide * c.h;
        c.dc = new short[c.stride * mcusHigh * c.v];
        if (exact) {
          int size = eighthScaleDctSize(c.h, c.v, maxH, maxV);
          if (size < 0) {
            throw new Declined();
          }
          c.hExpand = maxH / (c.h * size);
          c.vExpand = maxV / (c.v * size);
          if (size == 2) {
            c.idct2x2 = true;
            c.kept = new short[c.dc.length * KEPT];
            c.nonzero = new long[c.dc.length];
          }
        }
      }
    }

    static Frame read(byte[] d, int body, int end, boolean exact) throws Declined {
      if (end - body < 6) {
        throw new Declined();
      }
      int precision = d[body] & 0xFF;
      int height = (d[body + 1] & 0xFF) << 8 | (d[body + 2] & 0xFF);
      int width = (d[body + 3] & 0xFF) << 8 | (d[body + 4] & 0xFF);
      int count = d[body + 5] & 0xFF;
      // Greyscale or YCbCr only: three components named R, G, B are RGB to libjpeg.
      if (precision != 8
          || width == 0
          || height == 0
          || (count != 1 && count != 3)
          || end - body < 6 + 3 * count
          || (count == 3 && d[body + 6] == 'R' && d[body + 9] == 'G' && d[body + 12] == 'B')) {
        throw new Declined();
      }
      Component[] components = new Component[count];
      for (int i = 0; i < count; i++) {
        int p = body + 6 + 3 * i;
        int h = (d[p + 1] & 0xFF) >> 4;
        int v = d[p + 1] & 0x0F;
        int slot = d[p + 2] & 0xFF;
        if (h < 1 || h > 4 || v < 1 || v > 4 || slot > 3) {
          throw new Declined();
        }
        for (int j = 0; j < i; j++) {
          if (components[j].id == (d[p] & 0xFF)) {
            throw new Declined();
          }
        }
        components[i] = new Component(d[p] & 0xFF, h, v, slot);
      }
      return new Frame(width, height, components, exact);
    }

    Component component(int id) throws Declined {
      for (Component c : components) {
        if (c.id == id) {
          return c;
        }
      }
      throw new Declined();
    }

    int blocksPerMcu(Component[] scan) {
      int n = 0;
      for (Component c : scan) {
        n += c.h * c.v;
      }
      return n;
    }

    boolean everyComponentHasDc() {
      for (Component c : components) {
        if (!c.hasDc) {
          return false;
        }
      }
      return true;
    }

    BufferedImage toImage() {
      int outW = ceilDiv(width, 8);
      int outH = ceilDiv(height, 8);
      BufferedImage image = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_RGB);
      int[] out = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
      ComponentRows[] rows = new ComponentRows[components.length];
      int[][] line = new int[components.length][outW];
      for (int i = 0; i < components.length; i++) {
        rows[i] = new ComponentRows(components[i], outW, outH, maxH, maxV, exact);
      }
      for (int y = 0; y < outH; y++) {
        for (int i = 0; i < rows.length; i++) {
          rows[i].fill(y, line[i]);
        }
        if (components.length == 1) {
          int[] grey = line[0];
          for (int x = 0, o = y * outW; x < outW; x++, o++) {
            out[o] = grey[x] * 0x010101;
          }
        } else {
          YCbCr.toRgb(line[0], line[1], line[2], out, y * outW);
        }
      }
      return image;
    }

    private static int ceilDiv(int a, int b) {
      return (a + b - 1) / b;
    }
  }

  /**
   * A component's block means resampled onto the output grid (one px per 8x8 source px), a row at a
   * time: a full-resolution component's means are the rows; a subsampled one's are interpolated
   * bilinearly.
   */
  private static final class ComponentRows {
    private final Component c;
    private final int outW;
    private final boolean fullResolution;
    private final int[] means; // a subsampled component's block means; null at full resolution
    private final Axis xs;
    private final Axis ys;
    private final int[] plane; // exact mode, subsampled: its samples as libjpeg scales them
    private final int planeW;
    private final int planeH;

    ComponentRows(Component c, int outW, int outH, int maxH, int maxV, boolean exact) {
      this.c = c;
      this.outW = outW;
      this.fullResolution = c.h == maxH && c.v == maxV;
      int size = c.idct2x2 ? 2 : 1;
      planeW = size * c.blocksWide;
      planeH = size * c.blocksHigh;
      plane =
          !exact || fullResolution
              ? null
              : c.idct2x2 ? inverseTransformed(c, planeW, planeH) : blockMeans(c);
      if (fullResolution || plane != null) {
        means = null;
        xs = null;
        ys = null;
      } else {
        means = blockMeans(c);
        xs = new Axis(outW, c.h, maxH, c.blocksWide);
        ys = new Axis(outH, c.v, maxV, c.blocksHigh);
      }
    }

    /** Output row {@code y} into {@code row} ({@code outW} values, 0..255). */
    void fill(int y, int[] row) {
      if (plane != null) {
        int from = Math.min(y / c.vExpand, planeH - 1) * planeW;
        for (int x = 0; x < outW; x++) {
          row[x] = plane[from + Math.min(x / c.hExpand, planeW - 1)];
        }
        return;
      }
      if (fullResolution) {
        int by = Math.min(y, c.blocksHigh - 1);
        int n = Math.min(outW, c.blocksWide);
        for (int x = 0; x < n; x++) {
          row[x] = c.sample(x, by);
        }
        return;
      }
      int r0 = ys.lower[y] * c.blocksWide;
      int r1 = ys.upper[y] * c.blocksWide;
      int wy = ys.weight[y];
      for (int x = 0; x < outW; x++) {
        int x0 = xs.lower[x];
        int x1 = xs.upper[x];
        int wx = xs.weight[x];
        int top = means[r0 + x0] * (256 - wx) + means[r0 + x1] * wx;
        int bottom = means[r1 + x0] * (256 - wx) + means[r1 + x1] * wx;
        row[x] = (top * (256 - wy) + bottom * wy + (1 << 15)) >> 16;
      }
    }

    /**
     * Bilinear taps along one axis: output px {@code i} is centred at component block coordinate
     * {@code (i + 0.5) * factor / maxFactor - 0.5}, clamped to the blocks that exist.
     */
    private static final class Axis {
      final int[] lower;
      final int[] upper;
      final int[] weight;

      Axis(int length, int factor, int maxFactor, int blocks) {
        lower = new int[length];
        upper = new int[length];
        weight = new int[length];
        for (int i = 0; i < length; i++) {
          double u = (i + 0.5) * factor / maxFactor - 0.5;
          int u0 = (int) Math.floor(u);
          int w = (int) Math.round((u - u0) * 256);
          lower[i] = Math.max(0, Math.min(blocks - 1, u0));
          upper[i] = Math.max(0, Math.min(blocks - 1, u0 + 1));
          weight[i] = w;
        }
      }
    }
  }

  /** A component's block means as one sample plane (libjpeg's 1x1 inverse DCT). */
  private static int[] blockMeans(Component c) {
    int[] plane = new int[c.blocksWide * c.blocksHigh];
    for (int by = 0; by < c.blocksHigh; by++) {
      for (int bx = 0; bx < c.blocksWide; bx++) {
        plane[by * c.blocksWide + bx] = c.sample(bx, by);
      }
    }
    return plane;
  }

  /** Every block of a component through {@link #idct2x2}, as one sample plane. */
  private static int[] inverseTransformed(Component c, int planeW, int planeH) {
    int[] plane = new int[planeW * planeH];
    long[] in = new long[64];
    long[] workspace = new long[16];
    for (int by = 0; by < c.blocksHigh; by++) {
      for (int bx = 0; bx < c.blocksWide; bx++) {
        int block = by * c.stride + bx;
        in[0] = (long) c.dc[block] * c.quant[0];
        for (int n = 1; n < 64; n++) {
          int slot = KEPT_SLOT[n];
          if (slot >= 0) {
            in[n] = (long) c.kept[block * KEPT + slot] * c.quant[n];
          }
        }
        idct2x2(in, workspace, plane, (2 * by) * planeW + 2 * bx, planeW);
      }
    }
    return plane;
  }

  /**
   * libjpeg's 2x2 inverse DCT ({@code jpeg_idct_2x2}, jidctred.c: the 8-point transform's outputs
   * averaged over 4x4, from rows and columns 0, 1, 3, 5, 7), with its fixed-point constants,
   * rounding and range limit; {@code in} holds dequantized coefficients in natural order, {@code
   * workspace} (16) the two rows between the passes.
   */
  private static void idct2x2(long[] in, long[] workspace, int[] out, int at, int stride) {
    for (int col : IDCT2_TAPS) {
      long even = in[col] << (CONST_BITS + 2);
      long odd = oddPart(in[56 + col], in[40 + col], in[24 + col], in[8 + col]);
      workspace[col] = (int) descale(even + odd, CONST_BITS - PASS1_BITS + 2);
      workspace[8 + col] = (int) descale(even - odd, CONST_BITS - PASS1_BITS + 2);
    }
    for (int r = 0; r < 2; r++) {
      int w = 8 * r;
      long even = workspace[w] << (CONST_BITS + 2);
      long odd = oddPart(workspace[w + 7], workspace[w + 5], workspace[w + 3], workspace[w + 1]);
      out[at + r * stride] = rangeLimit(descale(even + odd, CONST_BITS + PASS1_BITS + 3 + 2));
      out[at + r * stride + 1] = rangeLimit(descale(even - odd, CONST_BITS + PASS1_BITS + 3 + 2));
    }
  }

  private static final int CONST_BITS = 13;
  private static final int PASS1_BITS = 2;

  /**
   * The odd part of jidctred.c's 8-to-2 step: -FIX(0.720959822), FIX(0.850430095),
   * -FIX(1.272758580), FIX(3.624509785) at 13 bits.
   */
  private static long oddPart(long z7, long z5, long z3, long z1) {
    return z7 * -5906 + z5 * 6967 + z3 * -10426 + z1 * 29692;
  }

  private static long descale(long x, int n) {
    return (x + (1L << (n - 1))) >> n;
  }

  /** libjpeg's IDCT range limit: the value mod 1024 (signed), plus 128, clamped to 0..255. */
  private static int rangeLimit(long x) {
    int wrapped = (int) (((x + 512) & 1023) - 512);
    return Math.max(0, Math.min(255, wrapped + 128));
  }

  /** JFIF's YCbCr to RGB (ITU-R BT.601 full range), as libjpeg's tables compute it. */
  private static final class YCbCr {
    private static final int[] CR_R = new int[256];
    private static final int[] CB_B = new int[256];
    private static final int[] CR_G = new int[256];
    private static final int[] CB_G = new int[256];

    static {
      // jdcolor.c's build_ycc_rgb_table, integer for integer (16-bit fixed point).
      for (int i = 0; i < 256; i++) {
        long x = i - 128;
        CR_R[i] = (int) ((fix(1.40200) * x + 32768) >> 16);
        CB_B[i] = (int) ((fix(1.77200) * x + 32768) >> 16);
        CR_G[i] = (int) (-fix(0.71414) * x);
        CB_G[i] = (int) (-fix(0.34414) * x);
      }
    }

    private static long fix(double x) {
      return (long) (x * 65536 + 0.5);
    }

    /** One row: {@code y.length} pixels into {@code out} from {@code at}. */
    static void toRgb(int[] y, int[] cb, int[] cr, int[] out, int at) {
      for (int i = 0; i < y.length; i++) {
        int l = y[i];
        int b = cb[i];
        int r = cr[i];
        int red = clamp(l + CR_R[r]);
        int green = clamp(l + ((CB_G[b] + CR_G[r] + 32768) >> 16));
        int blue = clamp(l + CB_B[b]);
        out[at + i] = red << 16 | green << 8 | blue;
      }
    }

    private static int clamp(int v) {
      return v < 0 ? 0 : Math.min(v, 255);
    }
  }
}
