package io.thumbflow.lambda.tools;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thumbflow.core.ImageResult;
import io.thumbflow.core.Invocation;
import io.thumbflow.core.RenditionResult;
import io.thumbflow.core.RenditionTimings;
import io.thumbflow.core.RequestCounts;
import io.thumbflow.core.StageTimings;
import io.thumbflow.lambda.AggregateHandler;
import io.thumbflow.lambda.aggregate.RunSummary;
import io.thumbflow.lambda.config.AggregateConfig;
import io.thumbflow.lambda.support.FakeContext;
import io.thumbflow.lambda.support.InProcessS3;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Measures the aggregate step over a Map Run of many images (issue 10, defect 11): a child JVM runs
 * s3proxy holding a synthesised ResultWriter export of the documented shape (manifest.json,
 * SUCCEEDED_0.json and FAILED_0.json: arrays of child-execution records whose Input and Output are
 * JSON strings, batches of 25 items with 168-byte keys, one batch in 20 failed), and this JVM runs
 * AggregateHandler on it, as the function would. Prints time, this JVM's peak RSS and peak heap,
 * and the summary; asserts nothing. Run it with the heap a 512 MB function's JVM gets, e.g.
 *
 * <pre>
 * java -Xmx435m -XX:+UseSerialGC -cp "functions/lambda/target/test-classes:functions/lambda/target/classes:$(cat cp.txt)" \
 *   io.thumbflow.lambda.tools.AggregateAtScale 100000
 * </pre>
 */
public final class AggregateAtScale {
  private static final String THUMBS = "thumbflow-thumbs-example";
  private static final String PREFIX = "map-runs/run-scale/4f1c/";
  private static final int BATCH = 25;
  private static final ObjectMapper JSON = new ObjectMapper();

