package io.thumbflow.core.decode.dc;

/**
 * Reads bits from a JPEG scan's entropy-coded data: un-stuffs {@code FF 00}, and stops at the next
 * marker, after which it supplies zero bits (as libjpeg does) while counting them, so a caller can
 * tell that the data ran out early.
 */
final class EntropyReader {
  private final byte[] data;
  private int pos;
  private long buffer;
  private int count;

  /**
   * Zero bits appended after a marker or the end of data that are still in the buffer or were
   * consumed.
   */
  private int padding;

  private boolean atMarker;

  EntropyReader(byte[] data, int start) {
    this.data = data;
    this.pos = start;
  }

  private void fill() {
    while (count <= 56) {
      int b = 0;
      if (!atMarker && pos < data.length) {
        b = data[pos] & 0xFF;
        if (b == 0xFF) {
          int next = pos + 1 < data.length ? data[pos + 1] & 0xFF : -1;
          if (next == 0x00) {
            pos += 2;
          } else {
            atMarker = true;
            b = 0;
          }
        } else {
          pos++;
        }
      } else {
        atMarker = true;
      }
      if (atMarker) {
        padding += 8;
      }
      buffer = buffer << 8 | b;
      count += 8;
    }
  }

  /** The next {@code n} (1..16) bits without consuming them. */
  int peek(int n) {
    if (count < n) {
      fill();
    }
    return (int) (buffer >>> (count - n)) & ((1 << n) - 1);
  }

  void skip(int n) {
    count -= n;
  }

  int bits(int n) {
    int v = peek(n);
    count -= n;
    return v;
  }

  int bit() {
    return bits(1);
  }

  /**
   * JPEG's RECEIVE + EXTEND (F.2.2.1): the signed value of an {@code s}-bit (0..16) magnitude
   * category.
   */
  int receiveExtend(int s) {
    if (s == 0) {
      return 0;
    }
    int v = bits(s);
    return v < 1 << (s - 1) ? v - (1 << s) + 1 : v;
  }

  /**
   * True when more bits were consumed than the data held before its next marker (truncated or
   * corrupt).
   */
  boolean overran() {
    return count < padding;
  }

  /**
   * Ends an interval at a restart marker: drops the byte-alignment bits and expects {@code RSTn}
   * next.
   *
   * @return false when the data is not at that marker
   */
  boolean restart(int n) {
    if (overran() || count - padding >= 8) {
      return false;
    }
    if (pos + 1 >= data.length
        || (data[pos] & 0xFF) != 0xFF
        || (data[pos + 1] & 0xFF) != (0xD0 | n)) {
      return false;
    }
    pos += 2;
    buffer = 0;
    count = 0;
    padding = 0;
    atMarker = false;
    return true;
  }

  /** Where the byte data not yet read into the bit buffer starts. */
  int position() {
    return pos;
  }
}
