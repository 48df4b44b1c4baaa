package io.thumbflow.orchestrator.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedriveCommandTest {
  @Test
  void executionNameIsQualifiedWithTheStateMachineArn() {
    assertThat(RedriveCommand.executionArn("arn:aws:states:eu-west-1:123456789012:stateMachine:prod-thumbflow",
        "run-20261124-181500-a1b2c3"))
        .isEqualTo("arn:aws:states:eu-west-1:123456789012:execution:prod-thumbflow:run-20261124-181500-a1b2c3");
  }

  @Test
  void executionArnIsUsedAsGiven() {
    String arn = "arn:aws:states:eu-west-1:123456789012:execution:prod-thumbflow:run-1";

    assertThat(RedriveCommand.executionArn("arn:aws:states:eu-west-1:123456789012:stateMachine:x", arn))
        .isEqualTo(arn);
  }
}
