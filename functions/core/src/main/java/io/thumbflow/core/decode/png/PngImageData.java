package io.thumbflow.core.decode.png;

import java.util.Optional;

/**
 * The image data of thumbflow's PNG output, compressed in C by the PNG library's zlib-ng (see
 * {@link NativePngRows}), for the encoder in {@code io.thumbflow.core.render}.
 */
public final class PngImageData {
  private PngImageData() {}

  /**
   * {@code argb}'s rows Paeth-filtered and deflated by zlib-ng at {@code level}, as one zlib stream
   * for an IDAT chunk; empty when the library is not loaded or refuses (no memory), so the caller
   * compresses another way.
   */
  public static Optional<byte[]> paethDeflated(
      int[] argb, int width, int height, boolean alpha, int level) {
    if (!NativePngRows.loaded()) {
      return Optional.empty();
    }
    return Optional.ofNullable(NativePngRows.deflateImage(argb, width, height, alpha, level));
  }
}
