package io.thumbflow.orchestrator.local;

import io.thumbflow.core.ImageResult;
import io.thumbflow.core.ImageSink;
import io.thumbflow.core.ImageSource;
import java.io.IOException;

/**
 * The per-image work the runner fans out: in production {@link
 * io.thumbflow.core.ThumbnailPipeline#process}. A bad image is a failed result; an {@link
 * IOException} is an infrastructure fault the runner retries.
 */
@FunctionalInterface
public interface ImageJob {
  ImageResult process(ImageSource source, ImageSink sink) throws IOException;
}
