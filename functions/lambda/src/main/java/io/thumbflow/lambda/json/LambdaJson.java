package io.thumbflow.lambda.json;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thumbflow.core.ImageResult;
import io.thumbflow.lambda.input.InvalidEventException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The one JSON mapper of the functions: compact, tolerant of unknown fields, and writing {@link
 * ImageResult} exactly as the local report does (record components only).
 */
public final class LambdaJson {
  /** Thread-safe once configured. */
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .addMixIn(ImageResult.class, ImageResultMixIn.class);

  private LambdaJson() {}

  /**
   * Parses a Lambda event.
   *
   * @throws InvalidEventException when the payload is not JSON (not worth a retry)
   */
  public static JsonNode readEvent(InputStream input) {
    try {
      return MAPPER.readTree(input);
    } catch (IOException e) {
      throw new InvalidEventException("event is not JSON: " + e.getMessage());
    }
  }

  /** Keeps the convenience predicates of {@link ImageResult} out of the JSON. */
  private abstract static class ImageResultMixIn {
    @JsonIgnore
    abstract boolean isOk();

    @JsonIgnore
    abstract boolean isFailed();
  }
}
