package io.thumbflow.orchestrator.cloud;

/**
 * The command line asks for something impossible (exit code 2); the message says what to give
 * instead.
 */
public class CloudUsageException extends CloudCommandException {
  public CloudUsageException(String message) {
    super(message);
  }

  @Override
  public int exitCode() {
    return 2;
  }
}
