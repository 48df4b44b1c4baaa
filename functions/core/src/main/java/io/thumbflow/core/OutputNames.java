package io.thumbflow.core;

import java.util.Optional;

/**
 * Output names for thumbnails: the source's relative name, with its extension changed only when it
 * must be.
 */
public final class OutputNames {
  private OutputNames() {}

  /**
   * The thumbnail's relative name for {@code relativeName} written as {@code outFormat}: the same
   * name when its extension already names that format (in any case or spelling, so {@code b.JPG}
   * and {@code c.jpeg} stay), else the extension replaced by (or, with none, extended with) the
   * format's usual one.
   *
   * @param relativeName the source's relative path or key, with {@code /} separators; not null
   * @param outFormat the thumbnail's format; not null
   */
  public static String forSource(String relativeName, ImageFormat outFormat) {
    if (relativeName == null || outFormat == null)
      throw new IllegalArgumentException("relative name and output format are required");
    int slash = Math.max(relativeName.lastIndexOf('/'), relativeName.lastIndexOf('\\'));
    int dot = relativeName.lastIndexOf('.');
    // A dot that starts the file name (".hidden") or ends it ("a.") does not begin an extension.
    boolean hasExtension = dot > slash + 1 && dot < relativeName.length() - 1;
    if (!hasExtension) {
      return relativeName + "." + outFormat.extension();
    }
    Optional<ImageFormat> named = ImageFormat.parse(relativeName.substring(dot + 1));
    if (named.isPresent() && named.get() == outFormat) {
      return relativeName;
    }
    return relativeName.substring(0, dot + 1) + outFormat.extension();
  }

  /**
   * Where one rendition of {@code relativeName} goes, relative to the output root (a folder, or the
   * key prefix in the thumbs bucket): {@link #forSource} in the flat layout, below the rendition's
   * name otherwise ({@code card/photos/a.jpg}).
   */
  public static String forRendition(
      Recipe.Layout layout, String renditionName, String relativeName, ImageFormat outFormat) {
    String name = forSource(relativeName, outFormat);
    return layout == Recipe.Layout.FLAT ? name : renditionName + "/" + name;
  }
}
