package io.thumbflow.orchestrator.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thumbflow.core.S3Keys;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the entries (paths or S3 keys, as given) of a manifest or S3 event document.
 *
 * <ul>
 *   <li>JSON array of strings, or of objects with {@code key} or {@code path};
 *   <li>S3 event notification ({@code Records[].s3.object.key}, URL-encoded: {@code +} is a space);
 *   <li>EventBridge {@code Object Created} event ({@code detail.object.key}, not encoded), alone or
 *       in an array;
 *   <li>CSV: one path per line, optional header naming a {@code key}, {@code path}, {@code file} or
 *       {@code source} column (other columns, e.g. {@code bucket}, are ignored); RFC 4180 quoting.
 * </ul>
 */
public final class Manifest {
  /** What a document turned out to be. */
  public enum Kind {
    JSON_MANIFEST,
    S3_EVENT,
    CSV_MANIFEST
  }

  /**
   * @param entries the entries in document order
   */
  public record Entries(Kind kind, List<String> entries) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private Manifest() {}

  /** Parses {@code text}, guessing the kind from its first character. */
  public static Entries parse(String text) throws InputException {
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    String trimmed = t.stripLeading();
    if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
      return parseJson(trimmed);
    }
    return new Entries(Kind.CSV_MANIFEST, parseCsv(t));
  }

  private static Entries parseJson(String text) throws InputException {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InputException("the manifest is not valid JSON: " + e.getOriginalMessage());
    }
    List<String> out = new ArrayList<>();
    boolean event = false;
    if (root.isArray()) {
      int n = 0;
      for (JsonNode e : root) {
        n++;
        if (e.isTextual()) {
          out.add(e.asText());
        } else if (e.has("key") || e.has("path") || e.has("Key")) {
          out.add(firstText(e, "key", "Key", "path"));
        } else if (e.path("detail").path("object").has("key")) {
          event = true;
          out.add(e.path("detail").path("object").path("key").asText());
        } else {
          throw new InputException(
              "manifest entry "
                  + n
                  + " is neither a path string nor an object with \"key\" or \"path\"");
        }
      }
      return new Entries(event ? Kind.S3_EVENT : Kind.JSON_MANIFEST, out);
    }
    if (root.has("Records")) {
      for (JsonNode r : root.get("Records")) {
        JsonNode key = r.path("s3").path("object").path("key");
        if (!key.isTextual()) {
          throw new InputException("S3 event record without s3.object.key");
        }
        out.add(decodeS3Key(key.asText()));
      }
      return new Entries(Kind.S3_EVENT, out);
    }
    if (root.path("detail").path("object").path("key").isTextual()) {
      out.add(root.path("detail").path("object").path("key").asText());
      return new Entries(Kind.S3_EVENT, out);
    }
    throw new InputException(
        "JSON INPUT is neither a manifest (array of paths) nor an S3 event "
            + "(Records[].s3.object.key or detail.object.key)");
  }

  private static String firstText(JsonNode e, String... fields) {
    for (String f : fields) {
      if (e.path(f).isTextual()) return e.path(f).asText();
    }
    return "";
  }

  /** An S3 notification's key, decoded (see {@link S3Keys}); a malformed one is a usage error. */
  static String decodeS3Key(String encoded) throws InputException {
    try {
      return S3Keys.decodeNotificationKey(encoded);
    } catch (IllegalArgumentException e) {
      throw new InputException("S3 event key is not URL-encoded correctly: " + encoded);
    }
  }

  static List<String> parseCsv(String text) throws InputException {
    List<List<String>> rows = csvRows(text);
    if (rows.isEmpty()) {
      return List.of();
    }
    int column = 0;
    int start = 0;
    List<String> first = rows.get(0);
    for (int c = 0; c < first.size(); c++) {
      String name = first.get(c).trim().toLowerCase(Locale.ROOT);
      if (name.equals("key")
          || name.equals("path")
          || name.equals("file")
          || name.equals("source")) {
        column = c;
        start = 1;
        break;
      }
    }
    List<String> out = new ArrayList<>();
    for (int r = start; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      out.add(column < row.size() ? row.get(column) : "");
    }
    return out;
  }

  /** RFC 4180 rows; blank lines are skipped. */
  private static List<List<String>> csvRows(String text) throws InputException {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean cellWasQuoted = false;
    int line = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') line++;
          cell.append(c);
        }
      } else if (c == '"' && cell.length() == 0) {
        quoted = true;
        cellWasQuoted = true;
      } else if (c == ',') {
        row.add(cell.toString());
        cell.setLength(0);
        cellWasQuoted = false;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
        endRow(rows, row, cell, cellWasQuoted);
        row = new ArrayList<>();
        cell.setLength(0);
        cellWasQuoted = false;
        line++;
      } else {
        cell.append(c);
      }
    }
    if (quoted) {
      throw new InputException(
          "CSV manifest: unterminated quoted field starting before line " + line);
    }
    endRow(rows, row, cell, cellWasQuoted);
    return rows;
  }

  private static void endRow(
      List<List<String>> rows, List<String> row, StringBuilder cell, boolean cellWasQuoted) {
    row.add(cell.toString());
    boolean blank = row.size() == 1 && row.get(0).isBlank() && !cellWasQuoted;
    if (!blank) rows.add(row);
  }
}
