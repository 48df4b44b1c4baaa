package io.thumbflow.lambda.input;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads every event shape the thumbnail function accepts into an {@link Invocation}:
 *
 * <ul>
 *   <li>a Map item {@code {"bucket": "b", "key": "k"}}; also Distributed Map ItemReader items:
 *       {@code listObjectsV2} items {@code {"Key", "ETag", "Size", ...}}, CSV/JSON manifest rows with
 *       {@code bucket}/{@code key} columns, or a bare key string;
 *   <li>an ItemBatcher batch {@code {"Items": [...], "BatchInput": {"bucket": "b", "executionId": "..."}}};
 *   <li>an S3 event notification {@code {"Records": [{"s3": {...}}]}} (keys URL-encoded, {@code +} = space);
 *   <li>an EventBridge "Object Created" event ({@code detail.bucket.name}, {@code detail.object.key}, not
 *       encoded);
 *   <li>a JSON array of any of the item shapes above.
 * </ul>
 *
 * An item without a bucket takes the batch's {@code BatchInput.bucket}, else the default bucket (the
 * only configured source bucket), else none (the item then fails validation, not the batch).
 */
public final class InvocationParser {
  private final String defaultBucket;

  /** @param defaultBucket the bucket for items that name none, or null when there is no single default */
  public InvocationParser(String defaultBucket) {
    this.defaultBucket = defaultBucket;
  }

  public Invocation parse(JsonNode root) {
    if (root == null || root.isNull() || root.isMissingNode()) {
      throw new InvalidEventException("empty event: expected a Map item, an ItemBatcher batch, "
          + "an S3 notification or an EventBridge Object Created event");
    }
    if (root.isArray()) {
      return new Invocation(items(root, null), true, null);
    }
    if (!root.isObject()) {
      if (root.isTextual()) {
        return new Invocation(List.of(item(root, null)), false, null);
      }
      throw new InvalidEventException("event must be a JSON object or array, was " + root.getNodeType());
    }
    JsonNode records = root.get("Records");
    if (records != null && records.isArray()) {
      if (records.isEmpty()) {
        throw new InvalidEventException("S3 notification with no Records");
      }
      return new Invocation(items(records, null), true, text(root, "executionId"));
    }
    JsonNode batchItems = root.get("Items");
    if (batchItems != null && batchItems.isArray()) {
      JsonNode batchInput = root.get("BatchInput");
      if (batchItems.isEmpty()) {
        throw new InvalidEventException("ItemBatcher batch with no Items");
      }
      String execution = batchInput == null ? null : text(batchInput, "executionId", "ExecutionId");
      return new Invocation(items(batchItems, batchInput), true, execution);
    }
    return new Invocation(List.of(item(root, null)), false, text(root, "executionId", "ExecutionId"));
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
      return new ObjectRef(text(s3.path("bucket"), "name"), key == null ? null : decodeS3Key(key),
          ObjectRef.bareEtag(text(s3.path("object"), "eTag", "etag")));
    }
    JsonNode detail = n.get("detail");
    if (detail != null && detail.isObject() && detail.has("object")) {
      // EventBridge delivers the key as stored, not encoded.
      return new ObjectRef(text(detail.path("bucket"), "name"), text(detail.path("object"), "key"),
          ObjectRef.bareEtag(text(detail.path("object"), "etag", "eTag")));
    }
    // A CSV manifest row with an empty bucket cell means "the default bucket", like a missing column.
    String bucket = text(n, "bucket", "Bucket");
    return new ObjectRef(bucket == null || bucket.isBlank() ? fallbackBucket : bucket, text(n, "key", "Key"),
        ObjectRef.bareEtag(text(n, "etag", "ETag", "eTag")));
  }

  /** An S3 notification key, URL-encoded with '+' for space; a malformed escape makes the event invalid. */
  private static String decodeS3Key(String encoded) {
    try {
      return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidEventException("S3 notification key is not URL-encoded correctly: " + encoded);
    }
  }

  private static String text(JsonNode n, String... names) {
    for (String name : names) {
      JsonNode v = n.get(name);
      if (v != null && v.isValueNode() && !v.isNull()) {
        return v.asText();
      }
    }
    return null;
  }
}
