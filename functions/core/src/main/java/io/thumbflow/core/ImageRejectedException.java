package io.thumbflow.core;

import java.util.Objects;

/**
 * An image that thumbflow refuses, with a typed reason. Its message is one line naming the source
 * (a very long name shortened, see {@link ImageError#shortName}) and the reason, e.g. {@code
 * "photos/a.jpg: truncated: JPEG data ends at byte 10000 of 2725x2225 image"}.
 */
public class ImageRejectedException extends Exception {
  private final ErrorType type;
  private final String source;
  private final String reason;

  public ImageRejectedException(ErrorType type, String source, String reason) {
    this(type, source, reason, null);
  }

  public ImageRejectedException(ErrorType type, String source, String reason, Throwable cause) {
    super(ImageError.shortName(source) + ": " + reason, cause);
    this.type = Objects.requireNonNull(type, "type");
    this.source = Objects.requireNonNull(source, "source");
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public ErrorType type() {
    return type;
  }

  /** The source as the user gave it (path, manifest entry or S3 key). */
  public String source() {
    return source;
  }

  /** The reason alone, without the source. */
  public String reason() {
    return reason;
  }
}
