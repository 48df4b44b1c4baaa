package io.thumbflow.orchestrator.cloud;

/**
 * An {@code s3://bucket/key} reference; for a prefix the key may be empty or end with {@code /}.
 *
 * @param bucket the bucket name, never empty
 * @param key the object key or prefix, never null (may be empty)
 */
public record S3Uri(String bucket, String key) {
  public S3Uri {
    if (bucket == null || bucket.isEmpty()) {
      throw new IllegalArgumentException("an S3 URI needs a bucket");
    }
    key = key == null ? "" : key;
  }

  /**
   * Parses {@code s3://bucket/key}.
   *
   * @throws IllegalArgumentException with a one-line reason when the text is not such a URI
   */
  public static S3Uri parse(String text) {
    if (text == null || !text.startsWith("s3://")) {
      throw new IllegalArgumentException("expected s3://bucket/key, was '" + text + "'");
    }
    String rest = text.substring("s3://".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    if (bucket.isEmpty()) {
      throw new IllegalArgumentException(
          "expected s3://bucket/key, the bucket is missing in '" + text + "'");
    }
    return new S3Uri(bucket, slash < 0 ? "" : rest.substring(slash + 1));
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + key;
  }
}
