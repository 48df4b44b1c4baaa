package io.thumbflow.core.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thumbflow.core.ImageResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads and writes the run report and per-image results as JSON (pretty, UTF-8). */
public final class ReportJson {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          // Readers of older/newer reports keep working when a field is added.
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private static final TypeReference<List<ImageResult>> ITEMS = new TypeReference<>() {};

  private ReportJson() {}

  /** The report as pretty-printed JSON. */
  public static String toJson(RunReport report) {
    try {
      return JSON.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the run report cannot be serialised", e);
    }
  }

  /**
   * Writes {@code summary} (whose own items are ignored) with {@code items} as its {@code items}
   * array, one result at a time, so a report of any size is written in little memory. The output
   * equals {@link #toJson} of the same report with those items.
   */
  public static void write(RunReport summary, Iterable<ImageResult> items, OutputStream out)
      throws IOException {
    ObjectNode head = JSON.valueToTree(summary);
    head.remove("items");
    try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      for (var it = head.fields(); it.hasNext(); ) {
        var field = it.next();
        g.writeFieldName(field.getKey());
        JSON.writeTree(g, field.getValue());
      }
      g.writeArrayFieldStart("items");
      for (ImageResult item : items) {
        JSON.writeValue(g, item);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.write(System.lineSeparator().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    out.flush();
  }

  /** One result as a single line of JSON (JSON Lines), e.g. for a journal or a spool file. */
  public static String toLine(ImageResult item) {
    try {
      return JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(item);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads one line written by {@link #toLine}. */
  public static ImageResult fromLine(String line) throws IOException {
    return JSON.readValue(line, ImageResult.class);
  }

  /** Writes the report to {@code file}, creating its parent folders. */
  public static void write(RunReport report, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, toJson(report) + System.lineSeparator());
  }

  /**
   * Reads per-image results: a JSON array of {@link ImageResult}, or an object holding one under
   * {@code items} (a run report) or {@code results} (a batch answer of the thumbnail Lambda).
   *
   * @throws IOException when the JSON is malformed or has neither shape
   */
  public static List<ImageResult> readItems(InputStream in) throws IOException {
    JsonNode root = JSON.readTree(in);
    JsonNode array =
        root == null
            ? null
            : root.isArray() ? root : root.has("items") ? root.get("items") : root.get("results");
    if (array == null || !array.isArray()) {
      throw new IOException(
          "expected a JSON array of image results (or an object with \"items\" or \"results\")");
    }
    try {
      return JSON.convertValue(array, ITEMS);
    } catch (IllegalArgumentException e) {
      throw new IOException("malformed image result: " + e.getMessage(), e);
    }
  }

  /** The single mapper's view of one result, e.g. for logs. */
  public static String toJson(ImageResult item) {
    try {
      return JSON.writeValueAsString(item);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
