package io.thumbflow.orchestrator.local;

import java.io.IOException;

/**
 * A thumbnail write refused for safety (outside the output folder, over its own source, or onto
 * another image's output). Not an infrastructure fault: never retried; the item fails as
 * WriteFailed.
 */
public class RefusedWriteException extends IOException {
  public RefusedWriteException(String message) {
    super(message);
  }
}
