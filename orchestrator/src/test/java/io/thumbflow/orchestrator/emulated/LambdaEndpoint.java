package io.thumbflow.orchestrator.emulated;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The AWS Lambda Invoke API ({@code POST /2015-03-31/functions/{FunctionName}/invocations},
 * synchronous) on a loopback port, in front of handlers registered by function name;
 * moto_server.py's patch 2 sends the state machine's Lambda tasks here. It answers as Lambda does:
 *
 * <ul>
 *   <li>success: 200 with the handler's output;
 *   <li>function error (the handler threw): 200 with {@code X-Amz-Function-Error: Unhandled} and
 *       {@code {"errorMessage", "errorType", "stackTrace"}}, errorType being the exception's class
 *       name as the Java runtime reports it (so a Retry/Catch on {@code
 *       io.thumbflow.lambda.s3.S3FaultException} matches);
 *   <li>service errors: 404 ResourceNotFoundException for an unknown function, 413
 *       RequestTooLargeException for a request over 6 MB, a response over 6 MB becomes the function
 *       error {@code Function.ResponseSizeTooLarge}; and the errors {@link #failNext} injects (e.g.
 *       429 TooManyRequestsException), which Step Functions names {@code Lambda.<code>}.
 * </ul>
 *
 * FunctionName may be a name, a {@code name:qualifier}, or a function/alias/version ARN; routing
 * uses the name.
 */
public final class LambdaEndpoint implements AutoCloseable {
  /** Synchronous invocation payload limit, request and response (6 MB). */
  public static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One function's code, called as the Lambda runtime calls a RequestStreamHandler. */
  @FunctionalInterface
  public interface Handler {
    void handle(InputStream in, OutputStream out) throws Exception;
  }

  /**
   * One invocation as it arrived and was answered.
   *
   * @param functionName the FunctionName as the caller gave it (ARN with qualifier, etc.)
   * @param name the function's name
   * @param qualifier the alias or version, or null
   * @param payload the request payload
   * @param responseBytes size of the response payload
   * @param error null on success; else the function error's errorType or the service error's code
   */
  public record Invocation(
      String functionName,
      String name,
      String qualifier,
      String payload,
      int responseBytes,
      String error) {
    public int requestBytes() {
      return payload.getBytes(StandardCharsets.UTF_8).length;
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, Handler> functions = new ConcurrentHashMap<>();
  private final List<Invocation> invocations = new CopyOnWriteArrayList<>();
  private final List<Fault> faults = new CopyOnWriteArrayList<>();

  private record Fault(
      String function, Predicate<String> payload, int status, String code, AtomicInteger left) {}

  /**
   * Starts on a free loopback port with {@code threads} concurrent invocations (more wait, as with
   * throttling).
   */
  public LambdaEndpoint(int threads) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    executor =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "lambda-endpoint");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::serve);
    server.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Serves function {@code name} with {@code handler} (replaces an earlier one). */
  public void register(String name, Handler handler) {
    functions.put(name, handler);
  }

  /**
   * The next {@code times} calls of {@code function} whose payload matches answer the service error
   * {@code code} with HTTP {@code status} (e.g. 429 TooManyRequestsException, 500
   * ServiceException), before the handler runs.
   */
  public void failNext(
      String function, Predicate<String> payload, int status, String code, int times) {
    faults.add(new Fault(function, payload, status, code, new AtomicInteger(times)));
  }

  /** Forgets faults not yet injected and the invocations recorded so far. */
  public void reset() {
    faults.clear();
    invocations.clear();
  }

  /** Every invocation so far, in arrival order. */
  public List<Invocation> invocations() {
    return List.copyOf(invocations);
  }

