package io.thumbflow.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.thumbflow.lambda.support.SampleEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every sample event is loaded by some test, so none can rot unnoticed (issue 3, "Done when"). */
class EventsCoverageTest {
  @Test
  void everyEventFileIsLoadedBySomeTest() throws IOException {
    Path repo = SampleEvents.dir().getParent();
    List<String> events;
    try (Stream<Path> s = Files.list(SampleEvents.dir())) {
      events =
          s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
    }
    String testSources = testSources(repo);

    assertThat(events).isNotEmpty();
    assertThat(events)
        .allSatisfy(
            name ->
                assertThat(testSources)
                    .as("a test under */src/test loads events/%s", name)
                    .contains("\"" + name + "\""));
  }

  private static String testSources(Path repo) throws IOException {
    StringBuilder all = new StringBuilder();
    // The modules' test trees only (not node_modules, .git or build output).
    for (String module : List.of("functions", "orchestrator")) {
      Path root = repo.resolve(module);
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root, 16)) {
        files
            .filter(p -> p.toString().contains("/src/test/") && p.toString().endsWith(".java"))
            .filter(p -> !p.getFileName().toString().equals("EventsCoverageTest.java"))
            .forEach(
                p -> {
                  try {
                    all.append(Files.readString(p));
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                });
      }
    }
    return all.toString();
  }
}
