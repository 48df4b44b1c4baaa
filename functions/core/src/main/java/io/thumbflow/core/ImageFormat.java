package io.thumbflow.core;

import java.util.Locale;
import java.util.Optional;

/**
 * An image container format, as sniffed from magic bytes (never from a file name or Content-Type).
 */
public enum ImageFormat {
  JPEG("image/jpeg", "jpg", true),
  PNG("image/png", "png", true),
  WEBP("image/webp", "webp", false),
  GIF("image/gif", "gif", false),
  BMP("image/bmp", "bmp", false),
  TIFF("image/tiff", "tif", false),
  HEIC("image/heic", "heic", false),
  AVIF("image/avif", "avif", false),
  JPEG2000("image/jp2", "jp2", false),
  SVG("image/svg+xml", "svg", false),
  PSD("image/vnd.adobe.photoshop", "psd", false),
  ICO("image/x-icon", "ico", false),
  PNM("image/x-portable-anymap", "pnm", false),
  TGA("image/x-tga", "tga", false),
  EXR("image/x-exr", "exr", false),
  PCX("image/x-pcx", "pcx", false),
  QOI("image/qoi", "qoi", false);

  private final String mimeType;
  private final String extension;
  private final boolean alwaysWritable;

  ImageFormat(String mimeType, String extension, boolean alwaysWritable) {
    this.mimeType = mimeType;
    this.extension = extension;
    this.alwaysWritable = alwaysWritable;
  }

  /** The IANA media type, used as the S3 object's Content-Type. */
  public String mimeType() {
    return mimeType;
  }

  /** The usual file extension, without the dot. */
  public String extension() {
    return extension;
  }

  /**
   * True for formats every installation can encode (JPEG, PNG); others depend on an ImageIO writer.
   */
  public boolean alwaysWritable() {
    return alwaysWritable;
  }

  /** Parses a user-facing name such as {@code jpeg}, {@code jpg}, {@code png} or {@code webp}. */
  public static Optional<ImageFormat> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (ImageFormat f : values()) {
      if (f.name().toLowerCase(Locale.ROOT).equals(n) || f.extension.equals(n)) {
        return Optional.of(f);
      }
    }
    return switch (n) {
      case "jpe" -> Optional.of(JPEG);
      case "tiff" -> Optional.of(TIFF);
      default -> Optional.empty();
    };
  }
}
