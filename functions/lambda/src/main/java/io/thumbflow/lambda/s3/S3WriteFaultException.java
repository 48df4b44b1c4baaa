package io.thumbflow.lambda.s3;

/**
 * An S3 write (PUT) failed for a reason a retry may cure. Step Functions sees the error type {@code
 * io.thumbflow.lambda.s3.S3WriteFaultException}; when the retries run out the run reports the
 * images as {@code WriteFailed}, not {@code ReadFailed}.
 */
public class S3WriteFaultException extends S3FaultException {
  public S3WriteFaultException(String message, Throwable cause) {
    super(message, cause);
  }
}
