package io.thumbflow.lambda.telemetry;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Structured JSON logging through Powertools' functional API: Lambda context fields (request id,
 * cold start, function) for the whole invocation, plus correlation keys {@code executionId} and
 * {@code objectKey} set by the handlers.
 */
public final class LogContext {
  public static final String EXECUTION_ID = "executionId";
  public static final String OBJECT_KEY = "objectKey";
  public static final String BUCKET = "bucket";

  /** Work that may fail with an infrastructure fault. */
  @FunctionalInterface
  public interface Work<T> {
    T run() throws IOException;
  }

  private LogContext() {}

  /**
   * Runs {@code work} with the Lambda context in the log fields; {@code context} may be null
   * (tests).
   */
  public static <T> T within(Context context, Work<T> work) throws IOException {
    if (context == null) {
      return work.run();
    }
    try {
      return PowertoolsLogging.withLogging(
          context,
          () -> {
            try {
              return work.run();
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Sets (or, for null, removes) a correlation key for the following log lines. */
  public static void put(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
