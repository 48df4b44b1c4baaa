package io.thumbflow.core.decode.turbo;

/** libjpeg-turbo refused or could not finish a JPEG. */
public class TurboJpegException extends Exception {
  private final boolean truncated;

  public TurboJpegException(String message, boolean truncated) {
    super(message);
    this.truncated = truncated;
  }

  /** True when the data ended early (libjpeg's "Premature end of JPEG file"). */
  public boolean truncated() {
    return truncated;
  }
}
