package io.thumbflow.core.decode;

import io.thumbflow.core.ImageFormat;

/**
 * What the first bytes of a file say it is.
 *
 * @param kind whether thumbflow decodes it, knows it to refuse, or it is not an image at all
 * @param name human name of the format or content ("JPEG", "HEIC", "PDF document"); never null
 * @param format the matching {@link ImageFormat}, or null when the enum has none (ICNS, DICOM,
 *     text, ...)
 */
public record SniffedFormat(Kind kind, String name, ImageFormat format) {
  /** How thumbflow treats a sniffed format. */
  public enum Kind {
    /**
     * A format thumbflow decodes (JPEG, PNG, GIF, BMP, WebP, TIFF, PSD, ICO/CUR, PNM, TGA; HEIC and
     * AVIF where libheif loads).
     */
    DECODABLE,
    /** A format whose signature is present but damaged. */
    DAMAGED,
    /** An image format that thumbflow recognises and refuses. */
    UNSUPPORTED,
    /** Recognised content that is not an image (document, archive, text, empty). */
    NOT_AN_IMAGE,
    /** Nothing recognisable. */
    UNKNOWN
  }

  static SniffedFormat decodable(ImageFormat format, String name) {
    return new SniffedFormat(Kind.DECODABLE, name, format);
  }

  static SniffedFormat damaged(ImageFormat format, String name) {
    return new SniffedFormat(Kind.DAMAGED, name, format);
  }

  static SniffedFormat unsupported(String name, ImageFormat format) {
    return new SniffedFormat(Kind.UNSUPPORTED, name, format);
  }

  static SniffedFormat notAnImage(String what) {
    return new SniffedFormat(Kind.NOT_AN_IMAGE, what, null);
  }
}
