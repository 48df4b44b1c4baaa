package io.thumbflow.orchestrator.cloud;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Forwards every AWS call to moto, except Step Functions' RedriveExecution (which moto lacks): that
 * one is recorded and answered as the service does, {@code {"redriveDate": <epoch s>}}.
 * DescribeExecution of a redriven execution then answers as Step Functions' eventually consistent
 * API can: the old state for the first {@value #STALE_ANSWERS} calls, then with the redrive counted
 * (moto's execution does not really run again, so it is still FAILED, now after one redrive).
 */
final class RedriveProxy implements AutoCloseable {
  private static final String REDRIVE = "AWSStepFunctions.RedriveExecution";
  private static final String DESCRIBE = "AWSStepFunctions.DescribeExecution";
  static final int STALE_ANSWERS = 2;
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private final HttpServer server;
  private final URI target;
  private final List<String> redriven = new CopyOnWriteArrayList<>();
  private final Map<String, java.util.concurrent.atomic.AtomicInteger> describesAfterRedrive =
      new java.util.concurrent.ConcurrentHashMap<>();

  RedriveProxy(URI target) throws IOException {
    this.target = target;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** DescribeExecution calls of a redriven execution since its redrive, by execution ARN. */
  int describesAfterRedrive(String executionArn) {
    var n = describesAfterRedrive.get(executionArn);
    return n == null ? 0 : n.get();
  }

  /** The request bodies of the RedriveExecution calls seen. */
  List<String> redriveRequests() {
    return List.copyOf(redriven);
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    if (REDRIVE.equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"))) {
      redriven.add(new String(body, StandardCharsets.UTF_8));
      describesAfterRedrive.put(
          JSON.readTree(body).path("executionArn").asText(),
          new java.util.concurrent.atomic.AtomicInteger());
      respond(
          exchange,
          200,
          "application/x-amz-json-1.0",
          ("{\"redriveDate\": " + System.currentTimeMillis() / 1000 + "}")
              .getBytes(StandardCharsets.UTF_8));
      return;
    }
    HttpURLConnection c =
        (HttpURLConnection)
            target.resolve(exchange.getRequestURI().toString()).toURL().openConnection();
    c.setRequestMethod(exchange.getRequestMethod());
    for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
      if (!h.getKey().equalsIgnoreCase("Host") && !h.getKey().equalsIgnoreCase("Content-Length")) {
        h.getValue().forEach(v -> c.addRequestProperty(h.getKey(), v));
      }
    }
    if (body.length > 0) {
      c.setDoOutput(true);
      c.getOutputStream().write(body);
    }
    int status = c.getResponseCode();
    InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
    byte[] answer = in == null ? new byte[0] : in.readAllBytes();
    if (status == 200 && DESCRIBE.equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"))) {
      answer = afterRedrive(JSON.readTree(body).path("executionArn").asText(), answer);
    }
    respond(exchange, status, c.getContentType(), answer);
  }

  /**
   * moto's DescribeExecution answer, counting a redrive once {@link #STALE_ANSWERS} stale answers
   * are served.
   */
  private byte[] afterRedrive(String executionArn, byte[] answer) throws IOException {
    var n = describesAfterRedrive.get(executionArn);
    if (n == null || n.incrementAndGet() <= STALE_ANSWERS) return answer;
    var json = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(answer);
    json.put("redriveCount", 1).put("redriveDate", System.currentTimeMillis() / 1000.0);
    return JSON.writeValueAsBytes(json);
  }

  private static void respond(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    if (contentType != null) {
      exchange.getResponseHeaders().add("Content-Type", contentType);
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
