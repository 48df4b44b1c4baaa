package io.thumbflow.core;

import java.io.IOException;

/** Where one source image comes from (a file, an S3 object). Read once, whole, into memory. */
public interface ImageSource {
  /** The source as the user named it: relative path, manifest entry or S3 key. Used in messages. */
  String name();

  /**
   * Reads the whole source.
   *
   * @param maxBytes refuse (as {@link ErrorType#ReadFailed}) a source larger than this
   * @throws ImageRejectedException when the source is missing or over the cap (a per-image failure)
   * @throws IOException on an infrastructure fault that a retry may cure
   */
  byte[] read(long maxBytes) throws ImageRejectedException, IOException;
}