  private AggregateAtScale() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 1 && args[0].equals("--server")) {
      serve(Integer.parseInt(args[1]));
      return;
    }
    int items = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Process server =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g",
                "-cp",
                System.getProperty("java.class.path"),
                AggregateAtScale.class.getName(),
                "--server",
                Integer.toString(items))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      URI endpoint = URI.create(lines.readLine());
      String manifestKey = lines.readLine();
      S3Client s3 =
          InProcessS3.client(endpoint, "thumbflow-test", "thumbflow-test-secret", Region.US_EAST_1);
      long heapBefore = peakHeapBytes();
      long t0 = System.nanoTime();
      AggregateHandler handler =
          new AggregateHandler(new AggregateConfig(THUMBS, "reports/", endpoint), s3);
      ObjectNode event = JSON.createObjectNode();
      event.put("runId", "run-scale");
      ObjectNode input = event.putObject("input");
      input.putObject("manifest").put("bucket", "thumbflow-source-example").put("key", "m.json");
      input
          .putObject("mapRun")
          .putObject("ResultWriterDetails")
          .put("Bucket", THUMBS)
          .put("Key", manifestKey);
      RunSummary summary = handler.handle(event, new FakeContext("aggregate-at-scale"));
      double seconds = (System.nanoTime() - t0) / 1e9;
      long reportBytes =
          s3.headObject(b -> b.bucket(THUMBS).key(summary.reportKey())).contentLength();
      System.out.printf(
          "aggregated %d items in %.1f s: %d ok, %d failed; report.json %.1f MB%n",
          summary.images(), seconds, summary.succeeded(), summary.failed(), reportBytes / 1e6);
      System.out.printf(
          "max heap %d MB; peak heap used %d MB (before: %d MB); peak RSS %d MB%n",
          Runtime.getRuntime().maxMemory() >> 20,
          peakHeapBytes() >> 20,
          heapBefore >> 20,
          peakRssKb() >> 10);
    } finally {
      server.destroy();
      server.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Child: s3proxy with the synthesised export; prints its endpoint and the manifest's key. */
  private static void serve(int items) throws Exception {
    InProcessS3 s3 = InProcessS3.start();
    S3Client client = s3.client();
    client.createBucket(b -> b.bucket(THUMBS));
    Path succeeded = Files.createTempFile("SUCCEEDED", ".json");
    Path failed = Files.createTempFile("FAILED", ".json");
    int[] counts = writeResultFiles(items, succeeded, failed);
    client.putObject(
        b -> b.bucket(THUMBS).key(PREFIX + "SUCCEEDED_0.json"), RequestBody.fromFile(succeeded));
    client.putObject(
        b -> b.bucket(THUMBS).key(PREFIX + "FAILED_0.json"), RequestBody.fromFile(failed));
    String manifest =
        """
        {"DestinationBucket": "%s", "MapRunArn": "arn:aws:states:us-east-1:123456789012:mapRun:sm/ThumbnailJsonManifest:4f1c",
         "ResultFiles": {"FAILED": [{"Key": "%sFAILED_0.json", "Size": %d}], "PENDING": [],
                         "SUCCEEDED": [{"Key": "%sSUCCEEDED_0.json", "Size": %d}]}}
        """
            .formatted(THUMBS, PREFIX, Files.size(failed), PREFIX, Files.size(succeeded));
    client.putObject(
        b -> b.bucket(THUMBS).key(PREFIX + "manifest.json"), RequestBody.fromString(manifest));
    System.err.printf(
        "export: %d child executions (%d failed), SUCCEEDED_0.json %.1f MB%n",
        counts[0], counts[1], Files.size(succeeded) / 1e6);
    Files.delete(succeeded);
    Files.delete(failed);
    System.out.println(s3.endpoint());
    System.out.println(PREFIX + "manifest.json");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  /** Writes both result files record by record; returns {children, failed children}. */
  static int[] writeResultFiles(int items, Path succeeded, Path failed) throws IOException {
    int children = 0;
    int failedChildren = 0;
    try (OutputStream okOut = Files.newOutputStream(succeeded);
        OutputStream badOut = Files.newOutputStream(failed);
        JsonGenerator ok = JSON.getFactory().createGenerator(okOut);
        JsonGenerator bad = JSON.getFactory().createGenerator(badOut)) {
      ok.writeStartArray();
      bad.writeStartArray();
      for (int first = 0; first < items; first += BATCH) {
        List<String> keys = new ArrayList<>();
        for (int i = first; i < Math.min(items, first + BATCH); i++) keys.add(key(i));
        ObjectNode input = JSON.createObjectNode();
        input.putObject("BatchInput").put("bucket", "thumbflow-source-example");
        keys.forEach(k -> input.withArray("Items").addObject().put("key", k));
        ObjectNode record = JSON.createObjectNode();
        String name = "child-" + children;
        record
            .put(
                "ExecutionArn",
                "arn:aws:states:us-east-1:123456789012:express:sm/ThumbnailJsonManifest:4f1c:"
                    + name)
            .put("Input", input.toString())
            .put("Name", name)
            .put("StartDate", "2026-12-05T10:00:00.000Z")
            .put("StopDate", "2026-12-05T10:00:04.000Z")
            .put(
                "StateMachineArn",
                "arn:aws:states:us-east-1:123456789012:stateMachine:sm/ThumbnailJsonManifest");
        record.putObject("InputDetails").put("Included", true);
        children++;
        if (children % 20 == 0) {
          failedChildren++;
          record
              .put("Status", "FAILED")
              .put("Error", "States.Timeout")
              .put("Cause", "Express child timed out");
          JSON.writeTree(bad, record);
        } else {
          List<ImageResult> results = new ArrayList<>();
          String request = "req-" + children;
          for (String k : keys) results.add(result(k, request));
          record
              .put("Status", "SUCCEEDED")
              .put("Output", JSON.writeValueAsString(java.util.Map.of("results", results)));
          record.putObject("OutputDetails").put("Included", true);
          JSON.writeTree(ok, record);
        }
      }
      ok.writeEndArray();
      bad.writeEndArray();
    }
    return new int[] {children, failedChildren};
  }

  /** A key of 168 bytes, as the measurement in the issue used. */
  private static String key(int i) {
    String head = String.format("photos/%07d/", i);
    return head + "x".repeat(168 - head.length() - 4) + ".jpg";
  }

  private static ImageResult result(String key, String request) {
    long start = 1796500000000L;
    return new ImageResult(
        key,
        ImageResult.OK,
        "JPEG",
        4000,
        3000,
        List.of(
            new RenditionResult(
                "thumb", null, 50, 38, "JPEG", 1400, new RenditionTimings(1.2, 3.4, 0.8, 12.1))),
        null,
        new StageTimings(30.5, 41.2, 1.2, 3.4, 0.8, 12.1),
        null,
        request,
        start,
        start + 90,
        48.3,
        new RequestCounts(1, 1, 1),
        new Invocation(request, 1024, 2400, "arm64", false),
        null);
  }

  private static long peakHeapBytes() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) sum += pool.getPeakUsage().getUsed();
    }
    return sum;
  }

  private static long peakRssKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", ""));
    }
    return 0;
  }
}
