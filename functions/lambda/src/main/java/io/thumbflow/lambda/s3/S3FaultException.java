package io.thumbflow.lambda.s3;

import java.io.IOException;

/**
 * An S3 call failed for a reason a retry may cure (throttling, 5xx, network, credentials). The handlers
 * let it propagate so the state machine's Retry acts; Step Functions sees the error type
 * {@code io.thumbflow.lambda.s3.S3FaultException}.
 */
public class S3FaultException extends IOException {
  public S3FaultException(String message, Throwable cause) {
    super(message, cause);
  }
}
