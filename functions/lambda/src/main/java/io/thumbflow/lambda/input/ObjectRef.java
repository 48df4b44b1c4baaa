package io.thumbflow.lambda.input;

import io.thumbflow.core.ImageError;

/**
 * One source object named by an invocation, as given (not yet validated).
 *
 * @param bucket the bucket, or null when the event named none and no default applies
 * @param key the object key, decoded (S3 notification keys arrive URL-encoded); null or empty when
 *     absent
 * @param etag the ETag the event carried, without quotes, or null when the event carried none
 */
public record ObjectRef(String bucket, String key, String etag) {
  /**
   * {@code s3://bucket/key} for messages, a very long key shortened (see {@link
   * ImageError#shortName}).
   */
  public String uri() {
    return "s3://" + bucket + "/" + ImageError.shortName(key);
  }

  /**
   * True for a "folder" marker: a key ending in {@code /}, which the S3 console and some tools
   * create and {@code listObjectsV2} returns. Not an image, not a failure.
   */
  public boolean isFolderMarker() {
    return key != null && key.endsWith("/");
  }

  /** An ETag as S3 prints it in headers and listings ({@code "abc"}) reduced to its bare value. */
  public static String bareEtag(String etag) {
    if (etag == null) {
      return null;
    }
    String e = etag.trim();
    if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
      e = e.substring(1, e.length() - 1);
    }
    return e.isEmpty() ? null : e;
  }
}
