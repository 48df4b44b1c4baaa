package io.thumbflow.core.decode.dc;

/**
 * A JPEG Huffman table (DHT) for decoding DC difference categories: canonical codes up to 16 bits,
 * with a 9-bit lookahead table for the short codes that make up nearly all of the data.
 */
final class DcHuffmanTable {
  static final int LOOKAHEAD = 9;

  /** For each 9-bit prefix: code length << 8 | symbol, or 0 when the code is longer than 9 bits. */
  private final int[] fast = new int[1 << LOOKAHEAD];

  /** JPEG spec F.2.2.3: largest code of each length (-1 when none), and where its symbols start. */
  private final int[] maxCode = new int[18];

  private final int[] valueOffset = new int[17];
  private final byte[] symbols;

  /**
   * @param counts number of codes of each length 1..16 (index 0 = length 1)
   * @param symbols the symbols in code order
   * @throws IllegalArgumentException when the counts do not describe a valid prefix code
   */
  DcHuffmanTable(int[] counts, byte[] symbols) {
    this.symbols = symbols.clone();
    int code = 0;
    int k = 0;
    for (int length = 1; length <= 16; length++) {
      int n = counts[length - 1];
      valueOffset[length] = k - code;
      for (int i = 0; i < n; i++, k++, code++) {
        if (length <= LOOKAHEAD) {
          int shift = LOOKAHEAD - length;
          for (int fill = 0; fill < 1 << shift; fill++) {
            fast[(code << shift) | fill] = length << 8 | (symbols[k] & 0xFF);
          }
        }
      }
      maxCode[length] = n == 0 ? -1 : code - 1;
      if (code > 1 << length) {
        throw new IllegalArgumentException(
            "Huffman table has more codes of length " + length + " than fit");
      }
      code <<= 1;
    }
    maxCode[17] = Integer.MAX_VALUE;
    if (k != symbols.length) {
      throw new IllegalArgumentException("Huffman table counts and symbols differ");
    }
  }

  /** Ints in one {@link #packInto packed} table. */
  static final int PACKED_INTS = (1 << LOOKAHEAD) + 18 + 17 + 1 + 256;

  /**
   * Writes this table for {@link NativeJpegScan#decodeDcScan} into {@code out} from {@code at}
   * ({@link #PACKED_INTS} ints): the lookahead table, the largest code of each length (18), where
   * each length's symbols start (17), the symbol count and the symbols.
   */
  void packInto(int[] out, int at) {
    System.arraycopy(fast, 0, out, at, fast.length);
    System.arraycopy(maxCode, 0, out, at + fast.length, maxCode.length);
    System.arraycopy(valueOffset, 0, out, at + fast.length + 18, valueOffset.length);
    int symbolsAt = at + fast.length + 18 + 17;
    out[symbolsAt] = symbols.length;
    for (int i = 0; i < symbols.length; i++) {
      out[symbolsAt + 1 + i] = symbols[i] & 0xFF;
    }
  }

  /** Decodes one symbol, or returns -1 for a bit pattern that is no code of this table. */
  int decode(EntropyReader in) {
    int entry = fast[in.peek(LOOKAHEAD)];
    if (entry != 0) {
      in.skip(entry >> 8);
      return entry & 0xFF;
    }
    int code = in.bits(LOOKAHEAD);
    for (int length = LOOKAHEAD + 1; length <= 16; length++) {
      code = code << 1 | in.bit();
      if (code <= maxCode[length]) {
        return symbols[valueOffset[length] + code] & 0xFF;
      }
    }
    return -1;
  }
}
