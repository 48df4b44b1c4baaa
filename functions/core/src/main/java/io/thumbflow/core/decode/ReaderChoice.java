package io.thumbflow.core.decode;

import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.ImageRejectedException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;

/**
 * Picks the ImageIO reader for a sniffed format: TwelveMonkeys where it has one (CMYK and ICC-aware
 * JPEG, OS/2 BMP, TIFF, WebP, PSD, ICO/CUR, PNM, TGA), the JDK's otherwise. The choice is explicit
 * so that plugin registration order never changes how an image decodes.
 */
final class ReaderChoice {
  static {
    ImageIO.setUseCache(false);
  }

  private ReaderChoice() {}

  /** The ImageIO format name of the reader for {@code format}, or null when thumbflow has none. */
  static String readerName(ImageFormat format) {
    return switch (format) {
      case JPEG -> "jpeg";
      case PNG -> "png";
      case GIF -> "gif";
      case BMP -> "bmp";
      case TIFF -> "tiff";
      case WEBP -> "webp";
      case PSD -> "psd";
      case ICO -> "ico";
      case PNM -> "pnm";
      case TGA -> "tga";
      default -> null;
    };
  }

  /**
   * True when the format's reader fills only {@code floor(width / n)} columns of a subsampled row
   * and leaves the last column of the {@code ceil(width / n)} it returns empty (black, or
   * transparent): TwelveMonkeys 3.12's BMP, PNM and TGA readers, measured in {@code
   * ImageDecoderTest}. The caller then reads a source region a whole number of subsampling steps
   * wide.
   */
  static boolean leavesLastSubsampledColumnEmpty(ImageFormat format) {
    return format == ImageFormat.BMP || format == ImageFormat.PNM || format == ImageFormat.TGA;
  }

  static ImageReader reader(ImageFormat format, String source) throws ImageRejectedException {
    String name = readerName(format);
    if (name == null) {
      throw new ImageRejectedException(
          ErrorType.UnsupportedFormat, source, "unsupported format: " + HeaderProbe.name(format));
    }
    return reader(name, format, source);
  }

  /**
   * The reader registered under the ImageIO format {@code name}, TwelveMonkeys' where it has one.
   */
  static ImageReader reader(String name, ImageFormat format, String source)
      throws ImageRejectedException {
    ImageReader fallback = null;
    for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(name); it.hasNext(); ) {
      ImageReader r = it.next();
      if (r.getClass().getName().startsWith("com.twelvemonkeys.")) {
        if (fallback != null) {
          fallback.dispose();
        }
        return r;
      }
      if (fallback == null) {
        fallback = r;
      } else {
        r.dispose();
      }
    }
    if (fallback == null) {
      throw new ImageRejectedException(
          ErrorType.UnsupportedFormat,
          source,
          "unsupported format: " + HeaderProbe.name(format) + " (no decoder installed)");
    }
    return fallback;
  }
}
