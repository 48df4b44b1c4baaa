package io.thumbflow.core;

/** Why one image failed: a stable type and a one-line message naming the source and the reason. */
public record ImageError(String type, String message) {
  public static ImageError of(ImageRejectedException e) {
    return new ImageError(e.type().name(), e.getMessage());
  }
}
