package io.thumbflow.lambda.aggregate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thumbflow.lambda.json.LambdaJson;
import io.thumbflow.lambda.s3.S3FaultException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Reads a Distributed Map ResultWriter export: {@code manifest.json} ({@code {"DestinationBucket",
 * "MapRunArn", "ResultFiles": {"SUCCEEDED": [{"Key","Size"}], "FAILED": [...], "PENDING": [...]}}})
 * and then each listed result file, a JSON array (or JSON Lines) of child executions {@code
 * {"ExecutionArn", "Input", "Output" | "Error"+"Cause", "Status", ...}}
 * (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html).
 *
 * <p>Result files are read as streams, one child-execution record at a time: a Map Run of 100,000
 * images writes result files of a hundred MB and more, which a function with 512 MB cannot hold as
 * text and tree.
 */
public final class ResultWriterManifest {
  private static final ObjectMapper JSON = LambdaJson.MAPPER;

  private final S3Client s3;
  private int gets;
  private int lists;

  public ResultWriterManifest(S3Client s3) {
    this.s3 = s3;
  }

  /**
   * Passes every child-execution record of the Map Run to {@code records}; returns the number of
   * result files read.
   */
  public int read(String bucket, String manifestKey, Consumer<JsonNode> records)
      throws IOException {
    List<ResultFile> files;
    try (InputStream in = get(bucket, manifestKey)) {
      files = resultFiles(in, bucket, manifestKey);
    }
    for (ResultFile file : files) {
      try (InputStream in = get(file.bucket(), file.key())) {
        parseResultFile(in, records);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalArgumentException(
            file.uri() + " is not a ResultWriter result file: " + e.getOriginalMessage(), e);
      } catch (S3FaultException e) {
        throw e;
      } catch (IOException e) {
        // The body broke off mid-read: a fault the state machine's Retry can cure.
        throw new S3FaultException(
            "S3 GetObject " + file.uri() + " failed while reading: " + e.getMessage(), e);
      }
    }
    return files.size();
  }

  /** A result file named by the manifest. */
  record ResultFile(String bucket, String key) {
    String uri() {
      return "s3://" + bucket + "/" + key;
    }
  }

  /**
   * The result files that {@code manifest} (the content of s3://bucket/manifestKey) lists, in its
   * order; entries without a {@code Key} are skipped.
   *
   * @throws IOException when the manifest is not JSON
   * @throws IllegalArgumentException when it has no {@code ResultFiles} object
   */
  static List<ResultFile> resultFiles(InputStream manifest, String bucket, String manifestKey)
      throws IOException {
    JsonNode root = JSON.readTree(manifest);
    String resultBucket = root == null ? bucket : root.path("DestinationBucket").asText(bucket);
    JsonNode files = root == null ? null : root.path("ResultFiles");
    if (files == null || !files.isObject()) {
      throw new IllegalArgumentException(
          "s3://"
              + bucket
              + "/"
              + manifestKey
              + " is not a ResultWriter manifest (no ResultFiles)");
    }
    List<ResultFile> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
      for (JsonNode file : it.next().getValue()) {
        String key = file.path("Key").asText(null);
        if (key != null) out.add(new ResultFile(resultBucket, key));
      }
    }
    return out;
  }

  /**
   * The key of the first {@code manifest.json} below {@code prefix}, if any: where a Map Run that
   * failed (its ItemReader, or its failure threshold) left the results it exported, its output
   * naming none.
   */
  public Optional<String> findManifest(String bucket, String prefix) throws S3FaultException {
    String token = null;
    do {
      String continuation = token;
      ListObjectsV2Response page;
      try {
        lists++;
        page =
            s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).continuationToken(continuation));
      } catch (SdkException e) {
        throw new S3FaultException(
            "S3 ListObjectsV2 s3://" + bucket + "/" + prefix + " failed: " + e.getMessage(), e);
      }
      for (S3Object o : page.contents()) {
        if (o.key().endsWith("/manifest.json")) return Optional.of(o.key());
      }
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null);
    return Optional.empty();
  }

  /** GET requests made so far (the manifest and each result file). */
  public int gets() {
    return gets;
  }

  /** LIST requests made so far. */
  public int lists() {
    return lists;
  }

  /**
   * Reads a result file: a JSON array of records, or JSON Lines (ResultWriter's {@code JSONL}
   * output type), one record at a time.
   */
  static void parseResultFile(InputStream raw, Consumer<JsonNode> records) throws IOException {
    PushbackInputStream in = new PushbackInputStream(raw, 1);
    int first;
    do {
      first = in.read();
    } while (first == ' '
        || first == '\n'
        || first == '\r'
        || first == '\t'
        || first == 0xEF
        || first == 0xBB
        || first == 0xBF);
    if (first < 0) return;
    in.unread(first);
    if (first == '[') {
      try (JsonParser p = JSON.getFactory().createParser(in)) {
        if (p.nextToken() != JsonToken.START_ARRAY)
          throw new IOException("result file is not a JSON array");
        while (p.nextToken() == JsonToken.START_OBJECT) {
          records.accept(p.readValueAsTree());
        }
        if (p.currentToken() != JsonToken.END_ARRAY) {
          throw new IOException(
              "result file holds something other than records: " + p.currentToken());
        }
      }
      return;
    }
    BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      if (!line.isBlank()) records.accept(JSON.readTree(line));
    }
  }

  private InputStream get(String bucket, String key) throws S3FaultException {
    try {
      gets++;
      ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key));
      return in;
    } catch (SdkException e) {
      throw new S3FaultException(
          "S3 GetObject s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
    }
  }
}
