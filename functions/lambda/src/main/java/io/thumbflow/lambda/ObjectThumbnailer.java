package io.thumbflow.lambda;

import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageError;
import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.ImageResult;
import io.thumbflow.core.Placeholder;
import io.thumbflow.core.Recipe;
import io.thumbflow.core.Rendition;
import io.thumbflow.core.RenditionResult;
import io.thumbflow.core.RenditionTimings;
import io.thumbflow.core.RequestCounts;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Makes every rendition of one S3 object: validate, skip when every output is up to date, else
 * {@link ThumbnailPipeline#process} from an {@link S3ImageSource} to an {@link S3ImageSink}. Bad
 * input and bad images come back as failed results; S3 faults are thrown as {@link
 * S3FaultException}.
 *
 * <p>Results leave out each rendition's {@code output}: it follows from the bucket, prefix, layout,
 * key and format (see {@link S3ImageSink#keyFor}), the aggregate step fills it in, and without it a
 * hundred results of 1,024-byte keys stay well inside Step Functions' 256 KiB state limit.
 */
public final class ObjectThumbnailer {
  private final S3Client s3;
  private final ThumbnailConfig config;
  private final ThumbnailPipeline pipeline;
  private final SourceKeyPolicy policy;

  public ObjectThumbnailer(S3Client s3, ThumbnailConfig config, ThumbnailPipeline pipeline) {
    this.s3 = s3;
    this.config = config;
    this.pipeline = pipeline;
    this.policy = new SourceKeyPolicy(config);
  }

  public ThumbnailConfig config() {
    return config;
  }

  /**
   * Processes one object.
   *
   * @param worker recorded as {@link ImageResult#worker()} (the Lambda request id)
   * @throws IOException on an S3 fault a retry may cure
   */
  public ImageResult process(ObjectRef ref, String worker) throws IOException {
    long startMs = System.currentTimeMillis();
    if (ref.isFolderMarker()) {
      return ImageResult.ignored(ref.key(), "folder marker (the key ends in '/'): not an image");
    }
    String name = ref.key() == null || ref.key().isEmpty() ? null : ref.key();
    Optional<SourceKeyPolicy.Refusal> refusal = policy.refusal(ref);
    if (refusal.isPresent()) {
      return failed(
          name,
          refusal.get().type(),
          refusal.get().reason(),
          0,
          worker,
          startMs,
          RequestCounts.NONE);
    }
    int heads = 0;
    long t0 = System.nanoTime();
    String etag = ref.etag();
    if (etag == null) {
      heads++;
      Optional<HeadObjectResponse> head = head(ref.bucket(), ref.key(), false);
      if (head.isEmpty()) {
        return failed(
            name,
            ErrorType.ReadFailed,
            "no such object " + ref.uri(),
            ms(t0),
            worker,
            startMs,
            new RequestCounts(0, heads, 0));
      }
      etag = ObjectRef.bareEtag(head.get().eTag());
    }
    UpToDate upToDate = upToDate(ref.key(), etag);
    heads += upToDate.heads;
    if (upToDate.renditions != null) {
      return new ImageResult(
          name,
          ImageResult.SKIPPED,
          upToDate.sourceFormat,
          upToDate.sourceWidth,
          upToDate.sourceHeight,
          upToDate.renditions,
          upToDate.placeholder,
          StageTimings.ZERO.withRead(ms(t0)),
          null,
          worker,
          startMs,
          System.currentTimeMillis(),
          0,
          new RequestCounts(0, heads, 0),
          null,
          null);
    }
    double headMs = ms(t0);
    S3ImageSource source = new S3ImageSource(s3, ref);
    String knownEtag = etag;
    S3ImageSink sink =
        new S3ImageSink(
            s3,
            config.thumbsBucket(),
            config.outputPrefix(),
            config.recipe().layout(),
            () -> source.etag() != null ? source.etag() : knownEtag);
    ImageResult r = pipeline.process(source, sink);
    StageTimings t = r.timingsMs() == null ? StageTimings.ZERO : r.timingsMs();
    List<RenditionResult> compact = r.renditions().stream().map(x -> x.withOutput(null)).toList();
    return r.withRenditions(compact)
        .withTimings(t.withRead(t.read() + headMs))
        .withTimes(worker, startMs, r.endMs() > 0 ? r.endMs() : System.currentTimeMillis())
        .withRequests(new RequestCounts(source.gets(), heads, sink.puts()));
  }

  /**
   * What the up-to-date check found: the renditions when every one matched, and the HEADs it took.
   */
  private record UpToDate(
      List<RenditionResult> renditions,
      int heads,
      String sourceFormat,
      int sourceWidth,
      int sourceHeight,
      Placeholder placeholder) {}

  /**
   * Every rendition's output when each exists and records this source ETag and that rendition's
   * hash; the check stops at the first that does not. Outputs whose key cannot be known before
   * decoding (the format follows a source whose extension names no writable format) are never up to
   * date.
   */
  private UpToDate upToDate(String key, String etag) throws S3FaultException {
    Recipe recipe = config.recipe();
    List<RenditionResult> found = new ArrayList<>();
    ThumbnailMetadata last = null;
    int heads = 0;
    for (Rendition rendition : recipe.renditions()) {
      ImageFormat format = predictedFormat(rendition, key);
      if (format == null) return new UpToDate(null, heads, null, 0, 0, null);
      String outputKey =
          S3ImageSink.keyFor(config.outputPrefix(), recipe.layout(), rendition.name(), key, format);
      heads++;
      Optional<HeadObjectResponse> existing = head(config.thumbsBucket(), outputKey, true);
      if (existing.isEmpty()) return new UpToDate(null, heads, null, 0, 0, null);
      ThumbnailMetadata m = ThumbnailMetadata.fromS3(existing.get().metadata());
      if (!m.matches(etag, rendition.hash()) || (recipe.placeholder() && m.placeholder() == null)) {
        return new UpToDate(null, heads, null, 0, 0, null);
      }
      found.add(
          new RenditionResult(
              rendition.name(), null, m.width(), m.height(), m.format(), 0, RenditionTimings.ZERO));
      last = m;
    }
    return new UpToDate(
        found,
        heads,
        last.sourceFormat(),
        last.sourceWidth(),
        last.sourceHeight(),
        recipe.placeholder() ? last.placeholder() : null);
  }

  /**
   * The format a rendition of {@code key} will have, when it can be known before reading the
   * source: the rendition fixes it, or the key's extension names a format that is always kept
   * (JPEG, PNG). Null otherwise.
   */
  static ImageFormat predictedFormat(Rendition rendition, String key) {
    if (rendition.format() != null) return rendition.format();
    int dot = key.lastIndexOf('.');
    int slash = key.lastIndexOf('/');
    if (dot <= slash + 1) return null;
    return ImageFormat.parse(key.substring(dot + 1))
        .filter(ImageFormat::alwaysWritable)
        .orElse(null);
  }

  /**
   * HeadObject; empty when the object does not exist. Without s3:ListBucket, S3 answers 403 instead
   * of 404 for a missing key: {@code forbiddenMeansAbsent} accepts that for the thumbs bucket (a
   * real permission problem then shows at PutObject); for sources a 403 is a fault.
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
      throw new S3FaultException(
          "S3 HeadObject s3://"
              + bucket
              + "/"
              + ImageError.shortName(key)
              + " failed: "
              + e.getMessage(),
          e);
    } catch (SdkException e) {
      throw new S3FaultException(
          "S3 HeadObject s3://"
              + bucket
              + "/"
              + ImageError.shortName(key)
              + " failed: "
              + e.getMessage(),
          e);
    }
  }

  private static ImageResult failed(
      String name,
      ErrorType type,
      String reason,
      double readMs,
      String worker,
      long startMs,
      RequestCounts requests) {
    String shown = name == null ? "(no key)" : ImageError.shortName(name);
    return ImageResult.failed(
            name,
            new ImageError(type.name(), shown + ": " + reason),
            StageTimings.ZERO.withRead(readMs),
            worker,
            startMs,
            System.currentTimeMillis())
        .withRequests(requests);
  }

  private static double ms(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }
}
