package io.thumbflow.orchestrator.local;

import io.thumbflow.core.ImageSink;
import io.thumbflow.core.Recipe;
import io.thumbflow.core.Rendered;
import io.thumbflow.core.Thumbnail;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Writes one source's renditions below an {@link OutputFolder}, at the source's relative path (below each
 * rendition's name unless the layout is flat). One
 * sink per source; it remembers whether a write was attempted, so a fault can be typed as a write.
 */
public final class FileImageSink implements ImageSink {
  private final OutputFolder out;
  private final Recipe.Layout layout;
  private final String relativeName;
  private final Path sourceFile;
  private volatile boolean attempted;

  public FileImageSink(OutputFolder out, Recipe.Layout layout, String relativeName, Path sourceFile) {
    this.out = Objects.requireNonNull(out, "out");
    this.layout = Objects.requireNonNull(layout, "layout");
    this.relativeName = Objects.requireNonNull(relativeName, "relativeName");
    this.sourceFile = sourceFile;
  }

  @Override
  public String write(String sourceName, Thumbnail thumbnail, Rendered source) throws IOException {
    attempted = true;
    String folder = layout == Recipe.Layout.FLAT ? "" : thumbnail.rendition().name() + "/";
    Path target = out.claim(folder, relativeName, thumbnail.format(), sourceFile);
    try (OutputStream o = Files.newOutputStream(target, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
      o.write(thumbnail.bytes());
    }
    return out.display(target);
  }

  /** True once {@link #write} was called: a fault after that is a write failure. */
  public boolean attempted() {
    return attempted;
  }
}
