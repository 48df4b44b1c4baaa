package io.thumbflow.core.decode;

import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.ImageRejectedException;
import java.io.EOFException;
import java.util.Locale;

/** Turns a decoder's exception into a typed, one-line rejection. */
final class DecodeFailure {
  private DecodeFailure() {}

  static ImageRejectedException classify(Throwable error, ImageFormat format, String source) {
    String fmt = HeaderProbe.name(format);
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ImageRejectedException r) {
        return r;
      }
      if (t instanceof DeadlineImageInputStream.DeadlineExceededException) {
        return new ImageRejectedException(
            ErrorType.Timeout,
            source,
            "timeout: decoding the " + fmt + " took longer than the per-image deadline",
            error);
      }
    }
    for (Throwable t = error; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (m.contains("compression") && (m.contains("unknown") || m.contains("unsupported"))) {
        return new ImageRejectedException(
            ErrorType.UnsupportedFormat,
            source,
            "unsupported format: " + fmt + " with an unsupported compression (" + detail(t) + ")",
            error);
      }
      if (t instanceof EOFException
          || m.contains("unexpected end")
          || m.contains("premature end")
          || m.contains("truncated")
          || m.contains("end of stream")
          || m.contains("end of file")) {
        return new ImageRejectedException(
            ErrorType.Truncated,
            source,
            "truncated: " + fmt + " data ends before the image does",
            error);
      }
    }
    return new ImageRejectedException(
        ErrorType.Corrupt,
        source,
        "corrupt: " + fmt + " data cannot be decoded (" + detail(error) + ")",
        error);
  }

  /** The innermost useful message, on one line. */
  private static String detail(Throwable error) {
    Throwable t = error;
    String message = null;
    while (t != null) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
      if (t.getCause() == null || t.getCause() == t) {
        break;
      }
      t = t.getCause();
    }
    if (message == null) {
      message = t.getClass().getSimpleName();
    }
    message = message.replaceAll("\\s+", " ").trim();
    return message.length() > 160 ? message.substring(0, 157) + "..." : message;
  }
}
