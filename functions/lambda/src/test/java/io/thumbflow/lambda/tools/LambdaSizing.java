package io.thumbflow.lambda.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thumbflow.core.Limits;
import io.thumbflow.core.Recipe;
import io.thumbflow.lambda.ThumbnailHandler;
import io.thumbflow.lambda.config.ThumbnailConfig;
import io.thumbflow.lambda.support.FakeContext;
import io.thumbflow.lambda.support.InProcessS3;
import io.thumbflow.lambda.telemetry.PipelineMetrics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Measures the thumbnail handler in-process the way one Lambda container runs it, for choosing the
 * function's memory size: handler init, the first invocation (cold, with or without the SnapStart
 * priming hook), warm milliseconds per image over a folder of photos, 25-image batches, and the
 * JVM's peak RSS. Prints numbers and one {@code RESULT key=value ...} line; asserts nothing. Not a
 * test: run it by hand or through {@code bench/lambda-sizing.sh}, which puts this JVM (not the S3
 * server) under a cgroup CPU quota and memory limit that emulate a Lambda memory size, with a heap
 * of 85% of it as the Lambda java runtimes size it.
 *
 * <pre>
 * java -cp CP io.thumbflow.lambda.tools.LambdaSizing server DIR_OR_FILE...     # prints the S3 endpoint, serves until killed
 * java -cp CP io.thumbflow.lambda.tools.LambdaSizing measure ENDPOINT DIR_OR_FILE... [--primed] [--first NAME]
 *     [--passes N] [--cold-only]
 * </pre>
 *
 * The server uploads every image under the prefixes {@code cold/}, {@code w1/} .. {@code w3/} and
 * {@code batch/}, and each run writes below an output prefix of its own: the handler skips a key
 * whose thumbnail is already up to date, so each pass reads its own keys. S3 is on localhost here:
 * the figures are the handler's compute plus a local S3 round trip, not the tens of ms a real S3
 * GET and PUT add per image.
 */
public final class LambdaSizing {
  static final String SOURCE = "thumbflow-sizing-source";
  static final String THUMBS = "thumbflow-sizing-thumbs";
  static final int BATCH = 25;
  private static final List<String> PREFIXES = List.of("cold/", "w1/", "w2/", "w3/", "batch/");
  private static final ObjectMapper JSON = new ObjectMapper();

  private LambdaSizing() {}

  public static void main(String[] args) throws Exception {
    if (args.length >= 2 && args[0].equals("server")) {
      serve(images(Arrays.asList(args).subList(1, args.length)));
    } else if (args.length >= 3 && args[0].equals("measure")) {
      measure(URI.create(args[1]), Options.parse(Arrays.asList(args).subList(2, args.length)));
    } else {
      System.err.println(
          "usage: LambdaSizing server DIR_OR_FILE... | measure ENDPOINT DIR_OR_FILE... "
              + "[--primed] [--first NAME] [--passes N] [--cold-only]");
      System.exit(2);
    }
  }

  /** What to measure. */
  record Options(List<String> inputs, boolean primed, String first, int passes, boolean coldOnly) {
    static Options parse(List<String> args) {
      List<String> inputs = new ArrayList<>();
      boolean primed = false;
      boolean coldOnly = false;
      String first = null;
      int passes = 2;
      for (int i = 0; i < args.size(); i++) {
        switch (args.get(i)) {
          case "--primed" -> primed = true;
          case "--cold-only" -> coldOnly = true;
          case "--first" -> first = args.get(++i);
          case "--passes" -> passes = Integer.parseInt(args.get(++i));
          default -> inputs.add(args.get(i));
        }
      }
      if (passes < 1 || passes > 3) {
        throw new IllegalArgumentException("--passes must be 1..3 (the server uploads w1/..w3/)");
      }
      return new Options(inputs, primed, first, passes, coldOnly);
    }
  }

