package io.thumbflow.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The outcome for one source image: the same record in the local report, the Lambda result and the
 * aggregated cloud report.
 *
 * @param source the source as given (path relative to the input, manifest entry, or S3 key)
 * @param status {@code ok}, {@code failed} or {@code skipped} (an up-to-date thumbnail already existed)
 * @param output where the thumbnail was written (path or {@code s3://bucket/key}); null when failed
 * @param width thumbnail width (px); 0 when failed
 * @param height thumbnail height (px); 0 when failed
 * @param format thumbnail format name (e.g. {@code JPEG}); null when failed
 * @param sourceWidth upright source width (px); 0 when unknown
 * @param sourceHeight upright source height (px); 0 when unknown
 * @param timingsMs time per stage (ms)
 * @param error the reason, for failures only
 * @param worker which worker processed it (thread name locally, request id in Lambda)
 * @param startMs when processing began (epoch ms)
 * @param endMs when it ended (epoch ms)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageResult(
    String source,
    String status,
    String output,
    int width,
    int height,
    String format,
    int sourceWidth,
    int sourceHeight,
    StageTimings timingsMs,
    ImageError error,
    String worker,
    long startMs,
    long endMs) {

  public static final String OK = "ok";
  public static final String FAILED = "failed";
  public static final String SKIPPED = "skipped";

  public static ImageResult failed(
      String source, ImageError error, StageTimings timings, String worker, long startMs, long endMs) {
    return new ImageResult(source, FAILED, null, 0, 0, null, 0, 0, timings, error, worker, startMs, endMs);
  }

  public boolean isOk() {
    return OK.equals(status);
  }

  public boolean isFailed() {
    return FAILED.equals(status);
  }

  public ImageResult withWorker(String name) {
    return new ImageResult(source, status, output, width, height, format, sourceWidth, sourceHeight,
        timingsMs, error, name, startMs, endMs);
  }
}
