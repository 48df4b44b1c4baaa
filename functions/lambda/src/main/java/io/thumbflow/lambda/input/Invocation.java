package io.thumbflow.lambda.input;

import java.util.List;
import java.util.Map;

/**
 * What one thumbnail-function invocation asks for.
 *
 * @param items the objects, in event order (at least one)
 * @param batch true when the event is a batch shape (ItemBatcher, S3 Records, JSON array): the
 *     answer is then {@code {"results": [...]}}, otherwise a single result
 * @param executionId the Step Functions execution id when the event carries one (for log
 *     correlation), or null
 * @param settings the recipe settings the payload's {@code config} carries (field name to text),
 *     empty when it carries none
 */
public record Invocation(
    List<ObjectRef> items, boolean batch, String executionId, Map<String, String> settings) {
  public Invocation {
    items = List.copyOf(items);
    settings = Map.copyOf(settings);
  }
}
