package io.thumbflow.orchestrator.local;

import io.thumbflow.core.ImageResult;

/** Hears about a run as it goes; called from worker threads, so implementations are thread-safe. */
public interface Progress {
  /** A progress listener that does nothing. */
  Progress NONE = new Progress() {};

  default void started(int total) {}

  default void finished(ImageResult result) {}

  default void done() {}
}
