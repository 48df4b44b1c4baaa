package io.thumbflow.core;

/**
 * Time spent in each stage of one image, in milliseconds. Remote reads and writes (S3 get/put) are
 * {@code read} and {@code write}.
 */
public record StageTimings(
    double read, double decode, double blur, double resize, double encode, double write) {

  public static final StageTimings ZERO = new StageTimings(0, 0, 0, 0, 0, 0);

  /** The stage names, in pipeline order, as they appear in reports. */
  public static final java.util.List<String> STAGES =
      java.util.List.of("read", "decode", "blur", "resize", "encode", "write");

  public double total() {
    return read + decode + blur + resize + encode + write;
  }

  /** The value of a stage named in {@link #STAGES}. */
  public double get(String stage) {
    return switch (stage) {
      case "read" -> read;
      case "decode" -> decode;
      case "blur" -> blur;
      case "resize" -> resize;
      case "encode" -> encode;
      case "write" -> write;
      default -> throw new IllegalArgumentException("unknown stage: " + stage);
    };
  }

  public StageTimings withRead(double ms) {
    return new StageTimings(ms, decode, blur, resize, encode, write);
  }

  public StageTimings withWrite(double ms) {
    return new StageTimings(read, decode, blur, resize, encode, ms);
  }
}
