package io.thumbflow.lambda.s3;

import io.thumbflow.core.Placeholder;
import io.thumbflow.core.Rendered;
import io.thumbflow.core.Thumbnail;
import java.util.HashMap;
import java.util.Map;

/**
 * The user metadata stored on every output object ({@code x-amz-meta-*}): the first two make
 * re-runs idempotent, the rest let a skipped item still report its renditions, and carry the
 * source's placeholder so a page can show it without another request.
 *
 * @param sourceEtag the source object's ETag when it was read (bare)
 * @param recipeHash {@link io.thumbflow.core.Rendition#hash()} of the rendition that made it
 * @param width output width (px)
 * @param height output height (px)
 * @param format output format name, e.g. {@code JPEG}
 * @param sourceWidth upright source width (px)
 * @param sourceHeight upright source height (px)
 * @param sourceFormat the source's format name, or null
 * @param blurhash the source's BlurHash, or null
 * @param dominantColor the source's dominant colour {@code #rrggbb}, or null
 */
public record ThumbnailMetadata(
    String sourceEtag,
    String recipeHash,
    int width,
    int height,
    String format,
    int sourceWidth,
    int sourceHeight,
    String sourceFormat,
    String blurhash,
    String dominantColor) {

  public static final String SOURCE_ETAG = "source-etag";
  public static final String RECIPE_HASH = "recipe-hash";
  static final String WIDTH = "width";
  static final String HEIGHT = "height";
  static final String FORMAT = "format";
  static final String SOURCE_WIDTH = "source-width";
  static final String SOURCE_HEIGHT = "source-height";
  static final String SOURCE_FORMAT = "source-format";
  static final String BLURHASH = "blurhash";
  static final String DOMINANT_COLOR = "dominant-color";

  public static ThumbnailMetadata of(String sourceEtag, Thumbnail t, Rendered source) {
    Placeholder p = source.placeholder();
    return new ThumbnailMetadata(
        sourceEtag,
        t.rendition().hash(),
        t.width(),
        t.height(),
        t.format().name(),
        source.sourceWidth(),
        source.sourceHeight(),
        source.sourceFormat().name(),
        p == null ? null : p.blurhash(),
        p == null ? null : p.dominantColor());
  }

  /** Reads metadata as the SDK returns it (keys lower-case, without {@code x-amz-meta-}). */
  public static ThumbnailMetadata fromS3(Map<String, String> m) {
    return new ThumbnailMetadata(
        m.get(SOURCE_ETAG),
        m.get(RECIPE_HASH),
        intOf(m.get(WIDTH)),
        intOf(m.get(HEIGHT)),
        m.get(FORMAT),
        intOf(m.get(SOURCE_WIDTH)),
        intOf(m.get(SOURCE_HEIGHT)),
        m.get(SOURCE_FORMAT),
        m.get(BLURHASH),
        m.get(DOMINANT_COLOR));
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
    if (sourceFormat != null) m.put(SOURCE_FORMAT, sourceFormat);
    if (blurhash != null) m.put(BLURHASH, blurhash);
    if (dominantColor != null) m.put(DOMINANT_COLOR, dominantColor);
    return m;
  }

  /**
   * True when this output was made from exactly these source bytes with exactly this rendition
   * recipe.
   */
  public boolean matches(String etag, String hash) {
    return sourceEtag != null
        && sourceEtag.equals(etag)
        && recipeHash != null
        && recipeHash.equals(hash);
  }

  /** The placeholder stored here, or null. */
  public Placeholder placeholder() {
    return blurhash == null ? null : new Placeholder(blurhash, dominantColor);
  }

  private static int intOf(String s) {
    try {
      return s == null ? 0 : Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
