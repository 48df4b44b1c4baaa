package io.thumbflow.orchestrator.cloud;

/**
 * A cloud command cannot go on (missing stack output, bad S3 URI, failed AWS call); the message is
 * for the user.
 */
public class CloudCommandException extends RuntimeException {
  public CloudCommandException(String message) {
    super(message);
  }

  public CloudCommandException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The CLI exit code for this failure: 2 for a usage error, else 1. */
  public int exitCode() {
    return 1;
  }

  /** Prints the one-line reason as {@code thumbflow: ...} and returns the exit code. */
  public int report(java.io.PrintWriter err) {
    err.println("thumbflow: " + getMessage());
    err.flush();
    return exitCode();
  }
}
