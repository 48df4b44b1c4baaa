package io.thumbflow.orchestrator.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The one line a peer prints: {@code RESULT peer=seed size=50x50 images=69 wall_s=8.3
 * images_per_s=8.31}.
 *
 * @param fields every {@code key=value} pair, in order (never null)
 */
record ResultLine(Map<String, String> fields) {
  /** The last {@code RESULT ...} line of {@code output}, if any. */
  static Optional<ResultLine> find(String output) {
    ResultLine found = null;
    for (String line : output.split("\\R")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("RESULT ")) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String token : trimmed.substring("RESULT ".length()).trim().split("\\s+")) {
          int eq = token.indexOf('=');
          if (eq > 0) {
            fields.put(token.substring(0, eq), token.substring(eq + 1));
          }
        }
        found = new ResultLine(fields);
      }
    }
    return Optional.ofNullable(found);
  }

  String peer() {
    return fields.getOrDefault("peer", "?");
  }

  /** The {@code images=} count, if present and numeric. */
  OptionalInt images() {
    try {
      return fields.containsKey("images")
          ? OptionalInt.of(Integer.parseInt(fields.get("images")))
          : OptionalInt.empty();
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }
}
