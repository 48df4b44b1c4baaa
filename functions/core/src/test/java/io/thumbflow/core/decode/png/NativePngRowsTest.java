package io.thumbflow.core.decode.png;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.thumbflow.core.decode.BundledPlatform;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The C row loops against the Java ones they stand in for, and their refusals. */
class NativePngRowsTest {
  private static final int[] PIXEL_SIZES = {1, 2, 3, 4, 6, 8};

  @Test
  void loadsOnLambdasPlatforms() {
    BundledPlatform.assumeThisOne();
    assertThat(NativePngRows.loaded()).isTrue();
  }

  @Test
  void unfiltersEveryFilterTypeAndPixelSizeAsTheJavaLoopDoes() throws Exception {
    assumeTrue(NativePngRows.loaded(), "native PNG rows not loaded here");
    Random random = new Random(11);
    for (int bpp : PIXEL_SIZES) {
      for (int n : new int[] {1, bpp - 1, bpp, bpp + 1, 3 * bpp, 997, 4000 * bpp}) {
        if (n < 1) continue;
        // A first row, then one row of each filter type against it and each other.
        int height = 6;
        byte[] raw = new byte[height * (n + 1)];
        System.arraycopy(row(random, n, 0), 0, raw, 0, n + 1);
        for (int filter = 0; filter <= 4; filter++) {
          System.arraycopy(row(random, n, filter), 0, raw, (filter + 1) * (n + 1), n + 1);
        }
        assertThat(streamRows(PngFiles.deflate(raw), 1 << 20, n, bpp, height))
            .as("bpp %d, n %d", bpp, n)
            .isEqualTo(javaRows(raw, n, bpp, height));
      }
    }
  }

  @Test
  void refusesRowsLongerThanTheirArraysWithoutTouchingThem() {
    assumeTrue(NativePngRows.loaded(), "native PNG rows not loaded here");
    int[] sums = new int[4];
    int[] shortSums = new int[3];
    // 12 RGB px need 37 bytes; 4 columns of 3 px need 4 sums.
    assertThat(NativePngRows.accumulate(new byte[36], 12, 3, 3, sums, sums, sums, sums))
        .isEqualTo(NativePngRows.BAD_ARGUMENTS);
    assertThat(NativePngRows.accumulate(new byte[37], 12, 3, 3, sums, sums, shortSums, sums))
        .isEqualTo(NativePngRows.BAD_ARGUMENTS);
    assertThat(NativePngRows.accumulate(new byte[49], 12, 4, 3, shortSums, sums, sums, sums))
        .isEqualTo(NativePngRows.BAD_ARGUMENTS);
    assertThat(NativePngRows.accumulate(new byte[61], 12, 5, 3, sums, sums, sums, sums))
        .isEqualTo(NativePngRows.BAD_ARGUMENTS);
    assertThat(NativePngRows.accumulate(new byte[37], 12, 3, 0, sums, sums, sums, sums))
        .isEqualTo(NativePngRows.BAD_ARGUMENTS);
    assertThat(sums).containsOnly(0);
    assertThat(shortSums).containsOnly(0);
  }

  @Test
  void sumsRgbAndRgbaRowsPerOutputColumn() {
    assumeTrue(NativePngRows.loaded(), "native PNG rows not loaded here");
    Random random = new Random(9);
    for (int channels : new int[] {3, 4}) {
      for (int width : new int[] {1, 7, 64, 1001}) {
        for (int factor : new int[] {1, 2, 3, 16, 2000}) {
          byte[] cur = row(random, width * channels, 0);
          int columns = (width + factor - 1) / factor;
          int[][] expected = new int[4][columns]; // alpha, red, green, blue
          for (int x = 0; x < width; x++) {
            int i = 1 + x * channels;
            expected[1][x / factor] += cur[i] & 0xff;
            expected[2][x / factor] += cur[i + 1] & 0xff;
            expected[3][x / factor] += cur[i + 2] & 0xff;
            if (channels == 4) expected[0][x / factor] += cur[i + 3] & 0xff;
          }
          // Sums carry over from earlier rows of the same output row: start from non-zero ones.
          int[][] sums = new int[4][columns];
          for (int[] s : sums) Arrays.fill(s, 100);
          for (int[] e : expected) for (int c = 0; c < columns; c++) e[c] += 100;
          if (channels == 3) expected[0] = sums[0].clone();
          assertThat(
                  NativePngRows.accumulate(
                      cur, width, channels, factor, sums[0], sums[1], sums[2], sums[3]))
              .isEqualTo(NativePngRows.OK);
          assertThat(sums)
              .as("%d channels, %d px, factor %d", channels, width, factor)
              .isDeepEqualTo(expected);
        }
      }
    }
  }

