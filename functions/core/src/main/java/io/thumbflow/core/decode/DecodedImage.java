package io.thumbflow.core.decode;

import java.awt.image.BufferedImage;
import java.util.function.Function;

/**
 * A decoded, upright, sRGB image, possibly decoded at reduced size (shrink-on-load).
 *
 * @param image {@code TYPE_INT_RGB}, or {@code TYPE_INT_ARGB} when the source has alpha; EXIF
 *     orientation already applied; colours converted to sRGB
 * @param header the source's header
 * @param scaleX decoded px per upright source px across (1.0 at full size, 0.125 for a 1/8
 *     DCT-scaled decode, 1/f after a reduce by f): the source spans {@code uprightWidth * scaleX}
 *     px of the image, which may end inside its last column
 * @param scaleY the same down
 * @param smaller how a decode of the same source at a smaller minimum size (upright px) would have
 *     been made, so that it can be derived from this one instead of decoding again; null when
 *     unknown
 */
public record DecodedImage(
    BufferedImage image,
    ImageHeader header,
    double scaleX,
    double scaleY,
    Function<ImageDecoder.MinimumSize, Derivation> smaller) {

  public DecodedImage(BufferedImage image, ImageHeader header, double scaleX, double scaleY) {
    this(image, header, scaleX, scaleY, null);
  }

  /**
   * How to turn this image into what a decode at {@code min} (upright px) would have given: whole
   * reduce factors per upright axis, or {@link Derivation#NONE} when no exact derivation exists.
   */
  public Derivation derivationFor(ImageDecoder.MinimumSize min) {
    return smaller == null ? Derivation.NONE : smaller.apply(min);
  }

  /**
   * Whole factors that turn one decode into a smaller one of the same source: box-averaged where
   * the decoders average (DCT scaling, the DC-only decode, the reducing PNG decoder), point-sampled
   * where they subsample (ImageIO), so the result is what the smaller decode itself would have
   * made, up to rounding.
   *
   * @param factorX reduce factor across (upright axes, >= 1)
   * @param factorY reduce factor down
   * @param pointSampled pick every factor-th pixel instead of averaging
   */
  public record Derivation(int factorX, int factorY, boolean pointSampled) {
    public static final Derivation NONE = new Derivation(1, 1, false);

    public boolean reduces() {
      return factorX > 1 || factorY > 1;
    }

    /**
     * Whether {@code coarser}'s blocks are unions of whole blocks of this one's (both averaged, its
     * factors whole multiples of these), so one pass can make both exactly.
     */
    public boolean nestsInto(Derivation coarser) {
      return reduces()
          && !pointSampled
          && !coarser.pointSampled
          && !coarser.equals(this)
          && coarser.factorX % factorX == 0
          && coarser.factorY % factorY == 0;
    }
  }
}
