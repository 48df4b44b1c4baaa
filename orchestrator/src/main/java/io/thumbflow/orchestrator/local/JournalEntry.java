package io.thumbflow.orchestrator.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thumbflow.core.ImageResult;
import io.thumbflow.core.report.ReportJson;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the journal: an {@link ImageResult} as the report shows it, plus two fields the
 * report leaves out, {@code run} (which run wrote it) and {@code provenance} (what its outputs were
 * made from; absent for an entry that was not processed). {@link ReportJson#fromLine} reads a line
 * as the plain result.
 *
 * @param run the id of the run that wrote it
 * @param result the outcome for one source or entry
 * @param provenance null for entries that were not processed (ignored)
 */
public record JournalEntry(String run, ImageResult result, Provenance provenance) {
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public JournalEntry {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(result, "result");
  }

  /** This entry as one line of JSON, without the line break. */
  public String toLine() {
    // The report's JSON object with two more members spliced in before its closing brace: parsing
    // it back into a tree to add them cost about as much as writing it (0.4 ms a line under C1).
    String report = ReportJson.toLine(result);
    if (!report.startsWith("{") || !report.endsWith("}"))
      throw new IllegalStateException("a journal entry's result is not a JSON object: " + report);
    try {
      StringBuilder line = new StringBuilder(report.length() + 160);
      line.append(report, 0, report.length() - 1);
      if (report.length() > 2) line.append(',');
      line.append("\"run\":").append(JSON.writeValueAsString(run));
      if (provenance != null) {
        line.append(",\"provenance\":").append(JSON.writeValueAsString(provenance));
      }
      return line.append('}').toString();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a journal entry cannot be serialised", e);
    }
  }

  /**
   * Reads a line written by {@link #toLine}; empty when it is not one (e.g. cut short by a kill).
   */
  public static Optional<JournalEntry> fromLine(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      if (node == null || !node.isObject() || !node.path("run").isTextual())
        return Optional.empty();
      Provenance provenance =
          node.hasNonNull("provenance")
              ? JSON.treeToValue(node.get("provenance"), Provenance.class)
              : null;
      return Optional.of(
          new JournalEntry(node.get("run").asText(), ReportJson.fromLine(line), provenance));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
