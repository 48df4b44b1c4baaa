package io.thumbflow.core;

/**
 * One encoded rendition of a source.
 *
 * @param rendition what it was made for
 * @param bytes the encoded file
 * @param format its format
 * @param width width (px)
 * @param height height (px)
 * @param timings blur, resize and encode times of this rendition (write is filled in by the
 *     pipeline)
 */
public record Thumbnail(
    Rendition rendition,
    byte[] bytes,
    ImageFormat format,
    int width,
    int height,
    RenditionTimings timings) {}
