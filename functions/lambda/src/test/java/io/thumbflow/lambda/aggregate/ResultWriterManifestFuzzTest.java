package io.thumbflow.lambda.aggregate;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.thumbflow.core.ImageResult;
import io.thumbflow.core.report.RunReport;
import io.thumbflow.lambda.support.SampleEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the aggregation step's reading of a Distributed Map ResultWriter export: the manifest
 * ({@link ResultWriterManifest#resultFiles}) and each result file ({@link
 * ResultWriterManifest#parseResultFile}, streamed, then {@link ResultCollector} and the run report,
 * as {@code readInto} and the handler use them). Bad text ends in an {@link IOException} with a
 * message, or, for a manifest without ResultFiles, the reader's own IllegalArgumentException;
 * collecting what parsed never throws.
 */
class ResultWriterManifestFuzzTest {
  private static final String BUCKET = SampleEvents.THUMBS_BUCKET;
  private static final String KEY = "results/run-1/manifest.json";

  static Stream<Arguments> manifests() {
    return Stream.of(
        seed(
            "manifest.json",
            """
        {"DestinationBucket": "thumbflow-thumbs-example",
         "MapRunArn": "arn:aws:states:us-east-1:123456789012:mapRun:sm/Map:1",
         "ResultFiles": {"FAILED": [{"Key": "results/run-1/FAILED_0.json", "Size": 2043}],
                         "PENDING": [], "SUCCEEDED": [{"Key": "results/run-1/SUCCEEDED_0.json", "Size": 512}]}}"""));
  }

  static Stream<Arguments> resultFiles() {
    String succeeded =
        """
        {"ExecutionArn": "arn:aws:states:us-east-1:123456789012:execution:sm/Map:1",
         "Input": "{\\"BatchInput\\":{\\"bucket\\":\\"b\\"},\\"Items\\":[{\\"Key\\":\\"a.jpg\\"}]}",
         "Output": "{\\"results\\":[{\\"source\\":\\"a.jpg\\",\\"status\\":\\"ok\\",\\"width\\":50,\\"height\\":40,\
        \\"timingsMs\\":{\\"read\\":1.0,\\"decode\\":2.0},\\"startMs\\":1,\\"endMs\\":9}]}",
         "Status": "SUCCEEDED"}""";
    String failed =
        """
        {"ExecutionArn": "arn:aws:states:us-east-1:123456789012:execution:sm/Map:2",
         "Input": "{\\"bucket\\":\\"b\\",\\"key\\":\\"c.png\\"}", "Status": "FAILED",
         "Error": "io.thumbflow.lambda.s3.S3FaultException",
         "Cause": "{\\"errorMessage\\":\\"Slow Down\\",\\"errorType\\":\\"S3FaultException\\"}"}""";
    return Stream.of(
        seed("array.json", "[" + succeeded + "," + failed + "]"),
        seed("lines.jsonl", succeeded.replace("\n", " ") + "\n" + failed.replace("\n", " ") + "\n"),
        seed(
            "aggregate-input.json",
            new String(SampleEvents.bytes("aggregate-input.json"), StandardCharsets.UTF_8)));
  }

  @MethodSource("manifests")
  @DictionaryEntries({
    "\"ResultFiles\"",
    "\"DestinationBucket\"",
    "\"Key\"",
    "\"SUCCEEDED\"",
    "\"FAILED\""
  })
  @FuzzTest
  void readManifest(byte[] data) {
    List<ResultWriterManifest.ResultFile> files;
    try {
      files = ResultWriterManifest.resultFiles(new java.io.ByteArrayInputStream(data), BUCKET, KEY);
    } catch (IOException e) {
      checkMessage(e);
      return;
    } catch (IllegalArgumentException e) {
      if (!String.valueOf(e.getMessage())
          .endsWith("is not a ResultWriter manifest (no ResultFiles)")) {
        throw e;
      }
      return;
    }
    for (ResultWriterManifest.ResultFile f : files) {
      if (f.bucket() == null || f.key() == null) {
        throw new AssertionError("incomplete result file " + f);
      }
    }
  }

  @MethodSource("resultFiles")
  @DictionaryEntries({
    "\"ExecutionArn\"",
    "\"Status\"",
    "\"Input\"",
    "\"Output\"",
    "\"Error\"",
    "\"Cause\"",
    "\"results\"",
    "\"source\"",
    "\"status\"",
    "\"error\"",
    "\"item\"",
    "\"Items\"",
    "\"timingsMs\""
  })
  @FuzzTest
  void readResultFile(byte[] data) {
    List<ImageResult> items = new java.util.ArrayList<>();
    ResultCollector collector = ResultCollector.into(items);
    try {
      ResultWriterManifest.parseResultFile(new java.io.ByteArrayInputStream(data), collector::add);
    } catch (IOException e) {
      checkMessage(e);
      return;
    }
    RunReport.of(items, 0, Map.of("mode", "lambda"));
  }

  private static void checkMessage(IOException e) {
    if (e.getMessage() == null || e.getMessage().isBlank()) {
      throw new AssertionError("IOException without a message", e);
    }
  }

  private static Arguments seed(String name, String text) {
    return Arguments.of(Named.of(name, text.getBytes(StandardCharsets.UTF_8)));
  }
}
