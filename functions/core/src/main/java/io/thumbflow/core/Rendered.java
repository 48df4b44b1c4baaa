package io.thumbflow.core;

import java.util.List;

/**
 * Everything made from one source by one decode: its renditions, in recipe order, and its
 * placeholder.
 *
 * @param sourceFormat the sniffed source format
 * @param sourceWidth the source's upright width (px), after EXIF orientation
 * @param sourceHeight the source's upright height (px)
 * @param thumbnails one per rendition made, in recipe order
 * @param placeholder the BlurHash and dominant colour, or null when the recipe asks for none
 * @param decodeMs time spent decoding (ms), once for all renditions
 * @param cpuMs CPU time the render took on its thread (ms), 0 when the JVM cannot measure it
 */
public record Rendered(
    ImageFormat sourceFormat,
    int sourceWidth,
    int sourceHeight,
    List<Thumbnail> thumbnails,
    Placeholder placeholder,
    double decodeMs,
    double cpuMs) {

  public Rendered {
    thumbnails = List.copyOf(thumbnails);
  }

  public Rendered withCpuMs(double ms) {
    return new Rendered(
        sourceFormat, sourceWidth, sourceHeight, thumbnails, placeholder, decodeMs, ms);
  }

  /** The first rendition's thumbnail. */
  public Thumbnail primary() {
    return thumbnails.get(0);
  }
}
