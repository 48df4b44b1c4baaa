package io.thumbflow.orchestrator.cloud;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * moto's AWS emulator ({@code python -m moto.server}, patched by {@link
 * #SERVER_WITH_REPEATABLE_EXECUTIONS}) on a free loopback port, with its executing Step Functions
 * engine switched on. {@link #start()} returns null when no Python with moto exists.
 */
final class MotoServer implements AutoCloseable {
  /**
   * {@code python -m moto.server}, except that a state machine can run more than one execution:
   * moto's executing engine deep-copies the machine at every StartExecution, with its list of past
   * executions, whose locks cannot be copied (a second StartExecution answers HTTP 500, moto 5.2).
   * The copy is only the definition the new execution runs, so it leaves that list out.
   */
  private static final String SERVER_WITH_REPEATABLE_EXECUTIONS =
      String.join(
          "\n",
          "import copy, sys",
          "from moto.stepfunctions.models import StateMachine",
          "def _copy_without_executions(self, memo):",
          "    clone = self.__class__.__new__(self.__class__)",
          "    memo[id(self)] = clone",
          "    for name, value in self.__dict__.items():",
          "        setattr(clone, name, [] if name == 'executions' else copy.deepcopy(value, memo))",
          "    return clone",
          "StateMachine.__deepcopy__ = _copy_without_executions",
          "from moto.server import main",
          "main(sys.argv[1:])");

  private final Process process;
  private final URI endpoint;

  private MotoServer(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  /**
   * Starts moto, or returns null when no {@code python3}/{@code python} on PATH can import
   * moto.server.
   */
  static MotoServer start(Path log) throws IOException, InterruptedException {
    String python = io.thumbflow.orchestrator.emulated.Python.withModules("moto.server");
    if (python == null) {
      return null;
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process p =
        new ProcessBuilder(
                python,
                "-c",
                SERVER_WITH_REPEATABLE_EXECUTIONS,
                "-H",
                "127.0.0.1",
                "-p",
                String.valueOf(port))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    MotoServer server = new MotoServer(p, endpoint);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!server.answers()) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        server.close();
        throw new IllegalStateException(
            "moto.server did not start on " + endpoint + "; see " + log);
      }
      Thread.sleep(200);
    }
    server.post("/moto-api/config", "{\"stepfunctions\": {\"execute_state_machine\": true}}");
    return server;
  }

  URI endpoint() {
    return endpoint;
  }

  private boolean answers() {
    try {
      HttpURLConnection c =
          (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
      c.setConnectTimeout(500);
      c.setReadTimeout(2000);
      return c.getResponseCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  private void post(String path, String json) throws IOException {
    HttpURLConnection c = (HttpURLConnection) endpoint.resolve(path).toURL().openConnection();
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setRequestProperty("Content-Type", "application/json");
    c.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    if (c.getResponseCode() >= 300) {
      throw new IOException("moto refused " + path + ": HTTP " + c.getResponseCode());
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
