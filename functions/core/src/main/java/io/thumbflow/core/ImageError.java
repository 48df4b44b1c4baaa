package io.thumbflow.core;

/** Why one image failed: a stable type and a one-line message naming the source and the reason. */
public record ImageError(String type, String message) {
  /**
   * Longest source name a message shows whole (characters); the full name is always the result's
   * source.
   */
  static final int MAX_SHOWN = 160;

  /**
   * {@code source} as a message shows it: whole up to {@value #MAX_SHOWN} characters, else its
   * start and its end (where the file name is) around an ellipsis. S3 keys reach 1,024 bytes, and
   * messages travel in Step Functions state, where every byte counts against its 256 KiB limit.
   */
  public static String shortName(String source) {
    if (source == null || source.length() <= MAX_SHOWN) return source;
    return source.substring(0, 50)
        + "\u2026"
        + source.substring(source.length() - (MAX_SHOWN - 51));
  }

  public static ImageError of(ImageRejectedException e) {
    return new ImageError(e.type().name(), e.getMessage());
  }
}
