package io.thumbflow.orchestrator.statemachine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What template.yaml tells the state machine: its DefinitionUri and the keys of its
 * DefinitionSubstitutions, read line by line (CloudFormation's short tags keep a plain YAML parser
 * from reading the file). Public for the emulated-cloud tier (io.thumbflow.orchestrator.emulated).
 */
public record DefinitionTemplate(String definitionUri, List<String> substitutions) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

  public static DefinitionTemplate read(Path templateYaml) throws IOException {
    List<String> lines = Files.readAllLines(templateYaml);
    String uri = null;
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String trimmed = line.trim();
      if (trimmed.startsWith("DefinitionUri:")) {
        uri = trimmed.substring("DefinitionUri:".length()).trim();
      } else if (trimmed.equals("DefinitionSubstitutions:")) {
        int indent = indent(line);
        for (int j = i + 1; j < lines.size() && (lines.get(j).isBlank() || indent(lines.get(j)) > indent); j++) {
          String entry = lines.get(j).trim();
          if (!entry.isEmpty() && !entry.startsWith("#")) {
            keys.add(entry.substring(0, entry.indexOf(':')).trim());
          }
        }
      }
    }
    return new DefinitionTemplate(uri, keys);
  }

  /**
   * The defaults of template.yaml's Parameters, by name (quotes removed): what a deployment that sets none
   * substitutes for the parameters a DefinitionSubstitution refers to.
   */
  public static java.util.Map<String, String> parameterDefaults(Path templateYaml) throws IOException {
    java.util.Map<String, String> defaults = new java.util.LinkedHashMap<>();
    boolean inParameters = false;
    String current = null;
    for (String line : Files.readAllLines(templateYaml)) {
      if (!line.startsWith(" ") && !line.isBlank()) {
        inParameters = line.trim().equals("Parameters:");
        continue;
      }
      if (!inParameters) continue;
      if (indent(line) == 2 && line.trim().endsWith(":")) {
        current = line.trim().substring(0, line.trim().length() - 1);
      } else if (current != null && indent(line) == 4 && line.trim().startsWith("Default:")) {
        String value = line.trim().substring("Default:".length()).trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        defaults.put(current, value);
      }
    }
    return defaults;
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

  private static int indent(String line) {
    int n = 0;
    while (n < line.length() && line.charAt(n) == ' ') {
      n++;
    }
    return n;
  }
}
