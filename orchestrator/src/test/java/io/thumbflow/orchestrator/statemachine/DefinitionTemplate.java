package io.thumbflow.orchestrator.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What template.yaml tells the state machine: its DefinitionUri and the keys of its
 * DefinitionSubstitutions. Public for the emulated-cloud tier (io.thumbflow.orchestrator.emulated).
 */
public record DefinitionTemplate(String definitionUri, List<String> substitutions) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

  /** Reads the template's one AWS::Serverless::StateMachine. */
  public static DefinitionTemplate read(Path templateYaml) throws IOException {
    for (JsonNode resource : yaml(templateYaml).path("Resources")) {
      if (resource.path("Type").asText().equals("AWS::Serverless::StateMachine")) {
        JsonNode properties = resource.path("Properties");
        List<String> keys = new ArrayList<>();
        properties.path("DefinitionSubstitutions").fieldNames().forEachRemaining(keys::add);
        return new DefinitionTemplate(properties.path("DefinitionUri").asText(null), keys);
      }
    }
    throw new IllegalArgumentException(templateYaml + " declares no AWS::Serverless::StateMachine");
  }

  /**
   * The defaults of template.yaml's Parameters, by name: what a deployment that sets none
   * substitutes for the parameters a DefinitionSubstitution refers to.
   */
  public static Map<String, String> parameterDefaults(Path templateYaml) throws IOException {
    Map<String, String> defaults = new LinkedHashMap<>();
    yaml(templateYaml)
        .path("Parameters")
        .fields()
        .forEachRemaining(
            p -> {
              JsonNode value = p.getValue().get("Default");
              if (value != null) defaults.put(p.getKey(), value.asText());
            });
    return defaults;
  }

  /**
   * The template as a tree; CloudFormation's short tags (!Ref, !Sub) are read as their plain
   * values.
   */
  private static JsonNode yaml(Path templateYaml) throws IOException {
    return new ObjectMapper(new YAMLFactory()).readTree(templateYaml.toFile());
  }

  /** The names of the ${Name} placeholders a definition uses. */
  public static Set<String> placeholders(String asl) {
    Set<String> names = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(asl);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}
