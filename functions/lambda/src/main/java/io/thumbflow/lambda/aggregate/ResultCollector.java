package io.thumbflow.lambda.aggregate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageError;
import io.thumbflow.core.ImageResult;
import io.thumbflow.core.StageTimings;
import io.thumbflow.lambda.input.InvocationParser;
import io.thumbflow.lambda.input.ObjectRef;
import io.thumbflow.lambda.json.LambdaJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Turns whatever the Map state hands the aggregation step into {@link ImageResult}s, one at a time,
 * for a consumer: single results, {@code {"results": [...]}} batches, nested arrays, Step Functions
 * Catch outputs ({@code {"Error", "Cause", "item"}} or an item with an {@code "error": {"Error",
 * "Cause"}} field), and Distributed Map child-execution records from ResultWriter files ({@code
 * {"Status", "Input", "Output"}}, Input/Output being JSON strings). Catch outputs and failed
 * executions become failed items, one per input object; their error type is the {@link ErrorType}
 * named by {@code Error} (also as the last dotted part, e.g. {@code io.thumbflow.Truncated}),
 * {@code WriteFailed} for an S3 write fault, {@code Timeout} for Step Functions and Lambda
 * time-outs, otherwise {@code ReadFailed}; the message keeps the original Error and Cause. A
 * failure that names no object gets a null source, never a made-up one.
 */
public final class ResultCollector {
  private static final int MAX_MESSAGE_CHARS = 500;
  private static final ObjectMapper JSON = LambdaJson.MAPPER;

  private final InvocationParser itemParser = new InvocationParser(null);
  private final Consumer<ImageResult> sink;

  /**
   * @param sink receives every result, in the order found
   */
  public ResultCollector(Consumer<ImageResult> sink) {
    this.sink = sink;
  }

  /** A collector into a list, for callers with few results. */
  public static ResultCollector into(List<ImageResult> list) {
    return new ResultCollector(list::add);
  }

