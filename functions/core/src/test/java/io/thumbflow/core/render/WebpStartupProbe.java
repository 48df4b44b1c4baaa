package io.thumbflow.core.render;

import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.Limits;
import io.thumbflow.core.Recipe;
import io.thumbflow.core.ThumbnailPipeline;

/**
 * Run in a child JVM by {@code WebpWithoutNativesTest}: prints whether WebP is writable and what
 * building a pipeline with a WebP rendition says, one per line.
 */
public final class WebpStartupProbe {
  private WebpStartupProbe() {}

  public static void main(String[] args) {
    System.out.println("canWrite=" + Encoder.canWrite(ImageFormat.WEBP));
    try {
      new ThumbnailPipeline(Recipe.DEFAULT.withFormat(ImageFormat.WEBP), Limits.DEFAULT);
      System.out.println("pipeline=built");
    } catch (IllegalArgumentException e) {
      System.out.println("pipeline=" + e.getMessage());
    }
  }
}