  @Test
  void packsRgbRowsOpaqueAndRgbaRowsWithTheirAlphaAtTheirOffset() {
    assumeTrue(NativePngRows.loaded(), "native PNG rows not loaded here");
    Random random = new Random(10);
    for (int channels : new int[] {3, 4}) {
      for (int width : new int[] {1, 7, 1001}) {
        byte[] cur = row(random, width * channels, 0);
        int[] out = new int[width + 5];
        Arrays.fill(out, 0x12345678);
        int[] expected = out.clone();
        for (int x = 0; x < width; x++) {
          int i = 1 + x * channels;
          int a = channels == 4 ? cur[i + 3] & 0xff : 0xff;
          expected[3 + x] =
              a << 24 | (cur[i] & 0xff) << 16 | (cur[i + 1] & 0xff) << 8 | (cur[i + 2] & 0xff);
        }
        assertThat(NativePngRows.pack(cur, width, channels, out, 3)).isEqualTo(NativePngRows.OK);
        assertThat(out).as("%d channels, %d px", channels, width).isEqualTo(expected);
      }
    }
  }

  @Test
  void refusesToPackPastEitherArray() {
    assumeTrue(NativePngRows.loaded(), "native PNG rows not loaded here");
    int[] out = new int[12];
    assertThat(NativePngRows.pack(new byte[36], 12, 3, out, 0))
        .isEqualTo(NativePngRows.BAD_ARGUMENTS);
    assertThat(NativePngRows.pack(new byte[37], 12, 3, out, 1))
        .isEqualTo(NativePngRows.BAD_ARGUMENTS);
    assertThat(NativePngRows.pack(new byte[37], 12, 3, out, -1))
        .isEqualTo(NativePngRows.BAD_ARGUMENTS);
    assertThat(NativePngRows.pack(new byte[61], 12, 5, out, 0))
        .isEqualTo(NativePngRows.BAD_ARGUMENTS);
    assertThat(out).containsOnly(0);
  }

  @Test
  void inflatesAndUnfiltersRowsAsTheJdkInflaterAndTheJavaLoopDo() throws Exception {
    assumeTrue(NativePngRows.loaded(), "native PNG rows not loaded here");
    Random random = new Random(13);
    for (int bpp : PIXEL_SIZES) {
      int n = 301 * bpp;
      int height = 40;
      byte[] raw = new byte[height * (n + 1)];
      for (int y = 0; y < height; y++) {
        System.arraycopy(row(random, n, y % 5), 0, raw, y * (n + 1), n + 1);
      }
      byte[] zlib = PngFiles.deflate(raw);
      // Fed in pieces of 1, 7 and 100 bytes, so rows end mid-piece and pieces mid-row.
      for (int piece : new int[] {1, 7, 100, zlib.length}) {
        assertThat(streamRows(zlib, piece, n, bpp, height))
            .as("bpp %d, pieces of %d bytes", bpp, piece)
            .isEqualTo(javaRows(raw, n, bpp, height));
      }
    }
  }

  @Test
  void takesAtMost64KibOfInputAtATimeAndAsksForMoreWhenItIsUsed() {
    assumeTrue(NativePngRows.loaded(), "native PNG rows not loaded here");
    byte[] raw = new byte[100 * 3001];
    new Random(17).nextBytes(raw);
    for (int y = 0; y < 100; y++) raw[y * 3001] = 0; // unfiltered random rows barely compress
    byte[] zlib = PngFiles.deflate(raw);
    assertThat(zlib.length).isGreaterThan(2 * 65536);
    long stream = NativePngRows.openStream(3000, 3);
    try {
      byte[] cur = new byte[3001];
      assertThat(NativePngRows.nextRow(stream, cur)).isEqualTo(NativePngRows.NEEDS_INPUT);
      assertThat(NativePngRows.feed(stream, zlib, 0, zlib.length)).isEqualTo(65536);
      assertThat(NativePngRows.feed(stream, zlib, 65536, zlib.length - 65536))
          .as("input left from the last feed")
          .isZero();
      for (int y = 0; y < 21; y++) { // 21 rows of 3001 random bytes need more than 64 KiB
        assertThat(NativePngRows.nextRow(stream, cur)).as("row %d", y).isEqualTo(NativePngRows.OK);
        assertThat(cur).isEqualTo(Arrays.copyOfRange(raw, y * 3001, (y + 1) * 3001));
      }
      assertThat(NativePngRows.nextRow(stream, cur)).isEqualTo(NativePngRows.NEEDS_INPUT);
    } finally {
      NativePngRows.closeStream(stream);
    }
  }

