package io.thumbflow.core;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * How S3 writes object keys into event notifications; shared by the Lambda and local mode, which
 * both read S3 events.
 */
public final class S3Keys {
  private S3Keys() {}

  /**
   * The key of an S3 event notification record: URL-encoded with {@code +} for a space (form
   * encoding), so {@code my+photo%2B1.jpg} is the key {@code my photo+1.jpg}.
   *
   * @throws IllegalArgumentException when the text is not valid URL encoding
   */
  public static String decodeNotificationKey(String encoded) {
    return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
  }
}
