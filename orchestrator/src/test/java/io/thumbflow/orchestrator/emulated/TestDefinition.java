package io.thumbflow.orchestrator.emulated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thumbflow.orchestrator.statemachine.DefinitionTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The production state machine as the emulated tier runs it: template.yaml's
 * DefinitionSubstitutions applied (every key must have a test value), then the few test-only
 * rewrites moto 5.2's interpreter needs, made by walking the JSON (the production file is never
 * edited). Each rewrite is listed in {@link #rewrites()}.
 *
 * <ul>
 *   <li><b>ItemBatcher</b> (moto's grammar rejects it) becomes an ItemSelector {@code {"Items.$":
 *       "$$.Map.Item.Value", "BatchInput": <BatchInput>}} and the marker {@code [thumbflow-test
 *       ItemBatcher MaxItemsPerBatch=n ...]} in the Map's Comment; moto_server.py's patch 4 groups
 *       the ItemReader's items into lists of at most that many items (and bytes) before the
 *       children start, so each child gets {@code {"Items": [...], "BatchInput": {...}}} as on AWS.
 *       BatchInput paths are evaluated against the Map's input, as AWS does. Not emulated:
 *       MaxItemsPerBatchPath, MaxInputBytesPerBatchPath, an ItemBatcher combined with
 *       ItemSelector/Parameters (refused here).
 *   <li><b>ProcessorConfig.ExecutionType EXPRESS -> STANDARD</b> (moto rejects EXPRESS). moto runs
 *       children as threads either way; what differs on AWS (EXPRESS: 5 minute limit,
 *       at-least-once, no child history) is not emulated.
 *   <li><b>integer ToleratedFailurePercentage -> decimal</b> (moto's grammar only takes 5.0, not
 *       5); moto_server.py patch 6 enforces the threshold, which moto ignores.
 * </ul>
 */
public final class TestDefinition {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String BATCHER_MARK = "[thumbflow-test ItemBatcher";

  private final ObjectNode definition;
  private final List<String> rewrites;

  private TestDefinition(ObjectNode definition, List<String> rewrites) {
    this.definition = definition;
    this.rewrites = List.copyOf(rewrites);
  }

  /**
   * The definition template.yaml deploys (its DefinitionUri, under {@code repo}), substituted and
   * rewritten.
   *
   * @throws IllegalArgumentException when a DefinitionSubstitutions key has no value in {@code
   *     values}, or the definition uses a ${placeholder} the template does not substitute
   */
  public static TestDefinition fromTemplate(Path repo, Map<String, String> values)
      throws IOException {
    DefinitionTemplate template = DefinitionTemplate.read(repo.resolve("template.yaml"));
    String asl = Files.readString(repo.resolve(template.definitionUri()));
    return of(asl, template.substitutions(), values);
  }

  /**
   * {@code asl} with {@code keys} substituted from {@code values} (as CloudFormation does,
   * textually), rewritten.
   */
  public static TestDefinition of(String asl, List<String> keys, Map<String, String> values)
      throws IOException {
    Set<String> unset = new TreeSet<>(keys);
    unset.removeAll(values.keySet());
    if (!unset.isEmpty()) {
      throw new IllegalArgumentException(
          "DefinitionSubstitutions " + unset + " have no test value");
    }
    Set<String> unknown = new TreeSet<>(DefinitionTemplate.placeholders(asl));
    unknown.removeAll(keys);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "the definition uses " + unknown + ", which template.yaml does not substitute");
    }
    String substituted = asl;
    for (String key : keys) {
      // Values go into JSON strings: escape them as JSON would.
      String escaped = JSON.writeValueAsString(values.get(key));
      substituted =
          substituted.replace("${" + key + "}", escaped.substring(1, escaped.length() - 1));
    }
    ObjectNode tree = (ObjectNode) JSON.readTree(substituted);
    List<String> log = new ArrayList<>();
    rewrite(tree, "", log);
    return new TestDefinition(tree, log);
  }

  /** The definition to create the state machine with. */
  public String json() {
    try {
      return JSON.writeValueAsString(definition);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A copy of the rewritten definition. */
  public ObjectNode tree() {
    return definition.deepCopy();
  }

  /** One line per rewrite made: {@code <JSON pointer of the state>: <what changed>}. */
  public List<String> rewrites() {
    return rewrites;
  }

  private static void rewrite(JsonNode node, String pointer, List<String> log) {
    if (node instanceof ObjectNode object) {
      if ("Map".equals(object.path("Type").asText())) {
        rewriteMap(object, pointer, log);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        rewrite(field.getValue(), pointer + "/" + field.getKey(), log);
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        rewrite(array.get(i), pointer + "/" + i, log);
      }
    }
  }

  private static void rewriteMap(ObjectNode map, String pointer, List<String> log) {
    if (map.has("ItemBatcher")) {
      JsonNode batcher = map.remove("ItemBatcher");
      if (map.has("ItemSelector") || map.has("Parameters")) {
        throw new UnsupportedOperationException(
            pointer + ": ItemBatcher with ItemSelector/Parameters is not emulated");
      }
      StringBuilder mark = new StringBuilder(BATCHER_MARK);
      for (Iterator<Map.Entry<String, JsonNode>> it = batcher.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        switch (field.getKey()) {
          case "MaxItemsPerBatch", "MaxInputBytesPerBatch" -> {
            if (!field.getValue().canConvertToInt()) {
              throw new UnsupportedOperationException(
                  pointer + ": ItemBatcher." + field.getKey() + " must be an integer");
            }
            mark.append(' ').append(field.getKey()).append('=').append(field.getValue().asInt());
          }
          case "BatchInput" -> {}
          default ->
              throw new UnsupportedOperationException(
                  pointer + ": ItemBatcher." + field.getKey() + " is not emulated");
        }
      }
      ObjectNode selector = JsonNodeFactory.instance.objectNode();
      selector.put("Items.$", "$$.Map.Item.Value");
      if (batcher.has("BatchInput")) {
        selector.set("BatchInput", batcher.get("BatchInput"));
      }
      map.set("ItemSelector", selector);
      String comment = map.path("Comment").asText("");
      map.put("Comment", (comment.isEmpty() ? "" : comment + " ") + mark + "]");
      log.add(
          pointer
              + ": ItemBatcher "
              + batcher
              + " -> ItemSelector "
              + selector
              + " + batching by moto patch 4");
    }
    JsonNode tolerance = map.get("ToleratedFailurePercentage");
    if (tolerance != null && tolerance.isIntegralNumber()) {
      map.put("ToleratedFailurePercentage", tolerance.asDouble());
      log.add(
          pointer + ": ToleratedFailurePercentage " + tolerance + " -> " + tolerance.asDouble());
    }
    for (String processor : List.of("ItemProcessor", "Iterator")) {
      JsonNode config = map.path(processor).path("ProcessorConfig");
      if (config instanceof ObjectNode c && "EXPRESS".equals(c.path("ExecutionType").asText())) {
        c.put("ExecutionType", "STANDARD");
        log.add(pointer + "/" + processor + ": ProcessorConfig.ExecutionType EXPRESS -> STANDARD");
      }
    }
  }
}
