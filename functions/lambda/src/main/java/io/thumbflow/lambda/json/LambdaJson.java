package io.thumbflow.lambda.json;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thumbflow.core.ImageResult;

/**
 * The one JSON mapper of the functions: compact, tolerant of unknown fields, and writing
 * {@link ImageResult} exactly as the local report does (record components only).
 */
public final class LambdaJson {
  /** Thread-safe once configured. */
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .addMixIn(ImageResult.class, ImageResultMixIn.class);

  private LambdaJson() {}

  /** Keeps the convenience predicates of {@link ImageResult} out of the JSON. */
  private abstract static class ImageResultMixIn {
    @JsonIgnore
    abstract boolean isOk();

    @JsonIgnore
    abstract boolean isFailed();
  }
}
