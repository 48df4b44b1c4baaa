package io.thumbflow.orchestrator.statemachine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.thumbflow.lambda.AggregateHandler;
import io.thumbflow.lambda.ThumbnailHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves Lambda invocations over loopback HTTP so an ASL interpreter running in Node can call the
 * project's real handlers: {@code POST /invoke/<FunctionName>} with the payload answers 200 with the
 * handler's output, or 500 with {@code {"errorType", "errorMessage"}} as Lambda reports a function
 * error (the error type is the exception class name, which is what the ASL's Retry matches).
 */
final class HandlerBridge implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Map<String, RequestHandler> functions;
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> faultsToInject = new ConcurrentHashMap<>();

  /** One function's entry point, as the Lambda runtime calls a RequestStreamHandler. */
  @FunctionalInterface
  interface RequestHandler {
    void handle(InputStream in, OutputStream out) throws IOException;
  }

  HandlerBridge(ThumbnailHandler thumbnail, AggregateHandler aggregate) throws IOException {
    this.functions = Map.of(
        "ThumbnailFunction", (in, out) -> thumbnail.handleRequest(in, out, null),
        "AggregateFunction", (in, out) -> aggregate.handleRequest(in, out, null));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/invoke/", this::invoke);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * Makes the next {@code times} calls of {@code function} whose payload mentions {@code marker} fail
   * with {@code errorType}, as the Lambda service would report it.
   */
  void failNextCalls(String function, String marker, String errorType, int times) {
    faultsToInject.put(function + "\u0000" + marker + "\u0000" + errorType, new AtomicInteger(times));
  }

  /** Forgets faults not yet injected. */
  void clearFaults() {
    faultsToInject.clear();
  }

  /** Function name and payload of every call, in arrival order. */
  List<String> calls() {
    return List.copyOf(calls);
  }

  private void invoke(HttpExchange exchange) throws IOException {
    String function = exchange.getRequestURI().getPath().substring("/invoke/".length());
    byte[] payload = exchange.getRequestBody().readAllBytes();
    String text = new String(payload, java.nio.charset.StandardCharsets.UTF_8);
    calls.add(function + " " + text);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = 200;
    try {
      String injected = injectedFault(function, text);
      if (injected != null) {
        throw new InjectedFault(injected);
      }
      RequestHandler handler = functions.get(function);
      if (handler == null) {
        throw new IllegalArgumentException("no function " + function);
      }
      handler.handle(new java.io.ByteArrayInputStream(payload), out);
    } catch (Exception e) {
      status = 500;
      out.reset();
      ObjectNode error = JSON.createObjectNode()
          .put("errorType", e instanceof InjectedFault f ? f.errorType : e.getClass().getName())
          .put("errorMessage", String.valueOf(e.getMessage()));
      JSON.writeValue(out, error);
    }
    byte[] body = out.toByteArray();
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(body);
    }
  }

  private String injectedFault(String function, String payload) {
    for (Map.Entry<String, AtomicInteger> e : faultsToInject.entrySet()) {
      String[] parts = e.getKey().split("\u0000");
      if (parts[0].equals(function) && payload.contains(parts[1]) && e.getValue().getAndDecrement() > 0) {
        return parts[2];
      }
    }
    return null;
  }

  /** A fault the test asked for, reported under a Lambda service error name. */
  private static final class InjectedFault extends RuntimeException {
    final String errorType;

    InjectedFault(String errorType) {
      super("injected " + errorType);
      this.errorType = errorType;
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
