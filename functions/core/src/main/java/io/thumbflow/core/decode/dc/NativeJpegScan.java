package io.thumbflow.core.decode.dc;

import io.thumbflow.core.decode.NativePlatform;

/**
 * The JPEG scan loops in C ({@code src/main/c/jpeg_scan.c}, bundled as {@value #FILE_NAME} for
 * Linux x86_64 and aarch64): {@link EntropyCodedData#end} (with {@code memchr}, where the Java loop
 * looks at every byte of the file, twice for a progressive one: once in the header probe, once in
 * {@link ProgressiveDcDecoder}) and {@link ProgressiveDcDecoder}'s DC scan loops. The same steps,
 * so the same results; the Java code stays the fallback on other platforms, when the library does
 * not load, when a call returns {@link #BAD_ARGUMENTS} or {@link #OUT_OF_MEMORY}, or with {@code
 * -D}{@value #PROPERTY}{@code =false}.
 */
final class NativeJpegScan {
  static final String FILE_NAME = "libthumbflow_jpeg.so";

  /** System property: {@code false} keeps the Java loops. */
  static final String PROPERTY = "thumbflow.jpeg.native";

  /** The scan's data is damaged or inconsistent: the decoder declines the file. */
  static final int DECLINED = -1;

  static final int BAD_ARGUMENTS = -2;
  static final int OUT_OF_MEMORY = -3;

  /** Ints per component in {@link #decodeDcScan}'s geometry: h, v, stride, blocks wide, high. */
  static final int GEOMETRY_INTS = 5;

  /** Bumped with any change to the native functions' signatures or meaning. */
  private static final int ABI_VERSION = 1;

  private static final boolean LOADED =
      NativePlatform.loadBundled(FILE_NAME, PROPERTY, NativeJpegScan::abiVersion, ABI_VERSION);

  private NativeJpegScan() {}

  /** Whether the native loops are linked and to be used. */
  static boolean loaded() {
    return LOADED;
  }

  /**
   * {@link EntropyCodedData#end}: the first marker at or after {@code from}, {@code data.length}
   * when none, or {@link #BAD_ARGUMENTS}.
   */
  static native int entropyEnd(byte[] data, int from);

  /**
   * One DC scan of {@code count} components, as {@link ProgressiveDcDecoder}'s Java loops decode
   * it, into {@code dc0..dc3} (null past {@code count}): {@link #GEOMETRY_INTS} per component in
   * {@code geometry}, one {@link DcHuffmanTable#packInto packed} table per component in {@code
   * tables} (ignored by a refinement scan).
   *
   * @return where the byte data not yet read starts, {@link #DECLINED}, {@link #BAD_ARGUMENTS}
   *     (arrays that do not hold what the geometry addresses; nothing written) or {@link
   *     #OUT_OF_MEMORY} (nothing written)
   */
  static native int decodeDcScan(
      byte[] data,
      int start,
      int count,
      short[] dc0,
      short[] dc1,
      short[] dc2,
      short[] dc3,
      int[] geometry,
      int[] tables,
      int mcusWide,
      int mcusHigh,
      int restartInterval,
      boolean refine,
      int shift);

  private static native int abiVersion();
}
