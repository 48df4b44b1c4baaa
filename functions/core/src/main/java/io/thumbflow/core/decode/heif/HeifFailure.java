package io.thumbflow.core.decode.heif;

import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageRejectedException;

/**
 * Turns a libheif error (heif.h: {@code enum heif_error_code} and {@code heif_suberror_code}) into
 * a typed rejection.
 */
final class HeifFailure {
  static final int INVALID_INPUT = 2;
  static final int UNSUPPORTED_FILETYPE = 3;
  static final int UNSUPPORTED_FEATURE = 4;
  static final int MEMORY_ALLOCATION = 6;
  static final int PLUGIN_LOADING = 11;
  static final int SUB_END_OF_DATA = 100;
  static final int SUB_SECURITY_LIMIT = 1000;

  private HeifFailure() {}

  static ImageRejectedException reject(
      int code, int subcode, String message, String format, String source) {
    String detail = " (libheif: " + oneLine(message) + ")";
    if (subcode == SUB_SECURITY_LIMIT || code == MEMORY_ALLOCATION) {
      return new ImageRejectedException(
          ErrorType.TooManyPixels,
          source,
          "too many pixels: libheif refused to allocate the " + format + detail);
    }
    if (subcode == SUB_END_OF_DATA) {
      return new ImageRejectedException(
          ErrorType.Truncated,
          source,
          "truncated: " + format + " data ends before the image does" + detail);
    }
    return switch (code) {
      case UNSUPPORTED_FILETYPE, UNSUPPORTED_FEATURE, PLUGIN_LOADING ->
          new ImageRejectedException(
              ErrorType.UnsupportedFormat,
              source,
              "unsupported format: " + format + " that libheif cannot decode" + detail);
      default ->
          new ImageRejectedException(
              ErrorType.Corrupt, source, "corrupt: " + format + " data cannot be decoded" + detail);
    };
  }

  private static String oneLine(String message) {
    String m =
        message == null || message.isBlank()
            ? "no message"
            : message.replaceAll("\\s+", " ").strip();
    return m.length() > 160 ? m.substring(0, 157) + "..." : m;
  }
}
