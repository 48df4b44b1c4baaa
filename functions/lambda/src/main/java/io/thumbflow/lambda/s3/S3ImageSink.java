package io.thumbflow.lambda.s3;

import io.thumbflow.core.ImageError;
import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.ImageSink;
import io.thumbflow.core.OutputNames;
import io.thumbflow.core.Recipe;
import io.thumbflow.core.Rendered;
import io.thumbflow.core.Thumbnail;
import java.io.IOException;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Writes renditions to the thumbs bucket under {@code outputPrefix +
 * OutputNames.forRendition(...)}, with a real {@code Content-Type} header and {@link
 * ThumbnailMetadata}. Encryption is the bucket's default; no ACL is sent. Any S3 error is an {@link
 * S3WriteFaultException}. Counts the PUTs it makes.
 */
public final class S3ImageSink implements ImageSink {
  private final S3Client s3;
  private final String bucket;
  private final String outputPrefix;
  private final Recipe.Layout layout;
  private final Supplier<String> sourceEtag;
  private int puts;

  /**
   * @param sourceEtag the ETag of the source bytes, asked for at write time (after the source was
   *     read)
   */
  public S3ImageSink(
      S3Client s3,
      String bucket,
      String outputPrefix,
      Recipe.Layout layout,
      Supplier<String> sourceEtag) {
    this.s3 = s3;
    this.bucket = bucket;
    this.outputPrefix = outputPrefix;
    this.layout = layout;
    this.sourceEtag = sourceEtag;
  }

  /** The key of one rendition of a source key in an output format. */
  public static String keyFor(
      String outputPrefix,
      Recipe.Layout layout,
      String renditionName,
      String sourceKey,
      ImageFormat format) {
    return outputPrefix + OutputNames.forRendition(layout, renditionName, sourceKey, format);
  }

  @Override
  public String write(String sourceName, Thumbnail thumbnail, Rendered source) throws IOException {
    String key =
        keyFor(outputPrefix, layout, thumbnail.rendition().name(), sourceName, thumbnail.format());
    ThumbnailMetadata metadata = ThumbnailMetadata.of(sourceEtag.get(), thumbnail, source);
    puts++;
    try {
      s3.putObject(
          b ->
              b.bucket(bucket)
                  .key(key)
                  .contentType(thumbnail.format().mimeType())
                  .metadata(metadata.toS3()),
          RequestBody.fromBytes(thumbnail.bytes()));
    } catch (SdkException e) {
      throw new S3WriteFaultException(
          "S3 PutObject s3://"
              + bucket
              + "/"
              + ImageError.shortName(key)
              + " failed: "
              + e.getMessage(),
          e);
    }
    return "s3://" + bucket + "/" + key;
  }

  /** PUT requests made so far. */
  public int puts() {
    return puts;
  }
}
