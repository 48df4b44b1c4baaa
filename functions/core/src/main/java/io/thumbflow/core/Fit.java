package io.thumbflow.core;

import java.util.Locale;
import java.util.Optional;

/** How a rendition fills its box; the names are those of CSS {@code object-fit} and sharp. */
public enum Fit {
  /**
   * The whole image inside the box, aspect ratio kept, never enlarged: Pillow's {@code
   * thumbnail()}, the original program's behaviour.
   */
  CONTAIN,
  /**
   * The box filled exactly by a centred crop, never enlarged: a source too small to fill the box is
   * cropped to the box's aspect ratio at its own scale instead.
   */
  COVER;

  /** The lower-case name used on command lines and in configuration. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code contain} or {@code cover} (any case). */
  public static Optional<Fit> parse(String text) {
    if (text == null) return Optional.empty();
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "contain" -> Optional.of(CONTAIN);
      case "cover" -> Optional.of(COVER);
      default -> Optional.empty();
    };
  }
}