  /** Adds every result found in {@code node}. */
  public void add(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return;
    }
    if (node.isArray()) {
      node.forEach(this::add);
      return;
    }
    if (node.isTextual()) {
      JsonNode parsed = parseOrNull(node.asText());
      if (parsed != null && (parsed.isObject() || parsed.isArray())) {
        add(parsed);
      } else {
        unrecognised(node);
      }
      return;
    }
    if (!node.isObject()) {
      unrecognised(node);
      return;
    }
    if (node.has("status") && (node.has("source") || node.has("error") || node.has("reason"))) {
      ImageResult result = asResult(node);
      if (result != null) {
        sink.accept(normalised(result));
      } else {
        unrecognised(node);
      }
    } else if (node.has("results")) {
      add(node.get("results"));
    } else if (node.has("ExecutionArn") && node.has("Status")) {
      childExecution(node);
    } else if (node.hasNonNull("Error")) {
      JsonNode item =
          node.has("item") ? node.get("item") : node.has("Input") ? node.get("Input") : node;
      caught(item, node.get("Error").asText(), node.path("Cause").asText(""));
    } else if (node.path("error").hasNonNull("Error")) {
      JsonNode error = node.get("error");
      caught(node, error.get("Error").asText(), error.path("Cause").asText(""));
    } else {
      unrecognised(node);
    }
  }

  /**
   * {@code node} as an item result, or null when a field has the wrong type or range (a width of
   * {}, ...).
   */
  private static ImageResult asResult(JsonNode node) {
    try {
      return JSON.convertValue(node, ImageResult.class);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private void childExecution(JsonNode node) {
    String status = node.get("Status").asText();
    if ("SUCCEEDED".equals(status)) {
      JsonNode output = node.get("Output");
      JsonNode parsed =
          output != null && output.isTextual() ? parseOrNull(output.asText()) : output;
      if (parsed == null) {
        unrecognised(node);
      } else {
        add(parsed);
      }
      return;
    }
    String error = node.hasNonNull("Error") ? node.get("Error").asText() : "States." + status;
    String cause =
        node.hasNonNull("Cause")
            ? node.get("Cause").asText()
            : "child execution " + node.get("ExecutionArn").asText() + " ended " + status;
    caught(node.get("Input"), error, cause);
  }

  private void caught(JsonNode item, String error, String cause) {
    JsonNode input = item != null && item.isTextual() ? parseOrNull(item.asText()) : item;
    ErrorType type = typeOf(error);
    String message = oneLine(error + ": " + causeMessage(cause));
    long now = System.currentTimeMillis();
    List<String> keys = new ArrayList<>();
    if (input != null) {
      try {
        for (ObjectRef ref : itemParser.parse(input).items()) {
          keys.add(ref.key() == null || ref.key().isEmpty() ? null : ref.key());
        }
      } catch (IllegalArgumentException e) {
        // no item shape: one failure without a source below
      }
    }
    if (keys.isEmpty()) {
      keys.add(null);
    }
    for (String key : keys) {
      String shown = key == null ? "(unknown source)" : ImageError.shortName(key);
      sink.accept(
          ImageResult.failed(
              key,
              new ImageError(type.name(), shown + ": " + message),
              StageTimings.ZERO,
              "step-functions",
              now,
              now));
    }
  }

  private void unrecognised(JsonNode node) {
    long now = System.currentTimeMillis();
    String text = oneLine(node.toString());
    sink.accept(
        ImageResult.failed(
            null,
            new ImageError(
                ErrorType.ReadFailed.name(), "(unknown source): unrecognised Map result: " + text),
            StageTimings.ZERO,
            "step-functions",
            now,
            now));
  }

  /**
   * A failed result whose error type is not an {@link ErrorType} name (a state machine's Catch
   * turned into a result by a Pass state: type = Step Functions' Error, message = its Cause) gets a
   * typed error.
   */
  private static ImageResult normalised(ImageResult r) {
    if (!r.isFailed()
        || r.error() == null
        || r.error().type() == null
        || isErrorTypeName(r.error().type())) {
      return r;
    }
    String shown = r.source() == null ? "(unknown source)" : ImageError.shortName(r.source());
    String message =
        oneLine(shown + ": " + r.error().type() + ": " + causeMessage(r.error().message()));
    return r.withError(new ImageError(typeOf(r.error().type()).name(), message))
        .withTimings(r.timingsMs() == null ? StageTimings.ZERO : r.timingsMs());
  }

  private static boolean isErrorTypeName(String type) {
    for (ErrorType t : ErrorType.values()) {
      if (t.name().equals(type)) {
        return true;
      }
    }
    return "InternalError".equals(type);
  }

  static ErrorType typeOf(String error) {
    if (error == null) {
      return ErrorType.ReadFailed;
    }
    String simple = error.substring(error.lastIndexOf('.') + 1);
    for (ErrorType t : ErrorType.values()) {
      if (t.name().equals(error) || t.name().equals(simple)) {
        return t;
      }
    }
    if (simple.equals("S3WriteFaultException")) {
      return ErrorType.WriteFailed;
    }
    String lower = error.toLowerCase(Locale.ROOT);
    if (lower.contains("timeout") || lower.contains("timedout")) {
      return ErrorType.Timeout;
    }
    return ErrorType.ReadFailed;
  }

  /**
   * A Lambda error Cause is itself JSON ({@code {"errorMessage", "errorType", ...}}); keep the
   * message.
   */
  private static String causeMessage(String cause) {
    JsonNode parsed = parseOrNull(cause);
    if (parsed != null && parsed.hasNonNull("errorMessage")) {
      return parsed.get("errorMessage").asText();
    }
    return cause;
  }

  private static String oneLine(String s) {
    String t = s == null ? "" : s.replaceAll("\\s+", " ").trim();
    return t.length() > MAX_MESSAGE_CHARS ? t.substring(0, MAX_MESSAGE_CHARS) + "..." : t;
  }

  private static JsonNode parseOrNull(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
