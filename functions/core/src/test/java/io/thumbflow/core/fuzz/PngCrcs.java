package io.thumbflow.core.fuzz;

import java.util.zip.CRC32;

/**
 * Recomputes every chunk CRC of a PNG-like input, as libpng's fuzzers turn CRC checks off: a
 * mutated chunk almost never keeps a valid CRC, so without this the fuzzer rarely gets past the CRC
 * check into the code that reads the chunk.
 */
public final class PngCrcs {
  private PngCrcs() {}

  /** A copy of {@code d} with the CRC of each whole chunk after the signature recomputed. */
  public static byte[] fixed(byte[] d) {
    byte[] out = d.clone();
    CRC32 crc = new CRC32();
    long pos = 8;
    while (pos + 12 <= out.length) {
      long length =
          (out[(int) pos] & 0xFFL) << 24
              | (out[(int) pos + 1] & 0xFF) << 16
              | (out[(int) pos + 2] & 0xFF) << 8
              | (out[(int) pos + 3] & 0xFF);
      long end = pos + 8 + length + 4;
      if (end > out.length) {
        break;
      }
      crc.reset();
      crc.update(out, (int) pos + 4, (int) length + 4);
      long v = crc.getValue();
      int at = (int) end - 4;
      out[at] = (byte) (v >>> 24);
      out[at + 1] = (byte) (v >>> 16);
      out[at + 2] = (byte) (v >>> 8);
      out[at + 3] = (byte) v;
      pos = end;
    }
    return out;
  }

  /**
   * True when {@code d} starts with the PNG signature's "PNG" (damaged signatures are the sniffer's
   * job).
   */
  public static boolean looksLikePng(byte[] d) {
    return d.length > 8 && d[1] == 'P' && d[2] == 'N' && d[3] == 'G';
  }
}