  private static void serve(List<Path> images) throws Exception {
    InProcessS3 s3 = InProcessS3.start();
    try (S3Client setup =
        InProcessS3.client(
            s3.endpoint(), "thumbflow-test", "thumbflow-test-secret", Region.US_EAST_1)) {
      setup.createBucket(b -> b.bucket(SOURCE));
      setup.createBucket(b -> b.bucket(THUMBS));
      for (Path image : images) {
        byte[] bytes = Files.readAllBytes(image);
        for (String prefix : PREFIXES) {
          setup.putObject(
              b -> b.bucket(SOURCE).key(prefix + image.getFileName()),
              RequestBody.fromBytes(bytes));
        }
      }
    }
    System.out.println(s3.endpoint());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  private static void measure(URI endpoint, Options o) throws Exception {
    List<Path> images = images(o.inputs());
    String first = o.first() != null ? o.first() : images.get(0).getFileName().toString();
    System.setProperty("aws.accessKeyId", "thumbflow-test");
    System.setProperty("aws.secretAccessKey", "thumbflow-test-secret");
    System.setProperty("aws.region", "us-east-1");
    boolean peakReset = resetPeakRss();
    long t0 = System.nanoTime();
    // Each run writes below its own prefix: an existing, up-to-date thumbnail would make the
    // handler skip.
    String outputPrefix = "thumbs/" + Long.toHexString(System.nanoTime()) + "/";
    ThumbnailConfig config =
        new ThumbnailConfig(
            THUMBS, List.of(SOURCE), outputPrefix, Recipe.DEFAULT, Limits.DEFAULT, endpoint, false);
    ThumbnailHandler handler =
        new ThumbnailHandler(config, null, PipelineMetrics.fromEnvironment());
    double initMs = (System.nanoTime() - t0) / 1e6;
    double primeMs = 0;
    if (o.primed()) {
      long p = System.nanoTime();
      handler.prime();
      primeMs = (System.nanoTime() - p) / 1e6;
    }
    Invoked cold = invoke(handler, List.of("cold/" + first));
    Map<String, String> result = new LinkedHashMap<>();
    result.put("primed", Boolean.toString(o.primed()));
    result.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
    result.put("max_heap_mb", Long.toString(Runtime.getRuntime().maxMemory() >> 20));
    result.put("init_ms", fmt(initMs));
    result.put("prime_ms", fmt(primeMs));
    result.put("first_ms", fmt(cold.ms()));
    result.put("first_status", cold.statuses());
    if (!o.coldOnly()) {
      double[] perImage = new double[images.size()];
      List<String> failed = new ArrayList<>();
      for (int pass = 1; pass <= o.passes(); pass++) {
        for (int i = 0; i < images.size(); i++) {
          String key = "w" + pass + "/" + images.get(i).getFileName();
          Invoked r = invoke(handler, List.of(key));
          perImage[i] = r.ms();
          if (!r.statuses().equals("ok")) failed.add(key + ":" + r.statuses());
        }
      }
      long b0 = System.nanoTime();
      for (int from = 0; from < images.size(); from += BATCH) {
        List<String> keys = new ArrayList<>();
        for (Path image : images.subList(from, Math.min(images.size(), from + BATCH))) {
          keys.add("batch/" + image.getFileName());
        }
        invoke(handler, keys);
      }
      double batchMsPerImage = (System.nanoTime() - b0) / 1e6 / images.size();
      double[] sorted = perImage.clone();
      Arrays.sort(sorted);
      result.put("images", Integer.toString(images.size()));
      result.put("warm_median_ms", fmt(median(sorted)));
      result.put("warm_mean_ms", fmt(Arrays.stream(sorted).average().orElse(Double.NaN)));
      result.put("warm_max_ms", fmt(sorted[sorted.length - 1]));
      result.put("batch25_ms_per_image", fmt(batchMsPerImage));
      result.put("failed", Integer.toString(failed.size()));
      failed.forEach(f -> System.err.println("not ok: " + f));
    }
    result.put("peak_rss_mb", peakRssMb() + (peakReset ? "" : "(whole-jvm)"));
    StringBuilder line = new StringBuilder("RESULT");
    result.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
    System.out.println(line);
  }

  /** One invocation's wall time and its items' statuses (comma-joined, "ok" when all are). */
  record Invoked(double ms, String statuses) {}

  private static Invoked invoke(ThumbnailHandler handler, List<String> keys) throws IOException {
    Object event =
        keys.size() == 1
            ? Map.of("bucket", SOURCE, "key", keys.get(0))
            : Map.of(
                "Items",
                keys.stream().map(k -> Map.of("Key", k)).toList(),
                "BatchInput",
                Map.of("bucket", SOURCE));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long t = System.nanoTime();
    handler.handleRequest(
        new ByteArrayInputStream(JSON.writeValueAsBytes(event)),
        out,
        new FakeContext("sizing-" + keys.get(0).hashCode()));
    double ms = (System.nanoTime() - t) / 1e6;
    JsonNode root = JSON.readTree(out.toByteArray());
    List<String> statuses = new ArrayList<>();
    for (JsonNode r : root.has("results") ? root.get("results") : List.of(root)) {
      statuses.add(r.path("status").asText());
    }
    boolean allOk = statuses.stream().allMatch("ok"::equals);
    return new Invoked(ms, allOk ? "ok" : String.join(",", statuses));
  }

  static List<Path> images(List<String> inputs) throws IOException {
    List<Path> out = new ArrayList<>();
    for (String input : inputs) {
      Path p = Path.of(input);
      if (Files.isDirectory(p)) {
        try (Stream<Path> files = Files.list(p)) {
          files
              .filter(
                  f ->
                      f.getFileName()
                          .toString()
                          .toLowerCase(Locale.ROOT)
                          .matches(".*\\.(jpe?g|png)"))
              .sorted()
              .forEach(out::add);
        }
      } else {
        out.add(p);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no .jpg/.jpeg/.png images in " + inputs);
    }
    return out;
  }

  static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** Linux: writing 5 to clear_refs resets the process's peak RSS (VmHWM). */
  private static boolean resetPeakRss() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static String peakRssMb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.toString(Long.parseLong(line.replaceAll("\\D", "")) >> 10);
      }
    }
    return "n/a";
  }
}
