package io.thumbflow.orchestrator.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * The fan-out settings of the thumbnail Map states, read from the state machine definition that the
 * cloud deploys ({@code orchestrator/statemachine/thumbflow.asl.json}, packaged on the classpath as
 * {@value #RESOURCE}), so the local runner and Step Functions cannot drift apart.
 *
 * <p>Every Map state whose processor invokes the thumbnail function ({@value #THUMBNAIL_FUNCTION})
 * must carry the same {@code MaxConcurrency}; the inline Maps (one image per call, as a local
 * worker does) the same {@code Retry} on that Task; the Distributed Maps the same {@code Retry}
 * among themselves (it is sized to fit an Express child's five minutes), {@code
 * ToleratedFailurePercentage} and batch size. A definition where they disagree is refused.
 *
 * @param maxConcurrency most images (inline Map) or batches (Distributed Map) in flight at once
 * @param toleratedFailurePercentage percent of items that may fail before a Distributed Map run
 *     fails (0-100); 0 when the definition has no Distributed Map
 * @param retry how transient faults of the thumbnail Task are retried for one image (the inline
 *     Maps')
 * @param itemsPerBatch images per thumbnail invocation in a Distributed Map ({@code ItemBatcher});
 *     1 without
 */
public record MapSettings(
    int maxConcurrency, int toleratedFailurePercentage, Retry retry, int itemsPerBatch) {

  /** Classpath location of the state machine definition. */
  public static final String RESOURCE = "statemachine/thumbflow.asl.json";

  /** The DefinitionSubstitutions placeholder that names the thumbnail function in the ASL. */
  public static final String THUMBNAIL_FUNCTION = "${ThumbnailFunctionArn}";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The packaged definition's settings, once read (guarded by the class lock). */
  private static MapSettings packaged;

  public MapSettings {
    if (maxConcurrency < 0) {
      throw new IllegalArgumentException("MaxConcurrency must be >= 0, was " + maxConcurrency);
    }
    if (toleratedFailurePercentage < 0 || toleratedFailurePercentage > 100) {
      throw new IllegalArgumentException(
          "ToleratedFailurePercentage must be 0-100, was " + toleratedFailurePercentage);
    }
    Objects.requireNonNull(retry, "retry");
    if (itemsPerBatch < 1) {
      throw new IllegalArgumentException("MaxItemsPerBatch must be >= 1, was " + itemsPerBatch);
    }
  }

  /**
   * One {@code Retry} rule of the thumbnail Task.
   *
   * @param errorEquals the error names retried (Step Functions names such as {@code
   *     Lambda.ServiceException}); never null
   * @param intervalSeconds delay before the first retry (s)
   * @param maxAttempts retries after the first attempt (ASL semantics: 0 = never retry)
   * @param backoffRate multiplier applied to the delay after each retry (>= 1)
   * @param maxDelaySeconds cap on any one delay (s); 0 = no cap
   * @param jitter {@code FULL} (each delay drawn uniformly from [0, delay]) or {@code NONE}
   */
  public record Retry(
      List<String> errorEquals,
      int intervalSeconds,
      int maxAttempts,
      double backoffRate,
      int maxDelaySeconds,
      String jitter) {

    public Retry {
      errorEquals = List.copyOf(errorEquals);
      Objects.requireNonNull(jitter, "jitter");
    }

    /** True when a fault with this Step Functions error name is retried. */
    public boolean retries(String errorName) {
      return errorEquals.contains(errorName) || errorEquals.contains("States.ALL");
    }

    /**
     * The delay before retry number {@code retry} (1 = first retry) before jitter: {@code
     * min(intervalSeconds * backoffRate^(retry-1), maxDelaySeconds)}.
     */
    public Duration delayBeforeRetry(int retry) {
      if (retry < 1) {
        throw new IllegalArgumentException("retry counts from 1, was " + retry);
      }
      double seconds = intervalSeconds * Math.pow(backoffRate, retry - 1);
      if (maxDelaySeconds > 0) {
        seconds = Math.min(seconds, maxDelaySeconds);
      }
      return Duration.ofMillis(Math.round(seconds * 1000));
    }

    /**
     * The delay actually waited before retry number {@code retry}: with {@code FULL} jitter a
     * uniform draw from [0, {@link #delayBeforeRetry}], as Step Functions does.
     *
     * @param random a source of doubles in [0, 1), e.g. {@code
     *     ThreadLocalRandom.current()::nextDouble}
     */
    public Duration jitteredDelayBeforeRetry(int retry, DoubleSupplier random) {
      Duration delay = delayBeforeRetry(retry);
      if (!"FULL".equals(jitter)) {
        return delay;
      }
      return Duration.ofMillis(Math.round(delay.toMillis() * random.getAsDouble()));
    }
  }

  /**
   * The settings of the definition packaged on the classpath ({@value #RESOURCE}), read once per
   * JVM: a local run's start-up warm-up and its main thread ask for them at the same time, and the
   * second waits for the first's answer instead of parsing again.
   */
  public static synchronized MapSettings fromDefinition() {
    if (packaged == null) {
      packaged = readPackaged();
    }
    return packaged;
  }

  private static MapSettings readPackaged() {
    try (InputStream in = MapSettings.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            RESOURCE
                + " is not on the classpath (orchestrator/pom.xml "
                + "packages orchestrator/statemachine as a resource directory)");
      }
      return fromDefinition(JSON.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** Reads the settings from a definition file, e.g. the repository's copy. */
  public static MapSettings fromDefinition(Path aslFile) throws IOException {
    return fromDefinition(JSON.readTree(Files.readAllBytes(aslFile)));
  }

  /**
   * Reads the settings from a parsed definition.
   *
   * @throws IllegalArgumentException when no Map invokes the thumbnail function, or the Maps that
   *     do disagree on a setting
   */
  public static MapSettings fromDefinition(JsonNode definition) {
    List<ThumbnailMap> maps = new ArrayList<>();
    collectThumbnailMaps(definition.path("States"), maps);
    if (maps.isEmpty()) {
      throw new IllegalArgumentException(
          "no Map state invokes " + THUMBNAIL_FUNCTION + " in the state machine definition");
    }
    int maxConcurrency =
        agree(maps, "MaxConcurrency", m -> m.state.path("MaxConcurrency").asInt(0));
    List<ThumbnailMap> distributed = maps.stream().filter(ThumbnailMap::distributed).toList();
    int tolerated =
        distributed.isEmpty()
            ? 0
            : agree(
                distributed,
                "ToleratedFailurePercentage",
                m -> m.state.path("ToleratedFailurePercentage").asInt(0));
    List<ThumbnailMap> inline = maps.stream().filter(m -> !m.distributed()).toList();
    Retry retry =
        inline.isEmpty()
            ? null
            : agree(inline, "Retry of the thumbnail Task (inline Maps)", m -> retryOf(m));
    Retry batchRetry =
        distributed.isEmpty()
            ? null
            : agree(distributed, "Retry of the thumbnail Task (Distributed Maps)", m -> retryOf(m));
    int itemsPerBatch =
        distributed.isEmpty()
            ? 1
            : agree(
                distributed,
                "ItemBatcher.MaxItemsPerBatch",
                m -> m.state.path("ItemBatcher").path("MaxItemsPerBatch").asInt(1));
    return new MapSettings(
        maxConcurrency, tolerated, retry != null ? retry : batchRetry, itemsPerBatch);
  }

  /** A Map state that fans out to the thumbnail function, with the Task that calls it. */
  private record ThumbnailMap(String name, JsonNode state, JsonNode task, boolean distributed) {}

  private static void collectThumbnailMaps(JsonNode states, List<ThumbnailMap> out) {
    for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode state = e.getValue();
      if (!"Map".equals(state.path("Type").asText())) {
        continue;
      }
      JsonNode processor =
          state.has("ItemProcessor") ? state.get("ItemProcessor") : state.path("Iterator");
      JsonNode task = thumbnailTask(processor.path("States"));
      if (task != null) {
        boolean distributed =
            "DISTRIBUTED".equals(processor.path("ProcessorConfig").path("Mode").asText());
        out.add(new ThumbnailMap(e.getKey(), state, task, distributed));
      }
      collectThumbnailMaps(processor.path("States"), out);
    }
  }

  private static JsonNode thumbnailTask(JsonNode states) {
    for (JsonNode state : states) {
      if ("Task".equals(state.path("Type").asText())
          && (THUMBNAIL_FUNCTION.equals(state.path("Parameters").path("FunctionName").asText())
              || THUMBNAIL_FUNCTION.equals(state.path("Resource").asText()))) {
        return state;
      }
    }
    return null;
  }

  private static Retry retryOf(ThumbnailMap map) {
    JsonNode rules = map.task.path("Retry");
    if (rules.size() != 1) {
      throw new IllegalArgumentException(
          "the thumbnail Task of Map "
              + map.name
              + " must have exactly one Retry rule (the local runner mirrors one), has "
              + rules.size());
    }
    JsonNode r = rules.get(0);
    List<String> errors = new ArrayList<>();
    r.path("ErrorEquals").forEach(n -> errors.add(n.asText()));
    // Defaults from the Amazon States Language specification.
    return new Retry(
        errors,
        r.path("IntervalSeconds").asInt(1),
        r.path("MaxAttempts").asInt(3),
        r.path("BackoffRate").asDouble(2.0),
        r.path("MaxDelaySeconds").asInt(0),
        r.path("JitterStrategy").asText("NONE"));
  }

  private static <T> T agree(
      List<ThumbnailMap> maps, String setting, Function<ThumbnailMap, T> read) {
    Map<String, T> values = new LinkedHashMap<>();
    for (ThumbnailMap m : maps) {
      values.put(m.name, read.apply(m));
    }
    if (values.values().stream().distinct().count() > 1) {
      throw new IllegalArgumentException("Map states disagree on " + setting + ": " + values);
    }
    return values.values().iterator().next();
  }
}
