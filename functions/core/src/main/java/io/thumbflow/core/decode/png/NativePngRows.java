package io.thumbflow.core.decode.png;

import io.thumbflow.core.decode.NativePlatform;

/**
 * The reducing PNG decoder's per-row loops, inflating (zlib-ng), unfiltering and box-summing (or,
 * at full size, packing) 8-bit RGB/RGBA rows, and {@link PngImageData}'s filter and deflate of
 * thumbflow's PNG output, in C ({@code src/main/c/png_rows.c}, bundled as {@value #FILE_NAME} for
 * Linux x86_64 and aarch64). Local mode and Lambda run Java with C1 only, under which these loops
 * were about two thirds of a PNG's decode after zlib: the 13 corpus PNGs five times over at 50x50
 * took 5.49 CPU s instead of 6.80 (medians of 8 runs). zlib-ng's inflate in place of the JDK's zlib
 * then took them from 5.06 to 4.73 (5 alternating runs). Same arithmetic, so the same pixels;
 * {@link Unfilter} and the Java sums stay the fallback on other platforms, when the library does
 * not load, or with {@code -D}{@value #PROPERTY}{@code =false}.
 */
final class NativePngRows {
  static final String FILE_NAME = "libthumbflow_png.so";

  /** System property: {@code false} keeps the Java loops. */
  static final String PROPERTY = "thumbflow.png.native";

  /** What the native functions return. */
  static final int OK = 0;

  static final int UNKNOWN_FILTER = 1;
  static final int BAD_ARGUMENTS = 2;
  static final int OUT_OF_MEMORY = 3;

  /** {@link #nextRow}: the stream needs more compressed data ({@link #feed}) to end the row. */
  static final int NEEDS_INPUT = 4;

  /** {@link #nextRow}: the compressed data is not valid zlib. */
  static final int BAD_DATA = 5;

  /** {@link #nextRow}: the zlib stream ended before the row did. */
  static final int DATA_ENDS = 6;

  /** Bumped with any change to the native functions' signatures or meaning. */
  private static final int ABI_VERSION = 5;

  private static final boolean LOADED =
      NativePlatform.loadBundled(FILE_NAME, PROPERTY, NativePngRows::abiVersion, ABI_VERSION);

  private NativePngRows() {}

  /** Whether the native loops are linked and to be used. */
  static boolean loaded() {
    return LOADED;
  }

  /**
   * Adds the 8-bit RGB ({@code channels} 3) or RGBA (4) row {@code cur[1..]} of {@code width} px to
   * per-output-column sums, {@code factorX} px per column (fewer in the last); {@code alpha} is
   * only written for RGBA.
   *
   * @return {@link #OK}, {@link #BAD_ARGUMENTS} (an array too short for {@code width}, {@code
   *     factorX < 1}, other channel counts) or {@link #OUT_OF_MEMORY}; nothing is touched but on
   *     {@link #OK}
   */
  static native int accumulate(
      byte[] cur,
      int width,
      int channels,
      int factorX,
      int[] alpha,
      int[] red,
      int[] green,
      int[] blue);

  /**
   * Packs the 8-bit RGB ({@code channels} 3, opaque) or RGBA (4) row {@code cur[1..]} of {@code
   * width} px into {@code out[offset..]} as {@code 0xAARRGGBB}, what the sums give at factor 1.
   *
   * @return {@link #OK}, {@link #BAD_ARGUMENTS} (an array too short, other channel counts) or
   *     {@link #OUT_OF_MEMORY}; nothing is touched but on {@link #OK}
   */
  static native int pack(byte[] cur, int width, int channels, int[] out, int offset);

  /**
   * Opens a stream that inflates a PNG's image data with zlib-ng and unfilters it row by row, in
   * native memory of two rows, the zlib window and 64 KiB of input, freed by {@link #closeStream}.
   *
   * @param n bytes per row without the filter byte, >= 1
   * @param bpp bytes per complete pixel (at least 1), as {@link Unfilter#row} takes it
   * @return the stream's handle, or 0 for bad arguments or no native memory
   */
  static native long openStream(int n, int bpp);

  /**
   * Gives the stream up to 64 KiB of {@code png[offset .. offset + length)}, once it has used what
   * it was given before.
   *
   * @return the bytes taken (0 while earlier input remains), or {@code -}{@link #BAD_ARGUMENTS} for
   *     a null handle or a slice outside {@code png}
   */
  static native int feed(long stream, byte[] png, int offset, int length);

  /**
   * Inflates and unfilters the next row into {@code cur[0..n]}, the filter type at 0.
   *
   * @return {@link #OK}; {@link #NEEDS_INPUT} (what was inflated of the row is kept: {@link #feed}
   *     and call again); {@link #UNKNOWN_FILTER} (only {@code cur[0]} is written, the filter type);
   *     {@link #BAD_DATA}, {@link #DATA_ENDS}, or {@link #BAD_ARGUMENTS} ({@code cur} shorter than
   *     {@code n + 1}, a null handle); {@code cur} is untouched but on {@link #OK}
   */
  static native int nextRow(long stream, byte[] cur);

  /** Frees the stream; a handle of 0 is ignored. The handle must not be used again. */
  static native void closeStream(long stream);

  /** {@link #closeStream}, for a handle that may be 0 when the library is not loaded. */
  static void closeStreamIfOpen(long stream) {
    if (stream != 0) {
      closeStream(stream);
    }
  }

  /**
   * The zlib stream of a PNG's image data: each row of {@code argb} ({@code width x height}, packed
   * {@code 0xAARRGGBB}) as 8-bit RGB, or RGBA when {@code alpha}, Paeth-filtered (type 4, the row
   * above all zero for the first) and deflated by zlib-ng at {@code level}.
   *
   * @return the stream, or null for arguments out of range or no native or Java memory
   */
  static native byte[] deflateImage(int[] argb, int width, int height, boolean alpha, int level);

  private static native int abiVersion();
}
