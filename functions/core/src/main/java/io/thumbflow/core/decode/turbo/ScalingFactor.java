package io.thumbflow.core.decode.turbo;

/**
 * A libjpeg-turbo DCT scaling factor {@code eighths/8} (1/8 .. 8/8), applied to both axes.
 *
 * @param eighths 1 to 8
 */
public record ScalingFactor(int eighths) {
  static final ScalingFactor FULL = new ScalingFactor(8);

  public ScalingFactor {
    if (eighths < 1 || eighths > 8) {
      throw new IllegalArgumentException(
          "scaling factor must be 1/8 to 8/8, got " + eighths + "/8");
    }
  }

  /**
   * The smallest factor whose output is at least {@code minWidth x minHeight}; full size when even
   * that is smaller than the minimum (never enlarges).
   */
  static ScalingFactor smallestCovering(int width, int height, int minWidth, int minHeight) {
    for (int n = 1; n < 8; n++) {
      ScalingFactor f = new ScalingFactor(n);
      if (f.scale(width) >= minWidth && f.scale(height) >= minHeight) {
        return f;
      }
    }
    return FULL;
  }

  /** libjpeg-turbo's TJSCALED: {@code ceil(dimension * eighths / 8)}, in px. */
  public int scale(int dimension) {
    return (int) (((long) dimension * eighths + 7) / 8);
  }

  /** Output px per source px. */
  double ratio() {
    return eighths / 8.0;
  }

  @Override
  public String toString() {
    return eighths + "/8";
  }
}
