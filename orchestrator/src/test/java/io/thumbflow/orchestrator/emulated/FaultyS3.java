package io.thumbflow.orchestrator.emulated;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Request;

/**
 * An {@link S3Client} that forwards to a real one (moto's S3 here) except for the calls a test asks
 * to fail: a matching call throws {@code S3Exception} 503 SlowDown, what the SDK throws once its
 * own retries give up on a throttled bucket. The handlers turn that into {@code
 * io.thumbflow.lambda.s3.S3FaultException}, the error the state machine's Retry names. Every
 * request-form call is recorded as {@code operation key}.
 */
public final class FaultyS3 {
  private final S3Client target;
  private final S3Client client;
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final AtomicInteger injected = new AtomicInteger();

  private record Fault(String operation, String keyContains, AtomicInteger left) {}

  public FaultyS3(S3Client target) {
    this.target = target;
    this.client =
        (S3Client)
            Proxy.newProxyInstance(
                S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class}, new Forwarder());
  }

  /** The client to give the handlers. */
  public S3Client client() {
    return client;
  }

  /**
   * The next {@code times} calls of {@code operation} (the S3Client method name, e.g. {@code
   * getObject}) whose key contains {@code keyContains} fail.
   */
  public void failNext(String operation, String keyContains, int times) {
    faults.add(new Fault(operation, keyContains, new AtomicInteger(times)));
  }

  /** Forgets faults not yet injected and the calls recorded so far. */
  public void reset() {
    faults.clear();
    calls.clear();
    injected.set(0);
  }

  /** {@code operation key} of every call, in order. */
  public List<String> calls() {
    return List.copyOf(calls);
  }

  /** How many calls failed on purpose. */
  public int injected() {
    return injected.get();
  }

  private final class Forwarder implements InvocationHandler {
    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (method.getDeclaringClass() == Object.class) {
        return switch (method.getName()) {
          case "equals" -> proxy == args[0];
          case "hashCode" -> System.identityHashCode(proxy);
          default -> "FaultyS3(" + target + ")";
        };
      }
      // The consumer-builder overloads are default methods that build the request and call the
      // request form: run them on the proxy so that call comes back here.
      if (method.isDefault() && args != null && args.length > 0 && args[0] instanceof Consumer) {
        return InvocationHandler.invokeDefault(proxy, method, args);
      }
      if (args != null && args.length > 0 && args[0] instanceof S3Request request) {
        String key = request.getValueForField("Key", String.class).orElse("");
        calls.add(method.getName() + " " + key);
        for (Fault f : faults) {
          if (f.operation().equals(method.getName())
              && key.contains(f.keyContains())
              && f.left().getAndDecrement() > 0) {
            injected.incrementAndGet();
            throw S3Exception.builder()
                .statusCode(503)
                .message("Please reduce your request rate. (injected by FaultyS3)")
                .awsErrorDetails(
                    AwsErrorDetails.builder()
                        .errorCode("SlowDown")
                        .serviceName("S3")
                        .errorMessage("Please reduce your request rate. (injected by FaultyS3)")
                        .build())
                .build();
          }
        }
      }
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }
}
