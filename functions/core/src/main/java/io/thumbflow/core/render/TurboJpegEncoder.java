package io.thumbflow.core.render;

import io.thumbflow.core.decode.turbo.TurboJpegDecoder;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;
import org.libjpegturbo.turbojpeg.TJCompressor;
import org.libjpegturbo.turbojpeg.TJException;

/**
 * JPEG output through libjpeg-turbo's compressor, on the library the JPEG decoder loaded, at the
 * settings of ImageIO's writer as {@link Encoder} uses it (quality 75, 4:2:0, the accurate integer
 * DCT, standard Huffman tables): its JPEGs decode to exactly the same pixels as ImageIO's (the
 * JDK's libjpeg 6b), written 5-6x faster (libjpeg-turbo's SIMD colour conversion and DCT): over the
 * 69 corpus photos' 1024x1024 thumbnails under C1, 154-331 ms in all against 930-1672 ms.
 */
final class TurboJpegEncoder {
  // TJPF_BGRX (little-endian) / TJPF_XRGB (big-endian): the byte order of 0x00RRGGBB ints.
  private static final int PIXEL_FORMAT =
      ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? 3 : 5;
  private static final int SUBSAMPLING_420 = 2;
  // TJFLAG_ACCURATEDCT: the TurboJPEG API otherwise picks the fast integer DCT, which Pillow and
  // ImageIO do not use (its output was 1.4 dB further from the original program's at 50x50).
  private static final int FLAGS = 4096;
  // libjpeg-turbo's tjBufSize for 4:2:0: 16x16 MCUs of 1.5 samples per pixel, at most 2x that,
  // plus room for the headers. The JNI wrapper refuses a smaller destination.
  private static final int HEADER_ROOM = 2048;

  private static final Optional<TurboJpegEncoder> LOADED = link();

  private final int quality;

  private TurboJpegEncoder(int quality) {
    this.quality = quality;
  }

  /**
   * The encoder, when libjpeg-turbo loaded for decoding (see {@link TurboJpegDecoder#load()}) and
   * its compressor links; empty otherwise, and {@link Encoder} writes with ImageIO.
   */
  static Optional<TurboJpegEncoder> load() {
    return LOADED;
  }

  private static Optional<TurboJpegEncoder> link() {
    if (TurboJpegDecoder.load().isEmpty()) return Optional.empty();
    try {
      TurboJpegEncoder encoder = new TurboJpegEncoder(Math.round(Encoder.JPEG_QUALITY * 100));
      return encoder.encode(new int[16 * 16], 16, 16).length > 0
          ? Optional.of(encoder)
          : Optional.empty();
    } catch (LinkageError | TJException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Encodes {@code width x height} packed {@code 0x..RRGGBB} pixels (row-major, the top byte
   * ignored).
   */
  byte[] encode(int[] rgb, int width, int height) throws TJException {
    long worstCase = (long) pad16(width) * pad16(height) * 3 + HEADER_ROOM;
    if (worstCase > Integer.MAX_VALUE - 8) {
      throw new TJException("image too large to encode as one JPEG: " + width + "x" + height);
    }
    byte[] out = new byte[(int) worstCase];
    try (TJCompressor tj = new TJCompressor()) {
      int length =
          tj.compress(
              rgb, width, width, height, PIXEL_FORMAT, out, SUBSAMPLING_420, quality, FLAGS);
      return Arrays.copyOf(out, length);
    }
  }

  private static long pad16(int n) {
    return (n + 15L) & ~15L;
  }
}
