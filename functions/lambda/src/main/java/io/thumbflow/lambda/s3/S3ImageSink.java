package io.thumbflow.lambda.s3;

import io.thumbflow.core.ImageSink;
import io.thumbflow.core.OutputNames;
import io.thumbflow.core.Thumbnail;
import java.io.IOException;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Writes thumbnails to the thumbs bucket under {@code outputPrefix + OutputNames.forSource(key, format)},
 * with a real {@code Content-Type} header and {@link ThumbnailMetadata}. Encryption is the bucket's
 * default; no ACL is sent. Any S3 error is an {@link S3FaultException}.
 */
public final class S3ImageSink implements ImageSink {
  private final S3Client s3;
  private final String bucket;
  private final String outputPrefix;
  private final String recipeHash;
  private final Supplier<String> sourceEtag;

  /**
   * @param sourceEtag the ETag of the source bytes, asked for at write time (after the source was read)
   */
  public S3ImageSink(
      S3Client s3, String bucket, String outputPrefix, String recipeHash, Supplier<String> sourceEtag) {
    this.s3 = s3;
    this.bucket = bucket;
    this.outputPrefix = outputPrefix;
    this.recipeHash = recipeHash;
    this.sourceEtag = sourceEtag;
  }

  /** The thumbnail key for a source key and an output format. */
  public String keyFor(String sourceKey, io.thumbflow.core.ImageFormat format) {
    return outputPrefix + OutputNames.forSource(sourceKey, format);
  }

  @Override
  public String write(String sourceName, Thumbnail thumbnail) throws IOException {
    String key = keyFor(sourceName, thumbnail.format());
    ThumbnailMetadata metadata = ThumbnailMetadata.of(sourceEtag.get(), recipeHash, thumbnail);
    try {
      s3.putObject(b -> b.bucket(bucket).key(key)
              .contentType(thumbnail.format().mimeType())
              .metadata(metadata.toS3()),
          RequestBody.fromBytes(thumbnail.bytes()));
    } catch (SdkException e) {
      throw new S3FaultException("S3 PutObject s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
    }
    return "s3://" + bucket + "/" + key;
  }
}
