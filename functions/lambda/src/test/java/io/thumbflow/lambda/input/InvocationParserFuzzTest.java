package io.thumbflow.lambda.input;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.thumbflow.lambda.config.ThumbnailConfig;
import io.thumbflow.lambda.json.LambdaJson;
import io.thumbflow.lambda.support.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes what the thumbnail function does with an invocation payload before touching S3: read it as
 * JSON ({@link LambdaJson#readEvent}), parse every event shape ({@link InvocationParser}, with and
 * without a default bucket) and vet each object ({@link SourceKeyPolicy}). It ends in items or the
 * parser's {@link InvalidEventException} with a message; never another exception. Seeded with
 * {@code events/*.json}.
 */
class InvocationParserFuzzTest {
  private static final ThumbnailConfig CONFIG =
      ThumbnailConfig.fromEnv(
          Map.of(
              ThumbnailConfig.THUMBS_BUCKET, SampleEvents.THUMBS_BUCKET,
              ThumbnailConfig.SOURCE_BUCKETS, SampleEvents.SOURCE_BUCKET));
  private static final SourceKeyPolicy POLICY = new SourceKeyPolicy(CONFIG);
  private static final InvocationParser[] PARSERS = {
    new InvocationParser(SampleEvents.SOURCE_BUCKET), new InvocationParser(null)
  };

  static Stream<Arguments> seeds() throws IOException {
    try (Stream<Path> files = Files.list(SampleEvents.dir())) {
      Stream<Arguments> events =
          files
              .filter(f -> f.toString().endsWith(".json"))
              .sorted()
              .map(f -> seed("events/" + f.getFileName(), read(f)))
              .toList()
              .stream();
      return Stream.concat(
          events,
          Stream.of(
              seed("bare-key", "\"photos/a b.jpg\""),
              seed(
                  "array-of-items",
                  "[{\"bucket\":\"b\",\"key\":\"k\"},\"k2\",{\"Key\":\"k3\",\"ETag\":\"\\\"e\\\"\"}]"),
              seed("csv-row", "{\"bucket\":\"\",\"key\":\"x/y.png\",\"etag\":\"abc\"}")));
    }
  }

  @MethodSource("seeds")
  @DictionaryEntries({
    "\"Records\"",
    "\"s3\"",
    "\"object\"",
    "\"key\"",
    "\"Key\"",
    "\"bucket\"",
    "\"name\"",
    "\"Items\"",
    "\"BatchInput\"",
    "\"detail\"",
    "\"eTag\"",
    "\"ETag\"",
    "\"executionId\"",
    "%2B",
    "%"
  })
  @FuzzTest
  void parse(byte[] data) {
    JsonNode event;
    try {
      event = LambdaJson.readEvent(new ByteArrayInputStream(data));
    } catch (InvalidEventException e) {
      checkMessage(e);
      return;
    }
    for (InvocationParser parser : PARSERS) {
      Invocation invocation;
      try {
        invocation = parser.parse(event);
      } catch (InvalidEventException e) {
        checkMessage(e);
        continue;
      }
      for (ObjectRef ref : invocation.items()) {
        if (ref == null) {
          throw new AssertionError("null item in " + invocation);
        }
        POLICY.refusal(ref).ifPresent(r -> checkReason(r.reason()));
        ref.uri();
      }
    }
  }

  private static void checkMessage(InvalidEventException e) {
    if (e.getClass() != InvalidEventException.class
        || e.getMessage() == null
        || e.getMessage().isBlank()) {
      throw new AssertionError("unclear event error", e);
    }
  }

  private static void checkReason(String reason) {
    if (reason.isBlank()) {
      throw new AssertionError("blank refusal reason");
    }
  }

  private static Arguments seed(String name, String json) {
    return seed(name, json.getBytes(StandardCharsets.UTF_8));
  }

  private static Arguments seed(String name, byte[] data) {
    return Arguments.of(Named.of(name, data));
  }

  private static byte[] read(Path f) {
    try {
      return Files.readAllBytes(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
