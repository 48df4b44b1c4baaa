package io.thumbflow.lambda.s3;

import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.Thumbnail;
import java.util.HashMap;
import java.util.Map;

/**
 * The user metadata stored on every thumbnail object ({@code x-amz-meta-*}); the first two make re-runs
 * idempotent, the rest let a skipped item still report its dimensions.
 *
 * @param sourceEtag the source object's ETag when it was read (bare)
 * @param recipeHash {@link io.thumbflow.core.Recipe#hash()} of the recipe that made it
 * @param width thumbnail width (px)
 * @param height thumbnail height (px)
 * @param format thumbnail format name, e.g. {@code JPEG}
 * @param sourceWidth upright source width (px)
 * @param sourceHeight upright source height (px)
 */
public record ThumbnailMetadata(
    String sourceEtag, String recipeHash, int width, int height, String format, int sourceWidth,
    int sourceHeight) {

  public static final String SOURCE_ETAG = "source-etag";
  public static final String RECIPE_HASH = "recipe-hash";
  static final String WIDTH = "width";
  static final String HEIGHT = "height";
  static final String FORMAT = "format";
  static final String SOURCE_WIDTH = "source-width";
  static final String SOURCE_HEIGHT = "source-height";

  public static ThumbnailMetadata of(String sourceEtag, String recipeHash, Thumbnail t) {
    return new ThumbnailMetadata(sourceEtag, recipeHash, t.width(), t.height(), t.format().name(),
        t.sourceWidth(), t.sourceHeight());
  }

  /** Reads metadata as the SDK returns it (keys lower-case, without {@code x-amz-meta-}). */
  public static ThumbnailMetadata fromS3(Map<String, String> m) {
    return new ThumbnailMetadata(m.get(SOURCE_ETAG), m.get(RECIPE_HASH), intOf(m.get(WIDTH)),
        intOf(m.get(HEIGHT)), m.get(FORMAT), intOf(m.get(SOURCE_WIDTH)), intOf(m.get(SOURCE_HEIGHT)));
  }

  public Map<String, String> toS3() {
    Map<String, String> m = new HashMap<>();
    if (sourceEtag != null) {
      m.put(SOURCE_ETAG, sourceEtag);
    }
    m.put(RECIPE_HASH, recipeHash);
    m.put(WIDTH, Integer.toString(width));
    m.put(HEIGHT, Integer.toString(height));
    if (format != null) {
      m.put(FORMAT, format);
    }
    m.put(SOURCE_WIDTH, Integer.toString(sourceWidth));
    m.put(SOURCE_HEIGHT, Integer.toString(sourceHeight));
    return m;
  }

  /** True when this thumbnail was made from exactly these source bytes with exactly this recipe. */
  public boolean matches(String etag, String hash) {
    return sourceEtag != null && sourceEtag.equals(etag) && recipeHash != null && recipeHash.equals(hash);
  }

  /** The format as an enum, or null when absent or unknown. */
  public ImageFormat imageFormat() {
    return format == null ? null : ImageFormat.parse(format).orElse(null);
  }

  private static int intOf(String s) {
    try {
      return s == null ? 0 : Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
