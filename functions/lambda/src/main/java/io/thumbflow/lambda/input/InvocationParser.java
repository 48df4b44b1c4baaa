package io.thumbflow.lambda.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.thumbflow.core.S3Keys;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads every event shape the thumbnail function accepts into an {@link Invocation}:
 *
 * <ul>
 *   <li>a Map item {@code {"bucket": "b", "key": "k", "etag"?}}, alone or as {@code {"item":
 *       {...}}}; also Distributed Map ItemReader items: {@code listObjectsV2} items {@code {"Key",
 *       "Etag", "LastModified", "Size", ...}} (AWS spells it {@code Etag}), CSV/JSON manifest rows
 *       with {@code bucket}/{@code key} columns, or a bare key string;
 *   <li>an ItemBatcher batch {@code {"Items": [...], "BatchInput": {"bucket": "b", "executionId":
 *       "..."}}};
 *   <li>an S3 event notification {@code {"Records": [{"s3": {...}}]}} (keys URL-encoded, {@code +}
 *       = space);
 *   <li>an EventBridge "Object Created" event ({@code detail.bucket.name}, {@code
 *       detail.object.key}, not encoded);
 *   <li>a JSON array of any of the item shapes above.
 * </ul>
 *
 * The state machine adds the deployment's recipe as {@code "config": {...}} at the top level or in
 * {@code BatchInput}. CSV rows may end in a carriage return (a manifest written with CRLF line
 * ends): header names and values are read without it. An item without a bucket takes the batch's
 * {@code BatchInput.bucket}, else the default bucket (the only configured source bucket), else none
 * (the item then fails validation, not the batch).
 */
public final class InvocationParser {
  private final String defaultBucket;

  /**
   * @param defaultBucket the bucket for items that name none, or null when there is no single
   *     default
   */
  public InvocationParser(String defaultBucket) {
    this.defaultBucket = defaultBucket;
  }

  public Invocation parse(JsonNode root) {
    if (root == null || root.isNull() || root.isMissingNode()) {
      throw new InvalidEventException(
          "empty event: expected a Map item, an ItemBatcher batch, "
              + "an S3 notification or an EventBridge Object Created event");
    }
    if (root.isArray()) {
      return new Invocation(items(root, null), true, null, Map.of());
    }
    if (!root.isObject()) {
      if (root.isTextual()) {
        return new Invocation(List.of(item(root, null)), false, null, Map.of());
      }
      throw new InvalidEventException(
          "event must be a JSON object or array, was " + root.getNodeType());
    }
    Map<String, String> settings = settings(root.get("config"));
    JsonNode records = root.get("Records");
    if (records != null && records.isArray()) {
      if (records.isEmpty()) {
        throw new InvalidEventException("S3 notification with no Records");
      }
      return new Invocation(items(records, null), true, text(root, "executionId"), settings);
    }
    JsonNode batchItems = root.get("Items");
    if (batchItems != null && batchItems.isArray()) {
      JsonNode batchInput = root.get("BatchInput");
      if (batchItems.isEmpty()) {
        throw new InvalidEventException("ItemBatcher batch with no Items");
      }
      if (batchInput != null && batchInput.has("config")) {
        settings = settings(batchInput.get("config"));
      }
      String execution = batchInput == null ? null : text(batchInput, "executionId", "ExecutionId");
      return new Invocation(items(batchItems, batchInput), true, execution, settings);
    }
    JsonNode single = root.has("item") ? root.get("item") : root;
    return new Invocation(
        List.of(item(single, null)), false, text(root, "executionId", "ExecutionId"), settings);
  }

  /** The payload's {@code config} object as field name to text; its values must be scalars. */
  private static Map<String, String> settings(JsonNode config) {
    if (config == null || config.isNull()) return Map.of();
    if (!config.isObject()) {
      throw new InvalidEventException(
          "config must be a JSON object of settings, was " + config.getNodeType());
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        throw new InvalidEventException(
            "config." + e.getKey() + " must be a string, number or boolean");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  private List<ObjectRef> items(JsonNode array, JsonNode batchInput) {
    List<ObjectRef> refs = new ArrayList<>(array.size());
    for (JsonNode n : array) {
      refs.add(item(n, batchInput));
    }
    return refs;
  }

  private ObjectRef item(JsonNode n, JsonNode batchInput) {
    String fallbackBucket = batchInput == null ? null : text(batchInput, "bucket", "Bucket");
    if (fallbackBucket == null) {
      fallbackBucket = defaultBucket;
    }
    if (n.isTextual()) {
      return new ObjectRef(fallbackBucket, n.asText(), null);
    }
    if (!n.isObject()) {
      return new ObjectRef(fallbackBucket, null, null);
    }
    JsonNode s3 = n.get("s3");
    if (s3 != null && s3.isObject()) {
      // S3 event notification record: the key is URL-encoded with '+' for space (form encoding).
      String key = text(s3.path("object"), "key");
      return new ObjectRef(
          text(s3.path("bucket"), "name"),
          key == null ? null : decoded(key),
          ObjectRef.bareEtag(text(s3.path("object"), "eTag", "etag")));
    }
    JsonNode detail = n.get("detail");
    if (detail != null && detail.isObject() && detail.has("object")) {
      // EventBridge delivers the key as stored, not encoded.
      return new ObjectRef(
          text(detail.path("bucket"), "name"),
          text(detail.path("object"), "key"),
          ObjectRef.bareEtag(text(detail.path("object"), "etag", "eTag")));
    }
    // A CSV manifest row with an empty bucket cell means "the default bucket", like a missing
    // column.
    String bucket = text(n, "bucket", "Bucket");
    return new ObjectRef(
        bucket == null || bucket.isBlank() ? fallbackBucket : bucket,
        text(n, "key", "Key"),
        ObjectRef.bareEtag(text(n, "etag", "Etag", "ETag", "eTag")));
  }

  /**
   * A notification key decoded; one that is not valid URL encoding is kept as given (its read then
   * fails).
   */
  private static String decoded(String key) {
    try {
      return S3Keys.decodeNotificationKey(key);
    } catch (IllegalArgumentException e) {
      return key;
    }
  }

  /**
   * The first of {@code names} present as a value, without a trailing carriage return; field names
   * are matched without one too (a CRLF CSV manifest's last column header is {@code key\r} if the
   * reader keeps it).
   */
  private static String text(JsonNode n, String... names) {
    for (String name : names) {
      JsonNode v = n.get(name);
      if (v == null) v = n.get(name + "\r");
      if (v != null && v.isValueNode() && !v.isNull()) {
        String s = v.asText();
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
    }
    return null;
  }
}
