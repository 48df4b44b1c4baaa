package io.thumbflow.lambda.aggregate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thumbflow.lambda.json.LambdaJson;
import io.thumbflow.lambda.s3.S3FaultException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Reads a Distributed Map ResultWriter export: {@code manifest.json}
 * ({@code {"DestinationBucket", "MapRunArn", "ResultFiles": {"SUCCEEDED": [{"Key","Size"}], "FAILED": [...],
 * "PENDING": [...]}}}) and then each listed result file, a JSON array (or JSON Lines) of child executions
 * {@code {"ExecutionArn", "Input", "Output" | "Error"+"Cause", "Status", ...}}
 * (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html).
 */
public final class ResultWriterManifest {
  private static final ObjectMapper JSON = LambdaJson.MAPPER;

  private final S3Client s3;

  public ResultWriterManifest(S3Client s3) {
    this.s3 = s3;
  }

  /** Adds every execution of the Map Run to {@code collector}; returns the number of result files read. */
  public int readInto(String bucket, String manifestKey, ResultCollector collector) throws IOException {
    int read = 0;
    for (ResultFile file : resultFiles(get(bucket, manifestKey), bucket, manifestKey)) {
      collector.add(parseResultFile(get(file.bucket(), file.key())));
      read++;
    }
    return read;
  }

  /** A result file named by the manifest. */
  record ResultFile(String bucket, String key) {}

  /**
   * The result files that {@code manifest} (the text of s3://bucket/manifestKey) lists, in its order; entries
   * without a {@code Key} are skipped.
   *
   * @throws IOException when the manifest is not JSON
   * @throws IllegalArgumentException when it has no {@code ResultFiles} object
   */
  static List<ResultFile> resultFiles(String manifest, String bucket, String manifestKey) throws IOException {
    JsonNode root = JSON.readTree(manifest);
    String resultBucket = root.path("DestinationBucket").asText(bucket);
    JsonNode files = root.path("ResultFiles");
    if (!files.isObject()) {
      throw new IllegalArgumentException("s3://" + bucket + "/" + manifestKey
          + " is not a ResultWriter manifest (no ResultFiles)");
    }
    List<ResultFile> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> status = it.next();
      for (JsonNode file : status.getValue()) {
        String key = file.path("Key").asText(null);
        if (key != null) {
          out.add(new ResultFile(resultBucket, key));
        }
      }
    }
    return out;
  }

  /** A JSON array, or JSON Lines when ResultWriter's OutputType is JSONL. */
  static JsonNode parseResultFile(String text) throws IOException {
    String t = text.strip();
    if (t.startsWith("[")) {
      return JSON.readTree(t);
    }
    var array = JSON.createArrayNode();
    for (String line : t.split("\n")) {
      if (!line.isBlank()) {
        array.add(JSON.readTree(line));
      }
    }
    return array;
  }

  private String get(String bucket, String key) throws S3FaultException {
    try {
      return new String(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray(), StandardCharsets.UTF_8);
    } catch (SdkException e) {
      throw new S3FaultException("S3 GetObject s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
    }
  }
}
