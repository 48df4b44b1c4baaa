package io.thumbflow.core.placeholder;

import io.thumbflow.core.Placeholder;
import io.thumbflow.core.render.BoxReduce;
import io.thumbflow.core.render.PackedPixels;

/**
 * Makes a source's {@link Placeholder} from its smallest rendition's pixels, for well under a
 * millisecond.
 */
public final class Placeholders {
  /** Longest side the BlurHash is computed on (px): its few cosine components need no more. */
  static final int MAX_SIDE = 64;

  private Placeholders() {}

  /**
   * The placeholder of packed {@code 0xAARRGGBB} pixels ({@code width x height}); with {@code
   * alpha}, colours are composited over white first, as a page with a white background would show
   * them.
   */
  public static Placeholder of(int[] argb, int width, int height, boolean alpha) {
    String dominant = DominantColour.of(argb, width * height, alpha);
    int factor = Math.max(1, (Math.max(width, height) + MAX_SIDE - 1) / MAX_SIDE);
    int[] px = factor > 1 ? BoxReduce.reduce(argb, width, height, factor, factor, alpha) : argb;
    int w = BoxReduce.reducedLength(width, factor);
    int h = BoxReduce.reducedLength(height, factor);
    int[] rgb = alpha ? PackedPixels.overWhite(px, w * h) : px;
    int[] components = BlurHash.componentsFor(w, h);
    return new Placeholder(BlurHash.encode(rgb, w, h, components[0], components[1]), dominant);
  }
}
