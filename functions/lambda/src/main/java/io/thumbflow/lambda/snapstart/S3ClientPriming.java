package io.thumbflow.lambda.snapstart;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * SnapStart priming of the S3 client: before the snapshot, a HeadObject and a GetObject of a key
 * that need not exist load the SDK's request pipeline (endpoint rules, signing, HTTP client, XML
 * error parsing), which is most of a cold first invocation's S3 time. Every outcome is ignored;
 * priming never fails a checkpoint. Pooled connections from before the snapshot are stale after
 * restore; the SDK retries a broken connection.
 */
public final class S3ClientPriming {
  private final S3Client s3;
  private final String bucket;
  private final String key;

  /**
   * @param key a key the function may read (its IAM policy allows HeadObject there); usually absent
   */
  public S3ClientPriming(S3Client s3, String bucket, String key) {
    this.s3 = s3;
    this.bucket = bucket;
    this.key = key;
  }

  /**
   * Makes one HeadObject and one GetObject call (the two request shapes of a thumbnail's read
   * path); returns true when S3 answered both (found or not found), false on any fault.
   */
  public boolean prime() {
    try {
      s3.headObject(b -> b.bucket(bucket).key(key));
    } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
      // expected: the key usually does not exist
    } catch (RuntimeException e) {
      return false;
    }
    try {
      s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
      return true;
    } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
      return true;
    } catch (RuntimeException e) {
      // SdkClientException (network, credentials) and anything else: priming is best effort.
      return false;
    }
  }
}
