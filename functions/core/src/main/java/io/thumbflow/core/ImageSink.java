package io.thumbflow.core;

import java.io.IOException;

/** Where a finished thumbnail goes (a folder, a thumbs bucket). */
public interface ImageSink {
  /**
   * Writes the thumbnail made from {@code sourceName}.
   *
   * @return where it was written, as the report shows it (a path or {@code s3://bucket/key})
   * @throws IOException on an infrastructure fault that a retry may cure
   */
  String write(String sourceName, Thumbnail thumbnail) throws IOException;
}
