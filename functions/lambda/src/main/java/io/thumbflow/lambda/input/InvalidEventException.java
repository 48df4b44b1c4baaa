package io.thumbflow.lambda.input;

/**
 * An invocation payload of no recognised shape. Thrown, not turned into a failed item, because no
 * item can be named; Step Functions sees the error type {@code
 * io.thumbflow.lambda.input.InvalidEventException} and should not retry it.
 */
public class InvalidEventException extends IllegalArgumentException {
  public InvalidEventException(String message) {
    super(message);
  }

  /**
   * No stack trace: it would only grow the {@code Cause} that Step Functions keeps (see
   * S3FaultException).
   */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
