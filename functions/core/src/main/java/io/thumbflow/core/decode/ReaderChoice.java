package io.thumbflow.core.decode;

import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.ImageRejectedException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;

/**
 * Picks the ImageIO reader for a sniffed format: TwelveMonkeys where it has one (CMYK and ICC-aware JPEG,
 * OS/2 BMP, TIFF, WebP), the JDK's otherwise. The choice is explicit so that plugin registration order
 * never changes how an image decodes.
 */
final class ReaderChoice {
  static {
    ImageIO.setUseCache(false);
  }

  private ReaderChoice() {}

  static ImageReader reader(ImageFormat format, String source) throws ImageRejectedException {
    String name = switch (format) {
      case JPEG -> "jpeg";
      case PNG -> "png";
      case GIF -> "gif";
      case BMP -> "bmp";
      case TIFF -> "tiff";
      case WEBP -> "webp";
      default -> throw new ImageRejectedException(ErrorType.UnsupportedFormat, source,
          "unsupported format: " + HeaderProbe.name(format));
    };
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
      throw new ImageRejectedException(ErrorType.UnsupportedFormat, source,
          "unsupported format: " + HeaderProbe.name(format) + " (no decoder installed)");
    }
    return fallback;
  }
}
