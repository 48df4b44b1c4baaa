package io.thumbflow.orchestrator.local;

import io.thumbflow.core.ImageSink;
import io.thumbflow.core.Rendered;
import io.thumbflow.core.Thumbnail;
import java.io.IOException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes one source's renditions below an {@link OutputFolder}, each atomically ({@link
 * AtomicFile}), and remembers what it wrote for the journal. One sink per source and attempt; it
 * also remembers whether a write was attempted, so a fault can be typed as a write.
 */
public final class FileImageSink implements ImageSink {
  private final OutputFolder out;
  private final String relativeName;
  private final Path sourceFile;
  private final List<Provenance.Output> written = new ArrayList<>();
  private volatile boolean attempted;

  public FileImageSink(OutputFolder out, String relativeName, Path sourceFile) {
    this.out = Objects.requireNonNull(out, "out");
    this.relativeName = Objects.requireNonNull(relativeName, "relativeName");
    this.sourceFile = sourceFile;
  }

  @Override
  public String write(String sourceName, Thumbnail thumbnail, Rendered source) throws IOException {
    attempted = true;
    Path target = out.claim(thumbnail.rendition(), relativeName, thumbnail.format(), sourceFile);
    AtomicFile.write(target, thumbnail.bytes());
    FileStamp stamp =
        FileStamp.of(target, LinkOption.NOFOLLOW_LINKS)
            .orElseThrow(
                () ->
                    new IOException(
                        "output " + out.display(target) + " vanished right after it was written"));
    synchronized (written) {
      written.add(
          new Provenance.Output(
              thumbnail.rendition().name(),
              thumbnail.rendition().hash(),
              out.relative(target),
              stamp));
    }
    return out.display(target);
  }

  /** True once {@link #write} was called: a fault after that is a write failure. */
  public boolean attempted() {
    return attempted;
  }

  /** The outputs written so far, in the order they were written. */
  public List<Provenance.Output> written() {
    synchronized (written) {
      return List.copyOf(written);
    }
  }
}
