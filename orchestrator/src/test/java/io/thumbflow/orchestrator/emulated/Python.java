package io.thumbflow.orchestrator.emulated;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Finds a Python interpreter on PATH that can import what a test's emulator needs. */
public final class Python {
  private Python() {}

  /**
   * {@code python3} or {@code python}, whichever imports {@code modules}; null when neither does.
   */
  public static String withModules(String... modules) throws InterruptedException {
    String imports = "import " + String.join(", ", modules);
    for (String candidate : List.of("python3", "python")) {
      try {
        Process p = new ProcessBuilder(candidate, "-c", imports).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return candidate;
        }
      } catch (IOException e) {
        // not on PATH: try the next name
      }
    }
    return null;
  }
}
