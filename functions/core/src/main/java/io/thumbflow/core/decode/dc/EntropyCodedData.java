package io.thumbflow.core.decode.dc;

/** Where a JPEG scan's entropy-coded data ends, found without decoding it. */
public final class EntropyCodedData {
  private EntropyCodedData() {}

  /**
   * The position of the first marker at or after {@code p}: an 0xFF followed by neither 0x00 (a
   * stuffed byte), a restart marker (RSTn, inside the data) nor another 0xFF (fill); {@code
   * d.length} when none.
   */
  public static int end(byte[] d, int p) {
    if (NativeJpegScan.loaded()) {
      int end = NativeJpegScan.entropyEnd(d, p);
      if (end >= 0) {
        return end;
      }
    }
    return endInJava(d, p);
  }

  /** {@link #end} without the native loop. */
  static int endInJava(byte[] d, int p) {
    int n = d.length - 1;
    while (p < n) {
      if (d[p] == (byte) 0xFF) {
        int next = d[p + 1] & 0xFF;
        if (next != 0x00 && next != 0xFF && (next < 0xD0 || next > 0xD7)) {
          return p;
        }
        p += next == 0xFF ? 1 : 2;
      } else {
        p++;
      }
    }
    return d.length;
  }
}
