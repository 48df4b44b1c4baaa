package io.thumbflow.lambda.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.thumbflow.lambda.tools.AggregateAtScale;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The aggregate step over a Map Run of 100,000 images, in a JVM with a smaller heap than a 512 MB
 * function's (300 MB against about 435 MB): it streams the ResultWriter files and the report, so it
 * finishes; read whole, the 97 MB result file alone would not fit. Runs {@link AggregateAtScale}
 * (which prints time and memory).
 */
class AggregateOfAHundredThousandItemsTest {
  @Test
  void aggregatesAHundredThousandResultsInAThreeHundredMegabyteHeap() throws Exception {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx300m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                AggregateAtScale.class.getName(),
                "100000")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).as(out).isTrue();
    System.out.print(out);
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("aggregated 100000 items").contains("95000 ok, 5000 failed");
  }
}
