package io.thumbflow.orchestrator.local;

/**
 * The INPUT cannot be used at all (missing, unreadable, malformed manifest): a usage error, exit 2.
 */
public class InputException extends Exception {
  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
