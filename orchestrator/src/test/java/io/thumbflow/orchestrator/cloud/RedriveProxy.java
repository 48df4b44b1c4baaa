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
 * Forwards every AWS call to moto, except Step Functions' RedriveExecution (which moto lacks): that one
 * is recorded and answered as the service does, {@code {"redriveDate": <epoch s>}}.
 */
final class RedriveProxy implements AutoCloseable {
  private static final String REDRIVE = "AWSStepFunctions.RedriveExecution";

  private final HttpServer server;
  private final URI target;
  private final List<String> redriven = new CopyOnWriteArrayList<>();

  RedriveProxy(URI target) throws IOException {
    this.target = target;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The request bodies of the RedriveExecution calls seen. */
  List<String> redriveRequests() {
    return List.copyOf(redriven);
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    if (REDRIVE.equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"))) {
      redriven.add(new String(body, StandardCharsets.UTF_8));
      respond(exchange, 200, "application/x-amz-json-1.0",
          ("{\"redriveDate\": " + System.currentTimeMillis() / 1000 + "}").getBytes(StandardCharsets.UTF_8));
      return;
    }
    HttpURLConnection c = (HttpURLConnection) target.resolve(exchange.getRequestURI().toString()).toURL()
        .openConnection();
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
    respond(exchange, status, c.getContentType(), answer);
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