  @Test
  void namesDataThatIsNotZlibEndsEarlyOrHasAnUnknownFilter() {
    assumeTrue(NativePngRows.loaded(), "native PNG rows not loaded here");
    byte[] notZlib = {0x7f, 0x11, 1, 2, 3, 4, 5, 6};
    assertThat(firstRowStatus(notZlib, 8, new byte[9])).isEqualTo(NativePngRows.BAD_DATA);

    // One row's zlib stream, then bytes after its end, as in an IDAT padded past the stream.
    byte[] oneRow = Arrays.copyOf(PngFiles.deflate(new byte[9]), 40);
    long stream = NativePngRows.openStream(8, 1);
    try {
      byte[] cur = new byte[9];
      NativePngRows.feed(stream, oneRow, 0, oneRow.length);
      assertThat(NativePngRows.nextRow(stream, cur)).isEqualTo(NativePngRows.OK);
      assertThat(NativePngRows.nextRow(stream, cur)).isEqualTo(NativePngRows.DATA_ENDS);
    } finally {
      NativePngRows.closeStream(stream);
    }

    byte[] filter7 = new byte[9];
    filter7[0] = 7;
    byte[] cur = new byte[9];
    Arrays.fill(cur, (byte) 1);
    assertThat(firstRowStatus(PngFiles.deflate(filter7), 8, cur))
        .isEqualTo(NativePngRows.UNKNOWN_FILTER);
    assertThat(cur[0]).as("the filter type, for the message").isEqualTo((byte) 7);
    assertThat(Unfilter.unknownFilter(cur)).hasMessageContaining("unknown filter type 7");
    assertThatThrownBy(() -> Unfilter.row(filter7.clone(), new byte[9], 8, 1))
        .as("the Java loop refuses it too")
        .isInstanceOf(PngNotHandledException.class);
  }

  @Test
  void refusesSlicesOutsideTheirArrayRowsShorterThanTheStreamsAndNoStream() {
    assumeTrue(NativePngRows.loaded(), "native PNG rows not loaded here");
    assertThat(NativePngRows.openStream(0, 3)).isZero();
    assertThat(NativePngRows.openStream(12, 0)).isZero();
    byte[] zlib = PngFiles.deflate(new byte[13 * 2]);
    long stream = NativePngRows.openStream(12, 3);
    try {
      assertThat(NativePngRows.feed(stream, zlib, 1, zlib.length))
          .isEqualTo(-NativePngRows.BAD_ARGUMENTS);
      assertThat(NativePngRows.feed(stream, zlib, -1, 2)).isEqualTo(-NativePngRows.BAD_ARGUMENTS);
      assertThat(NativePngRows.feed(0, zlib, 0, 2)).isEqualTo(-NativePngRows.BAD_ARGUMENTS);
      NativePngRows.feed(stream, zlib, 0, zlib.length);
      byte[] shortRow = new byte[12];
      assertThat(NativePngRows.nextRow(stream, shortRow)).isEqualTo(NativePngRows.BAD_ARGUMENTS);
      assertThat(shortRow).containsOnly(0);
      assertThat(NativePngRows.nextRow(0, new byte[13])).isEqualTo(NativePngRows.BAD_ARGUMENTS);
      assertThat(NativePngRows.nextRow(stream, new byte[13])).isEqualTo(NativePngRows.OK);
    } finally {
      NativePngRows.closeStream(stream);
    }
  }

  /** The rows a native stream gives for {@code zlib} fed {@code piece} bytes at a time. */
  private static byte[] streamRows(byte[] zlib, int piece, int n, int bpp, int height) {
    byte[] rows = new byte[height * (n + 1)];
    byte[] cur = new byte[n + 1];
    long stream = NativePngRows.openStream(n, bpp);
    assertThat(stream).isNotZero();
    try {
      int fed = 0;
      for (int y = 0; y < height; y++) {
        int status;
        while ((status = NativePngRows.nextRow(stream, cur)) == NativePngRows.NEEDS_INPUT) {
          int taken = NativePngRows.feed(stream, zlib, fed, Math.min(piece, zlib.length - fed));
          assertThat(taken).as("input for row %d", y).isPositive();
          fed += taken;
        }
        assertThat(status).as("row %d", y).isEqualTo(NativePngRows.OK);
        System.arraycopy(cur, 0, rows, y * (n + 1), n + 1);
      }
      return rows;
    } finally {
      NativePngRows.closeStream(stream);
    }
  }

  /** The same rows unfiltered by {@link Unfilter#row}, from the raw (filtered) bytes. */
  private static byte[] javaRows(byte[] raw, int n, int bpp, int height) throws Exception {
    byte[] rows = raw.clone();
    byte[] prev = new byte[n + 1];
    for (int y = 0; y < height; y++) {
      byte[] cur = Arrays.copyOfRange(rows, y * (n + 1), (y + 1) * (n + 1));
      Unfilter.row(cur, prev, n, bpp);
      System.arraycopy(cur, 0, rows, y * (n + 1), n + 1);
      prev = cur;
    }
    return rows;
  }

  private static int firstRowStatus(byte[] zlib, int n, byte[] cur) {
    long stream = NativePngRows.openStream(n, 1);
    try {
      NativePngRows.feed(stream, zlib, 0, zlib.length);
      return NativePngRows.nextRow(stream, cur);
    } finally {
      NativePngRows.closeStream(stream);
    }
  }

  /**
   * A filter byte and {@code n} random bytes, a quarter of them near 255 so that the filters' byte
   * arithmetic wraps.
   */
  private static byte[] row(Random random, int n, int filter) {
    byte[] row = new byte[n + 1];
    random.nextBytes(row);
    for (int i = 1; i <= n; i += 4) row[i] = (byte) (250 + random.nextInt(6));
    row[0] = (byte) filter;
    return row;
  }
}
