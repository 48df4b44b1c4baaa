package io.thumbflow.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One rendition of one source, as reported.
 *
 * @param name the rendition's name
 * @param output where it is (a path, or {@code s3://bucket/key}); null in a Lambda's answer, where
 *     the aggregate step fills it in (see {@link OutputNames#forRendition}) to keep Step Functions
 *     payloads small
 * @param width width (px)
 * @param height height (px)
 * @param format format name, e.g. {@code JPEG}
 * @param bytes encoded size (bytes); 0 when not known (a skipped output)
 * @param timingsMs blur, resize, encode and write times (ms); zeros when skipped
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RenditionResult(
    String name,
    String output,
    int width,
    int height,
    String format,
    long bytes,
    RenditionTimings timingsMs) {

  public RenditionResult withOutput(String location) {
    return new RenditionResult(name, location, width, height, format, bytes, timingsMs);
  }
}
