package io.thumbflow.core;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The outcome for one source image: the same record in the local report, the Lambda result and the
 * aggregated cloud report.
 *
 * @param source the source as given (path relative to the input, manifest entry, or S3 key); null
 *     only for a failure the cloud engine could not tie to a source (reported as such, never
 *     resubmitted)
 * @param status {@code ok}, {@code failed}, {@code skipped} (every output was already up to date)
 *     or {@code ignored} (not an image to process: a folder marker, a link, a sidecar document; see
 *     reason)
 * @param sourceFormat the sniffed source format name, e.g. {@code JPEG}; null when unknown
 * @param sourceWidth upright source width (px); 0 when unknown
 * @param sourceHeight upright source height (px); 0 when unknown
 * @param renditions one per rendition, in recipe order; empty when failed
 * @param placeholder BlurHash and dominant colour, or null when not asked for (or failed)
 * @param timingsMs time per stage (ms); blur, resize, encode and write are the renditions' sums
 * @param error the reason, for failures only
 * @param worker which worker processed it (thread name locally, request id in Lambda)
 * @param startMs when processing began (epoch ms)
 * @param endMs when it ended (epoch ms)
 * @param cpuMs CPU time spent on it (ms); 0 when unknown
 * @param requests storage requests made for it (S3 in Lambda); null locally
 * @param invocation the Lambda invocation that made it, or null locally
 * @param reason why an {@code ignored} item was not processed; null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageResult(
    String source,
    String status,
    String sourceFormat,
    int sourceWidth,
    int sourceHeight,
    List<RenditionResult> renditions,
    Placeholder placeholder,
    StageTimings timingsMs,
    ImageError error,
    String worker,
    long startMs,
    long endMs,
    double cpuMs,
    RequestCounts requests,
    Invocation invocation,
    String reason) {

  public static final String OK = "ok";
  public static final String FAILED = "failed";
  public static final String SKIPPED = "skipped";
  public static final String IGNORED = "ignored";

  public ImageResult {
    renditions = renditions == null ? List.of() : List.copyOf(renditions);
  }

  public static ImageResult failed(
      String source,
      ImageError error,
      StageTimings timings,
      String worker,
      long startMs,
      long endMs) {
    return new ImageResult(
        source, FAILED, null, 0, 0, List.of(), null, timings, error, worker, startMs, endMs, 0,
        null, null, null);
  }

  /** An entry that is not an image to process, with the reason, e.g. "folder marker". */
  public static ImageResult ignored(String source, String reason) {
    return new ImageResult(
        source, IGNORED, null, 0, 0, List.of(), null, null, null, null, 0, 0, 0, null, null,
        reason);
  }

  @JsonIgnore
  public boolean isOk() {
    return OK.equals(status);
  }

  @JsonIgnore
  public boolean isFailed() {
    return FAILED.equals(status);
  }

  @JsonIgnore
  public boolean isSkipped() {
    return SKIPPED.equals(status);
  }

  @JsonIgnore
  public boolean isIgnored() {
    return IGNORED.equals(status);
  }

  /** The first rendition, or null when there is none (a failure). */
  @JsonIgnore
  public RenditionResult primary() {
    return renditions.isEmpty() ? null : renditions.get(0);
  }

  /** Where the first rendition went, or null. */
  @JsonIgnore
  public String output() {
    return renditions.isEmpty() ? null : renditions.get(0).output();
  }

  /** The first rendition's width (px), 0 when there is none. */
  @JsonIgnore
  public int width() {
    return renditions.isEmpty() ? 0 : renditions.get(0).width();
  }

  /** The first rendition's height (px), 0 when there is none. */
  @JsonIgnore
  public int height() {
    return renditions.isEmpty() ? 0 : renditions.get(0).height();
  }

  /** The first rendition's format name, or null. */
  @JsonIgnore
  public String format() {
    return renditions.isEmpty() ? null : renditions.get(0).format();
  }

  public ImageResult withWorker(String name) {
    return new ImageResult(
        source,
        status,
        sourceFormat,
        sourceWidth,
        sourceHeight,
        renditions,
        placeholder,
        timingsMs,
        error,
        name,
        startMs,
        endMs,
        cpuMs,
        requests,
        invocation,
        reason);
  }

  public ImageResult withTimes(String workerName, long start, long end) {
    return new ImageResult(
        source,
        status,
        sourceFormat,
        sourceWidth,
        sourceHeight,
        renditions,
        placeholder,
        timingsMs,
        error,
        workerName,
        start,
        end,
        cpuMs,
        requests,
        invocation,
        reason);
  }

  public ImageResult withTimings(StageTimings timings) {
    return new ImageResult(
        source,
        status,
        sourceFormat,
        sourceWidth,
        sourceHeight,
        renditions,
        placeholder,
        timings,
        error,
        worker,
        startMs,
        endMs,
        cpuMs,
        requests,
        invocation,
        reason);
  }

  public ImageResult withRenditions(List<RenditionResult> list) {
    return new ImageResult(
        source,
        status,
        sourceFormat,
        sourceWidth,
        sourceHeight,
        list,
        placeholder,
        timingsMs,
        error,
        worker,
        startMs,
        endMs,
        cpuMs,
        requests,
        invocation,
        reason);
  }

  public ImageResult withError(ImageError e) {
    return new ImageResult(
        source,
        status,
        sourceFormat,
        sourceWidth,
        sourceHeight,
        renditions,
        placeholder,
        timingsMs,
        e,
        worker,
        startMs,
        endMs,
        cpuMs,
        requests,
        invocation,
        reason);
  }

  public ImageResult withCpuMs(double ms) {
    return new ImageResult(
        source,
        status,
        sourceFormat,
        sourceWidth,
        sourceHeight,
        renditions,
        placeholder,
        timingsMs,
        error,
        worker,
        startMs,
        endMs,
        ms,
        requests,
        invocation,
        reason);
  }

  public ImageResult withRequests(RequestCounts counts) {
    return new ImageResult(
        source,
        status,
        sourceFormat,
        sourceWidth,
        sourceHeight,
        renditions,
        placeholder,
        timingsMs,
        error,
        worker,
        startMs,
        endMs,
        cpuMs,
        counts,
        invocation,
        reason);
  }

  public ImageResult withInvocation(Invocation inv) {
    return new ImageResult(
        source,
        status,
        sourceFormat,
        sourceWidth,
        sourceHeight,
        renditions,
        placeholder,
        timingsMs,
        error,
        worker,
        startMs,
        endMs,
        cpuMs,
        requests,
        inv,
        reason);
  }
}
