package io.thumbflow.core.decode.turbo;

import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * Optional native fast path for JPEG: libjpeg-turbo's DCT-domain scaled decode (shrink-on-load).
 * PLACEHOLDER: not yet available; {@link #load()} returns empty and callers use the pure-Java path.
 */
public final class TurboJpegDecoder {
  private TurboJpegDecoder() {}

  /** The decoder, when the native library could be loaded on this platform. */
  public static Optional<TurboJpegDecoder> load() {
    return Optional.empty();
  }

  /**
   * Decodes a YCbCr or greyscale JPEG at the smallest libjpeg-turbo scaling factor whose output is at
   * least {@code minWidth x minHeight} (stored orientation), as {@code TYPE_INT_RGB}.
   *
   * @throws TurboJpegException when the data is corrupt or truncated (see {@link TurboJpegException#truncated()})
   */
  public BufferedImage decode(byte[] jpeg, int minWidth, int minHeight) throws TurboJpegException {
    throw new TurboJpegException("libjpeg-turbo is not available", false);
  }
}
