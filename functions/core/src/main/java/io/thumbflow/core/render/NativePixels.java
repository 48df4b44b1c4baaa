package io.thumbflow.core.render;

import io.thumbflow.core.decode.NativePlatform;

/**
 * The render loops in C ({@code src/main/c/pixels.c}, bundled as {@value #FILE_NAME} for Linux
 * x86_64 and aarch64): {@link GaussianBlur}'s box passes, {@link BoxReduce#reduce} and {@link
 * Resampler}'s two passes. Local mode and Lambda run Java with C1 only, under which these loops
 * were about half the CPU time of a 1024 px thumbnail. Over the corpus, alternating runs, median
 * CPU s: 256x256 4.65 -> 4.26, 1024x1024 16.43 -> 13.71 (against C2 for the Java loops), 50 + 256 +
 * 1024 px renditions 18.48 -> 14.96; warm, 2560x1600: blur 190 -> 91 ms, resample to 1024 px 95 ->
 * 46 ms. Same integer arithmetic, so the same pixels; the Java loops stay the fallback on other
 * platforms, when the library does not load, when a call returns anything but {@link #OK}, or with
 * {@code -D}{@value #PROPERTY}{@code =false}.
 */
final class NativePixels {
  static final String FILE_NAME = "libthumbflow_pixels.so";

  /** System property: {@code false} keeps the Java loops. */
  static final String PROPERTY = "thumbflow.pixels.native";

  /** What the native functions return; nothing is written but on {@link #OK}. */
  static final int OK = 0;

  static final int BAD_ARGUMENTS = 2;
  static final int OUT_OF_MEMORY = 3;

  /** Bumped with any change to the native functions' signatures or meaning. */
  private static final int ABI_VERSION = 3;

  private static final boolean LOADED =
      NativePlatform.loadBundled(FILE_NAME, PROPERTY, NativePixels::abiVersion, ABI_VERSION);

  private NativePixels() {}

  /** Whether the native loops are linked and to be used. */
  static boolean loaded() {
    return LOADED;
  }

  /**
   * {@link GaussianBlur#blur} in place: three box passes along x with {@code radiusX}, {@code
   * innerX}, {@code edgeX} (whole radius and 24-bit fixed-point weights, as {@link
   * GaussianBlur.Box}), then three along y; a negative radius skips that axis. {@code portable}
   * runs the passes every CPU of the platform runs, not the AVX2 ones an x86_64 CPU may have (the
   * same pixels: the tests compare both).
   *
   * @return {@link #OK}, {@link #BAD_ARGUMENTS} (sizes the array does not hold, weights summing
   *     above 2^24) or {@link #OUT_OF_MEMORY}
   */
  static native int blur(
      int[] pixels,
      int width,
      int height,
      int radiusX,
      int innerX,
      int edgeX,
      int radiusY,
      int innerY,
      int edgeY,
      boolean alpha,
      boolean portable);

  /**
   * {@link BoxReduce#reduce} into {@code out}, which holds at least the reduced size, and, unless
   * {@code coarse} is null, in the same pass by {@code factorX * thenX x factorY * thenY} into
   * {@code coarse} ({@link BoxReduce#reduceTwice}).
   *
   * @return {@link #OK}, {@link #BAD_ARGUMENTS} or {@link #OUT_OF_MEMORY}
   */
  static native int reduce(
      int[] pixels,
      int width,
      int height,
      int factorX,
      int factorY,
      boolean alpha,
      int[] out,
      int thenX,
      int thenY,
      int[] coarse);

  /**
   * {@link Resampler}'s passes from {@code in} ({@code inW x inH}) into {@code out} ({@code outW x
   * outH}), through each axis's taps: output {@code i} reads {@code bounds[2i+1]} pixels from
   * {@code bounds[2i]} with the weights from {@code weights[i * kernel]}.
   *
   * @return {@link #OK}, {@link #BAD_ARGUMENTS} (a tap outside the image, arrays too short) or
   *     {@link #OUT_OF_MEMORY}
   */
  static native int resample(
      int[] in,
      int inW,
      int inH,
      boolean alpha,
      int[] out,
      int outW,
      int outH,
      int[] xBounds,
      int[] xWeights,
      int xKernel,
      int[] yBounds,
      int[] yWeights,
      int yKernel);

  private static native int abiVersion();
}
