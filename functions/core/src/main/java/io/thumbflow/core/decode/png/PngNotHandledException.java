package io.thumbflow.core.decode.png;

/**
 * Signals that {@link ReducingPngDecoder} did not decode a PNG (a layout it does not take, damaged
 * data, or an interrupted thread), so the caller should decode it another way; no partial image is
 * ever returned.
 */
public final class PngNotHandledException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * @param reason a plain sentence saying why, not null
   */
  public PngNotHandledException(String reason) {
    super(reason, null, false, false); // no stack trace: this is a routine fallback signal
  }

  /**
   * @param reason a plain sentence saying why, not null
   * @param cause the failure behind it, or null
   */
  public PngNotHandledException(String reason, Throwable cause) {
    super(reason, cause, false, true);
  }
}
