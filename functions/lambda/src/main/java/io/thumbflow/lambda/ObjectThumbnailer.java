package io.thumbflow.lambda;

import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageError;
import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.ImageResult;
import io.thumbflow.core.StageTimings;
import io.thumbflow.core.ThumbnailPipeline;
import io.thumbflow.lambda.config.ThumbnailConfig;
import io.thumbflow.lambda.input.ObjectRef;
import io.thumbflow.lambda.input.SourceKeyPolicy;
import io.thumbflow.lambda.s3.S3FaultException;
import io.thumbflow.lambda.s3.S3ImageSink;
import io.thumbflow.lambda.s3.S3ImageSource;
import io.thumbflow.lambda.s3.ThumbnailMetadata;
import java.io.IOException;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Makes the thumbnail of one S3 object: validate, skip when an up-to-date thumbnail exists, else
 * {@link ThumbnailPipeline#process} from an {@link S3ImageSource} to an {@link S3ImageSink}. Bad input
 * and bad images come back as failed results; S3 faults are thrown as {@link S3FaultException}.
 */
public final class ObjectThumbnailer {
  private final S3Client s3;
  private final ThumbnailConfig config;
  private final ThumbnailPipeline pipeline;
  private final SourceKeyPolicy policy;
  private final String recipeHash;

  public ObjectThumbnailer(S3Client s3, ThumbnailConfig config, ThumbnailPipeline pipeline) {
    this.s3 = s3;
    this.config = config;
    this.pipeline = pipeline;
    this.policy = new SourceKeyPolicy(config);
    this.recipeHash = config.recipe().hash();
  }

  /**
   * Processes one object.
   *
   * @param worker recorded as {@link ImageResult#worker()} (the Lambda request id)
   * @throws IOException on an S3 fault a retry may cure
   */
  public ImageResult process(ObjectRef ref, String worker) throws IOException {
    long startMs = System.currentTimeMillis();
    String name = ref.key() == null || ref.key().isEmpty() ? "(no key)" : ref.key();
    Optional<String> refusal = policy.refusal(ref);
    if (refusal.isPresent()) {
      return failed(name, refusal.get(), 0, worker, startMs);
    }
    long t0 = System.nanoTime();
    String etag = ref.etag();
    if (etag == null) {
      Optional<HeadObjectResponse> head = head(ref.bucket(), ref.key(), false);
      if (head.isEmpty()) {
        return failed(name, "no such object " + ref.uri(), ms(t0), worker, startMs);
      }
      etag = ObjectRef.bareEtag(head.get().eTag());
    }
    String predictedKey = predictedThumbnailKey(ref.key());
    if (predictedKey != null) {
      Optional<HeadObjectResponse> existing = head(config.thumbsBucket(), predictedKey, true);
      if (existing.isPresent()) {
        ThumbnailMetadata m = ThumbnailMetadata.fromS3(existing.get().metadata());
        if (m.matches(etag, recipeHash)) {
          return new ImageResult(name, ImageResult.SKIPPED, "s3://" + config.thumbsBucket() + "/" + predictedKey,
              m.width(), m.height(), m.format(), m.sourceWidth(), m.sourceHeight(),
              StageTimings.ZERO.withRead(ms(t0)), null, worker, startMs, System.currentTimeMillis());
        }
      }
    }
    double headMs = ms(t0);
    S3ImageSource source = new S3ImageSource(s3, ref);
    String knownEtag = etag;
    S3ImageSink sink = new S3ImageSink(s3, config.thumbsBucket(), config.outputPrefix(), recipeHash,
        () -> source.etag() != null ? source.etag() : knownEtag);
    ImageResult r = pipeline.process(source, sink);
    StageTimings t = r.timingsMs() == null ? StageTimings.ZERO : r.timingsMs();
    return new ImageResult(r.source(), r.status(), r.output(), r.width(), r.height(), r.format(),
        r.sourceWidth(), r.sourceHeight(), t.withRead(t.read() + headMs), r.error(), worker, startMs,
        r.endMs() > 0 ? r.endMs() : System.currentTimeMillis());
  }

  /**
   * The thumbnail key when it can be known before reading the source: the recipe fixes the format, or the
   * key's extension names a format that is always writable. Null otherwise (no skip check then).
   */
  String predictedThumbnailKey(String key) {
    ImageFormat format = config.recipe().format();
    if (format == null) {
      int dot = key.lastIndexOf('.');
      int slash = key.lastIndexOf('/');
      if (dot <= slash + 1) {
        return null;
      }
      format = ImageFormat.parse(key.substring(dot + 1)).filter(ImageFormat::alwaysWritable).orElse(null);
      if (format == null) {
        return null;
      }
    }
    return new S3ImageSink(s3, config.thumbsBucket(), config.outputPrefix(), recipeHash, () -> null)
        .keyFor(key, format);
  }

  /**
   * HeadObject; empty when the object does not exist. Without s3:ListBucket, S3 answers 403 instead of 404
   * for a missing key: {@code forbiddenMeansAbsent} accepts that for the thumbs bucket (a real permission
   * problem then shows at PutObject); for sources a 403 is a fault.
   */
  private Optional<HeadObjectResponse> head(String bucket, String key, boolean forbiddenMeansAbsent)
      throws S3FaultException {
    try {
      return Optional.of(s3.headObject(b -> b.bucket(bucket).key(key)));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404 || (forbiddenMeansAbsent && e.statusCode() == 403)) {
        return Optional.empty();
      }
      throw new S3FaultException("S3 HeadObject s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
    } catch (SdkException e) {
      throw new S3FaultException("S3 HeadObject s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
    }
  }

  private static ImageResult failed(String name, String reason, double readMs, String worker, long startMs) {
    return ImageResult.failed(name, new ImageError(ErrorType.ReadFailed.name(), name + ": " + reason),
        StageTimings.ZERO.withRead(readMs), worker, startMs, System.currentTimeMillis());
  }

  private static double ms(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }
}
