package io.thumbflow.orchestrator.cloud;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * The deployed resources a cloud command needs, read from the stack's outputs by key (the Outputs
 * section of template.yaml), never by position.
 *
 * @param stackName the CloudFormation stack
 * @param sourceBucket bucket images are read from ({@value #SOURCE_BUCKET})
 * @param thumbsBucket bucket thumbnails and reports go to ({@value #THUMBS_BUCKET})
 * @param stateMachineArn the thumbflow state machine ({@value #STATE_MACHINE})
 */
public record StackResources(
    String stackName, String sourceBucket, String thumbsBucket, String stateMachineArn) {
  public static final String SOURCE_BUCKET = "SourceBucketName";
  public static final String THUMBS_BUCKET = "ThumbsBucketName";
  public static final String STATE_MACHINE = "StateMachineArn";

  /** Output keys the commands need, in template order. */
  public static final List<String> REQUIRED_OUTPUTS =
      List.of(SOURCE_BUCKET, THUMBS_BUCKET, STATE_MACHINE);

  /**
   * Resolves the resources of {@code stackName}.
   *
   * @throws CloudCommandException when the stack does not exist or lacks an output
   */
  public static StackResources resolve(CloudFormationClient cloudFormation, String stackName) {
    Stack stack;
    try {
      stack =
          cloudFormation.describeStacks(r -> r.stackName(stackName)).stacks().stream()
              .findFirst()
              .orElseThrow(() -> new CloudCommandException("stack " + stackName + " not found"));
    } catch (CloudFormationException e) {
      throw new CloudCommandException(
          "cannot describe stack " + stackName + ": " + e.getMessage(), e);
    }
    Map<String, String> outputs =
        stack.outputs().stream()
            .collect(Collectors.toMap(Output::outputKey, Output::outputValue, (a, b) -> a));
    List<String> missing = new ArrayList<>();
    for (String key : REQUIRED_OUTPUTS) {
      if (outputs.get(key) == null || outputs.get(key).isBlank()) {
        missing.add(key);
      }
    }
    if (!missing.isEmpty()) {
      throw new CloudCommandException(
          "stack "
              + stackName
              + " has no output "
              + String.join(", ", missing)
              + " (is it a thumbflow stack? outputs: "
              + outputs.keySet()
              + ")");
    }
    return new StackResources(
        stackName,
        outputs.get(SOURCE_BUCKET),
        outputs.get(THUMBS_BUCKET),
        outputs.get(STATE_MACHINE));
  }
}
