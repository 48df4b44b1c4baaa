package io.thumbflow.core.decode.heif;

/**
 * What a HEIF/AVIF file's primary image declares, read from its boxes without decoding any pixels.
 *
 * @param declaredWidth coded width from the 'ispe' property (px), before irot/imir/clap
 * @param declaredHeight coded height (px)
 * @param width width as displayed, after the transformations libheif applies when decoding (px)
 * @param height height as displayed (px)
 * @param frames top-level images in the file (2 for a stereo pair, more for a burst); at least 1
 * @param alpha true when the primary image has an alpha auxiliary image
 * @param bitDepth luma bits per sample (8, 10, 12)
 * @param icc the ICC profile ('prof'/'rICC' colour box), or null; callers apply it (sRGB
 *     conversion)
 * @param nclx the nclx colour box, or null when there is none (the bitstream's own description is
 *     then used)
 */
public record HeifInfo(
    int declaredWidth,
    int declaredHeight,
    int width,
    int height,
    int frames,
    boolean alpha,
    int bitDepth,
    byte[] icc,
    Nclx nclx) {

  /**
   * The larger of the declared and the displayed pixel counts: what a decode allocates at least.
   */
  public long pixels() {
    return Math.max((long) declaredWidth * declaredHeight, (long) width * height);
  }
}
