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
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Measures the thumbnail handler's first (cold) and second (warm) invocation in a fresh JVM,
 * in-process, against s3proxy running in a child JVM (so the server's class loading does not warm
 * this one). Prints numbers; asserts nothing. Not a test: run it by hand, e.g.
 *
 * <pre>
 * java -cp "functions/lambda/target/test-classes:functions/lambda/target/classes:$(cat cp.txt)" \
 *   io.thumbflow.lambda.tools.ColdWarmInvocation ../shared/corpus/photos/some.jpg [--primed]
 * </pre>
 *
 * {@code --primed} runs the SnapStart priming hook before the first invocation, as a restored
 * snapshot would have it. Also prints this JVM's peak RSS over handler init and the two invocations
 * (Linux), e.g. to check that a 50 MP image fits a 512 MB function: run it with {@code -Xmx445m} or
 * so.
 */
public final class ColdWarmInvocation {
  private static final String SOURCE = "thumbflow-source-example";
  private static final String THUMBS = "thumbflow-thumbs-example";

  private ColdWarmInvocation() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 1 && args[0].equals("--server")) {
      serve(Path.of(args[1]));
      return;
    }
    if (args.length < 1) {
      System.err.println("usage: ColdWarmInvocation PHOTO [--primed]");
      System.exit(2);
    }
    Path photo = Path.of(args[0]);
    boolean primed = List.of(args).contains("--primed");
    long jvmStartMs = ManagementFactory.getRuntimeMXBean().getUptime();

    Process server =
        new ProcessBuilder(
                javaBin(),
                "-cp",
                System.getProperty("java.class.path"),
                ColdWarmInvocation.class.getName(),
                "--server",
                photo.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      URI endpoint = URI.create(out.readLine().trim());
      System.setProperty("aws.accessKeyId", "thumbflow-test");
      System.setProperty("aws.secretAccessKey", "thumbflow-test-secret");
      System.setProperty("aws.region", "us-east-1");
      long bytes = Files.size(photo);
      // The server JVM uploaded the photo: this JVM has loaded nothing of the handler's yet.
      boolean peakReset = resetPeakRss();
      long t0 = System.nanoTime();
      ThumbnailConfig config =
          new ThumbnailConfig(
              THUMBS, List.of(SOURCE), "thumbs/", Recipe.DEFAULT, Limits.DEFAULT, endpoint, false);
      ThumbnailHandler handler =
          new ThumbnailHandler(config, null, PipelineMetrics.fromEnvironment());
      long t1 = System.nanoTime();
      long primeNs = 0;
      if (primed) {
        handler.prime();
        primeNs = System.nanoTime() - t1;
      }
      double cold = invoke(handler, "cold/" + photo.getFileName());
      double warm = invoke(handler, "warm/" + photo.getFileName());
      System.out.printf(
          Locale.ROOT, "photo            %s (%d bytes)%n", photo.getFileName(), bytes);
      System.out.printf(Locale.ROOT, "jvm uptime at main  %d ms%n", jvmStartMs);
      System.out.printf(Locale.ROOT, "handler init     %.1f ms%n", (t1 - t0) / 1e6);
      if (primed) {
        System.out.printf(
            Locale.ROOT,
            "priming          %.1f ms (before first invoke, as in a snapshot)%n",
            primeNs / 1e6);
      }
      System.out.printf(Locale.ROOT, "first invocation %.1f ms%n", cold);
      System.out.printf(Locale.ROOT, "warm invocation  %.1f ms%n", warm);
      System.out.printf(
          Locale.ROOT, "max heap         %d MB%n", Runtime.getRuntime().maxMemory() >> 20);
      System.out.printf(
          Locale.ROOT,
          "peak RSS         %s MB (%s)%n",
          peakRssMb(),
          peakReset
              ? "handler init and both invocations"
              : "the whole JVM: could not reset the peak");
    } finally {
      server.destroy();
    }
  }

  private static double invoke(ThumbnailHandler handler, String key) throws Exception {
    ObjectMapper json = new ObjectMapper();
    byte[] event = json.writeValueAsBytes(java.util.Map.of("bucket", SOURCE, "key", key));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long t = System.nanoTime();
    handler.handleRequest(
        new ByteArrayInputStream(event), out, new FakeContext("measure-" + key.hashCode()));
    double ms = (System.nanoTime() - t) / 1e6;
    JsonNode result = json.readTree(out.toByteArray());
    System.err.println(
        key + ": " + result.path("status").asText() + " " + result.path("timingsMs"));
    return ms;
  }

  /**
   * Serves S3 with the source and thumbs buckets, the photo uploaded under both keys, and prints
   * its endpoint.
   */
  private static void serve(Path photo) throws Exception {
    InProcessS3 s3 = InProcessS3.start();
    try (S3Client setup =
        InProcessS3.client(
            s3.endpoint(), "thumbflow-test", "thumbflow-test-secret", Region.US_EAST_1)) {
      setup.createBucket(b -> b.bucket(SOURCE));
      setup.createBucket(b -> b.bucket(THUMBS));
      for (String key : List.of("cold/" + photo.getFileName(), "warm/" + photo.getFileName())) {
        setup.putObject(b -> b.bucket(SOURCE).key(key), RequestBody.fromFile(photo));
      }
    }
    System.out.println(s3.endpoint());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  /** Linux: writing 5 to clear_refs resets the process's peak RSS (VmHWM). */
  private static boolean resetPeakRss() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
      return true;
    } catch (java.io.IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static String peakRssMb() throws java.io.IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.toString(Long.parseLong(line.replaceAll("\\D", "")) >> 10);
      }
    }
    return "n/a";
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
