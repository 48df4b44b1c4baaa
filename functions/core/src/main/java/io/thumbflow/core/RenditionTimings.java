package io.thumbflow.core;

/**
 * Time spent on one rendition of one source, in milliseconds; the read and decode it shares with
 * the other renditions are counted once, in the source's {@link StageTimings}.
 */
public record RenditionTimings(double blur, double resize, double encode, double write) {
  public static final RenditionTimings ZERO = new RenditionTimings(0, 0, 0, 0);

  /** The stage names, in pipeline order, as they appear in reports. */
  public static final java.util.List<String> STAGES =
      java.util.List.of("blur", "resize", "encode", "write");

  public double total() {
    return blur + resize + encode + write;
  }

  /** The value of a stage named in {@link #STAGES}. */
  public double get(String stage) {
    return switch (stage) {
      case "blur" -> blur;
      case "resize" -> resize;
      case "encode" -> encode;
      case "write" -> write;
      default -> throw new IllegalArgumentException("unknown rendition stage: " + stage);
    };
  }

  public RenditionTimings withWrite(double ms) {
    return new RenditionTimings(blur, resize, encode, ms);
  }
}
