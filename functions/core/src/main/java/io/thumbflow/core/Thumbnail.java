package io.thumbflow.core;

/**
 * An encoded thumbnail.
 *
 * @param bytes the encoded file
 * @param format its format
 * @param width width (px)
 * @param height height (px)
 * @param sourceWidth the source's upright width (px), after EXIF orientation
 * @param sourceHeight the source's upright height (px)
 * @param sourceFormat the sniffed source format
 * @param timings decode, blur, resize and encode times (read and write are filled in by the pipeline)
 */
public record Thumbnail(
    byte[] bytes,
    ImageFormat format,
    int width,
    int height,
    int sourceWidth,
    int sourceHeight,
    ImageFormat sourceFormat,
    StageTimings timings) {}
