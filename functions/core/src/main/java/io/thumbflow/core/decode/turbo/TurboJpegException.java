package io.thumbflow.core.decode.turbo;

/**
 * libjpeg-turbo refused or could not finish a JPEG; the message is libjpeg-turbo's own, never null.
 */
public class TurboJpegException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean truncated;

  public TurboJpegException(String message, boolean truncated) {
    super(message);
    this.truncated = truncated;
  }

  public TurboJpegException(String message, boolean truncated, Throwable cause) {
    super(message, cause);
    this.truncated = truncated;
  }

  /**
   * True when libjpeg-turbo stopped on a data warning: the data ended early ("Premature end of JPEG
   * file") or is corrupt mid-stream. The decoder stops instead of padding the image with grey.
   */
  public boolean truncated() {
    return truncated;
  }
}
