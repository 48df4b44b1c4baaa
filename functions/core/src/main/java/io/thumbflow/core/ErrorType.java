package io.thumbflow.core;

/**
 * The stable set of reasons an image is refused. The names are a contract: they appear as {@code
 * error.type} in the local report, in Lambda item results and in the state machine's Catch.
 */
public enum ErrorType {
  /** The bytes are a known image format that thumbflow does not decode (HEIC, AVIF, SVG, ...). */
  UnsupportedFormat,
  /** Declared width x height exceeds the pixel cap; refused before any raster is allocated. */
  TooManyPixels,
  /** The file ends before the image data does. */
  Truncated,
  /**
   * The data is an image format but malformed (bad header, bad compressed stream, bad CRC, ...).
   */
  Corrupt,
  /** Decoding or processing did not finish within the per-image deadline. */
  Timeout,
  /** The bytes are not an image at all (empty, text, HTML, PDF, archive, ...). */
  NotAnImage,
  /** The source could not be read (missing file or object, permission, input over the byte cap). */
  ReadFailed,
  /** The thumbnail could not be written. */
  WriteFailed
}
