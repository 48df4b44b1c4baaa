package io.thumbflow.core;

import java.io.IOException;

/** Where finished renditions go (a folder, a thumbs bucket). */
public interface ImageSink {
  /**
   * Writes one rendition made from {@code sourceName}.
   *
   * @param thumbnail the rendition, encoded
   * @param source everything made from the source (its size, format and placeholder, for metadata)
   * @return where it was written, as the report shows it (a path or {@code s3://bucket/key})
   * @throws IOException on an infrastructure fault that a retry may cure
   */
  String write(String sourceName, Thumbnail thumbnail, Rendered source) throws IOException;
}