  /** Invocations of function {@code name}. */
  public List<Invocation> invocationsOf(String name) {
    return invocations.stream().filter(i -> i.name().equals(name)).toList();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try {
      // Lambda answers every request with a request id (botocore reads it into
      // ResponseMetadata.RequestId, which moto's Lambda.<code> error mapping needs).
      exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
      answer(exchange);
    } finally {
      exchange.close();
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    String prefix = "/2015-03-31/functions/";
    if (!"POST".equals(exchange.getRequestMethod())
        || !path.startsWith(prefix)
        || !path.endsWith("/invocations")) {
      error(exchange, 404, "UnknownOperationException", "not a Lambda Invoke request: " + path);
      return;
    }
    String functionName =
        URLDecoder.decode(
            path.substring(prefix.length(), path.length() - "/invocations".length()),
            StandardCharsets.UTF_8);
    String[] nameAndQualifier = nameAndQualifier(functionName);
    String query = exchange.getRequestURI().getQuery();
    if (query != null && query.startsWith("Qualifier=")) {
      nameAndQualifier[1] = query.substring("Qualifier=".length());
    }
    String name = nameAndQualifier[0];
    byte[] payload = exchange.getRequestBody().readAllBytes();
    String text = new String(payload, StandardCharsets.UTF_8);
    if (payload.length > MAX_PAYLOAD_BYTES) {
      record(functionName, nameAndQualifier, text, 0, "RequestTooLargeException");
      error(
          exchange,
          413,
          "RequestTooLargeException",
          "Request must be smaller than 6291456 bytes for the " + "InvokeFunction operation");
      return;
    }
    Handler handler = functions.get(name);
    if (handler == null) {
      record(functionName, nameAndQualifier, text, 0, "ResourceNotFoundException");
      error(exchange, 404, "ResourceNotFoundException", "Function not found: " + functionName);
      return;
    }
    for (Fault f : faults) {
      if (f.function().equals(name) && f.payload().test(text) && f.left().getAndDecrement() > 0) {
        record(functionName, nameAndQualifier, text, 0, f.code());
        error(exchange, f.status(), f.code(), "injected by LambdaEndpoint.failNext");
        return;
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String functionError = null;
    try {
      handler.handle(new ByteArrayInputStream(payload), out);
      if (out.size() > MAX_PAYLOAD_BYTES) {
        functionError = "Function.ResponseSizeTooLarge";
        out.reset();
        JSON.writeValue(
            out,
            JSON.createObjectNode()
                .put(
                    "errorMessage",
                    "Response payload size exceeded maximum allowed payload size (6291556 bytes).")
                .put("errorType", functionError));
      }
    } catch (Exception | Error e) {
      functionError = e.getClass().getName();
      out.reset();
      ObjectNode body =
          JSON.createObjectNode()
              .put("errorMessage", String.valueOf(e.getMessage()))
              .put("errorType", functionError);
      ArrayNode trace = body.putArray("stackTrace");
      StackTraceElement[] frames = e.getStackTrace();
      for (int i = 0; i < Math.min(10, frames.length); i++) {
        trace.add(frames[i].toString());
      }
      JSON.writeValue(out, body);
    }
    byte[] response = out.toByteArray();
    record(functionName, nameAndQualifier, text, response.length, functionError);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange
        .getResponseHeaders()
        .add(
            "X-Amz-Executed-Version",
            nameAndQualifier[1] == null ? "$LATEST" : nameAndQualifier[1]);
    if (functionError != null) {
      exchange.getResponseHeaders().add("X-Amz-Function-Error", "Unhandled");
    }
    exchange.sendResponseHeaders(200, response.length == 0 ? -1 : response.length);
    if (response.length > 0) {
      exchange.getResponseBody().write(response);
    }
  }

  private void record(
      String functionName,
      String[] nameAndQualifier,
      String payload,
      int responseBytes,
      String error) {
    invocations.add(
        new Invocation(
            functionName, nameAndQualifier[0], nameAndQualifier[1], payload, responseBytes, error));
  }

  /** {name, qualifier or null} of a name, name:qualifier, or (partial) function ARN. */
  static String[] nameAndQualifier(String functionName) {
    String rest = functionName;
    int function = rest.indexOf(":function:");
    if (function >= 0) {
      rest = rest.substring(function + ":function:".length());
    }
    int colon = rest.indexOf(':');
    return colon < 0
        ? new String[] {rest, null}
        : new String[] {rest.substring(0, colon), rest.substring(colon + 1)};
  }

  /**
   * A Lambda service error as the REST-JSON protocol carries it (boto3 raises it as a ClientError).
   */
  private static void error(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    byte[] body =
        JSON.writeValueAsBytes(JSON.createObjectNode().put("Type", "User").put("message", message));
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.getResponseHeaders().add("x-amzn-ErrorType", code);
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
