package io.thumbflow.lambda.s3;

import java.io.IOException;

/**
 * An S3 read (GET, HEAD) failed for a reason a retry may cure (throttling, 5xx, network,
 * credentials). The handlers let it propagate so the state machine's Retry acts; Step Functions
 * sees the error type {@code io.thumbflow.lambda.s3.S3FaultException}.
 *
 * <p>It carries no stack trace and no cause: Lambda's Java runtime puts both into the error
 * payload, which becomes the {@code Cause} a Catch keeps in the execution's state, where every byte
 * counts against Step Functions' 256 KiB limit (a hundred caught uploads with Java stack traces
 * would pass it). The SDK's own message is kept in this one.
 */
public class S3FaultException extends IOException {
  public S3FaultException(String message, Throwable cause) {
    super(
        cause == null || cause.getMessage() == null || message.contains(cause.getMessage())
            ? message
            : message + " (" + cause.getClass().getSimpleName() + ")");
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
