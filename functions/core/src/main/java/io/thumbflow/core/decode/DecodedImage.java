package io.thumbflow.core.decode;

import java.awt.image.BufferedImage;

/**
 * A decoded, upright, sRGB image, possibly decoded at reduced size (shrink-on-load).
 *
 * @param image {@code TYPE_INT_RGB}, or {@code TYPE_INT_ARGB} when the source has alpha; EXIF orientation
 *     already applied; colours converted to sRGB
 * @param header the source's header
 * @param scaleX decoded px per upright source px across (1.0 at full size, 0.125 for a 1/8 DCT-scaled
 *     decode, 1/f after a reduce by f): the source spans {@code uprightWidth * scaleX} px of the image,
 *     which may end inside its last column
 * @param scaleY the same down
 */
public record DecodedImage(BufferedImage image, ImageHeader header, double scaleX, double scaleY) {}
