package io.thumbflow.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real CLI as a child JVM over {@code ../shared/corpus/photos}, kills it with SIGKILL
 * ({@link Process#destroyForcibly()} on Linux) at 20 random moments, re-running it after each kill,
 * then lets it finish, and compares the outcome with a clean run's. The kill moments come from a
 * fixed seed (printed): each one waits until a random number of outputs exist, then a random few
 * milliseconds more, so kills land during start-up, decoding, writes, renames and journal appends
 * alike, whatever the machine's speed. Skips without {@code ../shared}.
 */
class KillAndResumeTest {
  private static final long SEED = 0x5EED_7B1FL;
  private static final int KILLS = 20;
  private static final List<String> RECIPE =
      List.of("--rendition", "s:48x48", "--rendition", "m:96x96:cover", "--workers", "2");

  /** A hang guard only: a run of the whole corpus takes a few seconds. */
  private static final long HANG_GUARD_MS = TimeUnit.MINUTES.toMillis(5);

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aRunKilledTwentyTimesAndResumedEndsAsACleanRunWithEverySourceReportedOnce()
      throws Exception {
    Path photos = Path.of(System.getProperty("thumbflow.shared", "../shared"), "corpus", "photos");
    assumeTrue(Files.isDirectory(photos), "needs ../shared/corpus/photos");
    List<String> sources = imagesIn(photos);

    Path clean = dir.resolve("clean");
    assertThat(runToTheEnd(photos, clean, "clean")).isZero();
    Map<String, byte[]> expected = outputs(clean);
    assertThat(expected).hasSize(2 * sources.size());

    Random random = new Random(SEED);
    int[] targets = random.ints(KILLS, 0, expected.size()).sorted().toArray();
    System.out.printf(
        "KillAndResumeTest: seed 0x%X, kill after these many outputs: %s%n",
        SEED, Arrays.toString(targets));
    Path out = dir.resolve("resumed");
    int killedWhileRunning = 0;
    List<Integer> outputsAtKills = new ArrayList<>();
    for (int k = 0; k < KILLS; k++) {
      Process child = start(photos, out, "kill-" + k);
      waitForOutputs(child, out, targets[k]);
      Thread.sleep(random.nextInt(25));
      if (child.isAlive()) killedWhileRunning++;
      child.destroyForcibly();
      assertThat(child.waitFor(1, TimeUnit.MINUTES)).as("killed child %d ends", k).isTrue();
      Map<String, byte[]> present = outputs(out);
      outputsAtKills.add(present.size());
      present.forEach(
          (name, bytes) ->
              assertThat(bytes)
                  .as("after kill %d, %s is whole", name)
                  .isEqualTo(expected.get(name)));
    }
    System.out.printf(
        "KillAndResumeTest: %d of %d kills hit a running JVM; outputs present after each: %s%n",
        killedWhileRunning, KILLS, outputsAtKills);

    assertThatTheLastKilledRunsReportRebuildsWithoutDuplicates(out, expected);

    assertThat(runToTheEnd(photos, out, "final")).isZero();

    assertThat(outputs(out))
        .containsOnlyKeys(expected.keySet())
        .allSatisfy((name, bytes) -> assertThat(bytes).as(name).isEqualTo(expected.get(name)));
    try (Stream<Path> all = Files.walk(out)) {
      assertThat(all.map(p -> out.relativize(p).toString())).noneMatch(p -> p.contains(".tmp-"));
    }
    JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
    Map<String, Integer> done = new TreeMap<>();
    Map<String, Integer> byStatus = new TreeMap<>();
    for (JsonNode item : report.path("items")) {
      String status = item.path("status").asText();
      byStatus.merge(status, 1, Integer::sum);
      if (status.equals("ok") || status.equals("skipped"))
        done.merge(item.path("source").asText(), 1, Integer::sum);
    }
    System.out.printf("KillAndResumeTest: final run %s%n", byStatus);
    assertThat(done.keySet()).containsExactlyInAnyOrderElementsOf(sources);
    assertThat(done.values()).containsOnly(1);
    assertThat(report.path("failed").asInt()).isZero();
    assertThat(report.path("skipped").asInt())
        .as("the final run resumed rather than redid")
        .isPositive();
    try (Stream<Path> all = Files.list(photos)) {
      assertThat(report.path("ignored").asInt())
          .as("README.md, MANIFEST.tsv")
          .isEqualTo(all.count() - sources.size());
    }
  }

  /**
   * {@code thumbflow report} over the killed run's journal: no source twice, every output listed is
   * whole.
   */
  private static void assertThatTheLastKilledRunsReportRebuildsWithoutDuplicates(
      Path out, Map<String, byte[]> expected) throws IOException {
    if (!Files.exists(out.resolve(".thumbflow/run.json")))
      return; // the last kill came before the run began
    Path rebuilt = out.resolve("rebuilt/report.json");
    StringWriter ignore = new StringWriter();
    var cli = ThumbflowCli.commandLine(new String[] {"report"});
    cli.setOut(new PrintWriter(ignore));
    cli.setErr(new PrintWriter(ignore));
    assertThat(cli.execute("report", out.toString(), "--report", rebuilt.toString()))
        .as(ignore.toString())
        .isZero();
    Map<String, Integer> seen = new HashMap<>();
    for (JsonNode item : JSON.readTree(rebuilt.toFile()).path("items")) {
      seen.merge(item.path("source").asText(), 1, Integer::sum);
      for (JsonNode r : item.path("renditions")) {
        String name = out.relativize(Path.of(r.path("output").asText())).toString();
        assertThat(Files.readAllBytes(Path.of(r.path("output").asText())))
            .as(name)
            .isEqualTo(expected.get(name));
      }
    }
    assertThat(seen.values()).containsOnly(1);
  }

  private static List<String> imagesIn(Path photos) throws IOException {
    try (Stream<Path> s = Files.list(photos)) {
      return s.map(p -> p.getFileName().toString())
          .filter(
              n ->
                  n.toLowerCase(Locale.ROOT).endsWith(".jpg")
                      || n.toLowerCase(Locale.ROOT).endsWith(".png"))
          .sorted()
          .toList();
    }
  }

  private Process start(Path photos, Path out, String name) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                ThumbflowCli.class.getName(),
                "local",
                photos.toString(),
                "--out",
                out.toString()));
    command.addAll(RECIPE);
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".log").toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("THUMBFLOW_"));
    return pb.start();
  }

  private int runToTheEnd(Path photos, Path out, String name) throws Exception {
    Process child = start(photos, out, name);
    if (!child.waitFor(HANG_GUARD_MS, TimeUnit.MILLISECONDS)) {
      child.destroyForcibly().waitFor();
      fail("the " + name + " run hung; see " + dir.resolve(name + ".log"));
    }
    if (child.exitValue() != 0) System.out.println(Files.readString(dir.resolve(name + ".log")));
    return child.exitValue();
  }

  /** Polls until {@code out} holds {@code target} outputs or the child ended by itself. */
  private static void waitForOutputs(Process child, Path out, int target) throws Exception {
    long deadline = System.currentTimeMillis() + HANG_GUARD_MS;
    while (child.isAlive() && countOutputs(out) < target) {
      if (System.currentTimeMillis() > deadline) {
        child.destroyForcibly().waitFor();
        fail("no progress towards " + target + " outputs in " + out);
      }
      Thread.sleep(10);
    }
  }

  private static int countOutputs(Path out) throws IOException {
    int n = 0;
    for (String rendition : List.of("s", "m")) {
      Path folder = out.resolve(rendition);
      if (!Files.isDirectory(folder)) continue;
      try (Stream<Path> s = Files.list(folder)) {
        n += (int) s.filter(p -> !p.getFileName().toString().contains(".tmp-")).count();
      }
    }
    return n;
  }

  /**
   * Every output (not the reports, not the state folder, not temporary files): relative name ->
   * bytes.
   */
  private static Map<String, byte[]> outputs(Path out) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    for (String rendition : List.of("s", "m")) {
      Path folder = out.resolve(rendition);
      if (!Files.isDirectory(folder)) continue;
      try (Stream<Path> s = Files.walk(folder)) {
        for (Path p : s.filter(Files::isRegularFile).toList()) {
          if (p.getFileName().toString().contains(".tmp-")) continue;
          files.put(out.relativize(p).toString(), Files.readAllBytes(p));
        }
      }
    }
    return files;
  }
}
