package io.thumbflow.core.decode.turbo;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.libjpegturbo.turbojpeg.TJDecompressor;
import org.libjpegturbo.turbojpeg.TJException;

/**
 * Optional native fast path for JPEG: libjpeg-turbo's DCT-domain scaled decode (shrink-on-load)
 * through the JNI functions built into libturbojpeg.so.0 (see {@link TurboJpegLibrary} for where it
 * is looked for). Thread-safe: each decode uses its own native handle. Callers fall back to the
 * pure-Java path when {@link #load()} is empty or {@link #decode} throws a non-truncation {@link
 * TurboJpegException}.
 */
public final class TurboJpegDecoder {
  /**
   * TJPF_BGRX (little-endian) / TJPF_XRGB (big-endian): the byte order of TYPE_INT_RGB's {@code
   * 0x00RRGGBB} ints, for decoding into them and encoding from them.
   */
  public static final int PACKED_RGB_PIXEL_FORMAT =
      ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? 3 : 5;

  // TJFLAG_STOPONWARNING: fail on truncated/corrupt data instead of returning a grey-padded image.
  private static final int FLAGS = 8192;
  private static final int COLORSPACE_CMYK = 3;
  private static final int COLORSPACE_YCCK = 4;

  // A 16x16 red JPEG: decoding it at load time proves that every native method we use links.
  private static final byte[] PROBE =
      Base64.getDecoder()
          .decode(
              "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1R"
                  + "V19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2Nj"
                  + "Y2NjY2NjY2NjY2NjY2NjY2P/wAARCAAQABADASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAX/xAAUEAEAAAAA"
                  + "AAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABAb/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEA"
                  + "PwCOACqH/9k=");

  private static final Map<Path, Optional<TurboJpegDecoder>> LOADED = new ConcurrentHashMap<>();

  private final Path library;

  private TurboJpegDecoder(Path library) {
    this.library = library;
  }

  /**
   * The decoder, when libturbojpeg.so.0 was found and links on this platform; empty otherwise
   * (never throws). The library is loaded once per JVM and path.
   */
  public static Optional<TurboJpegDecoder> load() {
    try {
      return firstThatLinks(TurboJpegLibrary.fromSystem().locate());
    } catch (RuntimeException e) { // e.g. an unparsable path in the property
      return Optional.empty();
    }
  }

  /**
   * The decoder of the first library in {@code candidates} that links; later ones are not touched.
   */
  static Optional<TurboJpegDecoder> firstThatLinks(Stream<Path> candidates) {
    return candidates.map(TurboJpegDecoder::loadFrom).flatMap(Optional::stream).findFirst();
  }

  static Optional<TurboJpegDecoder> loadFrom(Path library) {
    return LOADED.computeIfAbsent(library.toAbsolutePath(), TurboJpegDecoder::link);
  }

  private static Optional<TurboJpegDecoder> link(Path library) {
    try {
      System.load(library.toString());
      TurboJpegDecoder decoder = new TurboJpegDecoder(library);
      BufferedImage probe = decoder.decode(PROBE, 2, 2);
      return probe.getWidth() == 2 ? Optional.of(decoder) : Optional.empty();
    } catch (LinkageError | TurboJpegException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The shared library this decoder is bound to. */
  public Path library() {
    return library;
  }

  /**
   * Decodes a YCbCr or greyscale JPEG at the smallest libjpeg-turbo scaling factor (1/8, 2/8 ..
   * 8/8) whose output is at least {@code minWidth x minHeight} px (stored orientation, no EXIF
   * rotation), or at full size when the image is smaller than that, as {@code TYPE_INT_RGB}.
   *
   * @throws TurboJpegException when the data is corrupt or truncated (see {@link
   *     TurboJpegException#truncated()}), or is CMYK/YCCK (not handled here: it needs the
   *     colour-managed path)
   */
  public BufferedImage decode(byte[] jpeg, int minWidth, int minHeight) throws TurboJpegException {
    try (TJDecompressor tj = new TJDecompressor()) {
      tj.readHeader(jpeg, jpeg.length);
      int colorspace = tj.getColorspace();
      if (colorspace == COLORSPACE_CMYK || colorspace == COLORSPACE_YCCK) {
        throw new TurboJpegException(
            "CMYK/YCCK JPEG is not decoded by the libjpeg-turbo path", false);
      }
      ScalingFactor factor =
          ScalingFactor.smallestCovering(
              tj.getWidth(), tj.getHeight(), Math.max(1, minWidth), Math.max(1, minHeight));
      int width = factor.scale(tj.getWidth());
      int height = factor.scale(tj.getHeight());
      BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
      int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
      // Asking for exactly the scaled size makes libjpeg-turbo pick this factor.
      tj.decompress(
          jpeg, jpeg.length, pixels, width, width, height, PACKED_RGB_PIXEL_FORMAT, FLAGS);
      return image;
    } catch (TJException e) {
      String message = String.valueOf(e.getMessage());
      boolean truncated =
          e.getErrorCode() == TJException.ERR_WARNING || message.contains("Premature end");
      throw new TurboJpegException(message, truncated, e);
    } catch (IllegalArgumentException e) {
      throw new TurboJpegException(
          "libjpeg-turbo refused the request: " + e.getMessage(), false, e);
    } catch (LinkageError e) {
      throw new TurboJpegException("libjpeg-turbo is not usable: " + e, false);
    }
  }

  @Override
  public String toString() {
    return "TurboJpegDecoder[" + library + "]";
  }
}
