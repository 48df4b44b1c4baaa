package io.thumbflow.orchestrator.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.thumbflow.core.ImageError;
import io.thumbflow.core.ImageResult;
import io.thumbflow.core.RenditionResult;
import io.thumbflow.core.RenditionTimings;
import io.thumbflow.core.StageTimings;
import io.thumbflow.core.report.RunReport;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

class RedriveCommandTest {
  @Test
  void executionNameIsQualifiedWithTheStateMachineArn() {
    assertThat(
            RedriveCommand.executionArn(
                "arn:aws:states:eu-west-1:123456789012:stateMachine:prod-thumbflow",
                "run-20261124-181500-a1b2c3"))
        .isEqualTo(
            "arn:aws:states:eu-west-1:123456789012:execution:prod-thumbflow:run-20261124-181500-a1b2c3");
  }

  @Test
  void executionArnIsUsedAsGiven() {
    String arn = "arn:aws:states:eu-west-1:123456789012:execution:prod-thumbflow:run-1";

    assertThat(
            RedriveCommand.executionArn(
                "arn:aws:states:eu-west-1:123456789012:stateMachine:x", arn))
        .isEqualTo(arn);
  }

  @Test
  void failedImagesAreTheFailedSourcesOnceEachInReportOrder() {
    RunReport report =
        RunReport.of(
            List.of(
                ok("a.jpg"),
                failed("b.jpg", "ReadFailed"),
                ok("c.jpg"),
                failed("d.jpg", "Corrupt"),
                failed("b.jpg", "ReadFailed")),
            10,
            Map.of());

    Manifest manifest = RedriveCommand.failedImages(report, "source", Set.of());

    assertThat(manifest.entries())
        .containsExactly(
            new Manifest.Entry("source", "b.jpg"), new Manifest.Entry("source", "d.jpg"));
  }

  @Test
  void failedImagesCanBeLimitedToSomeErrorTypes() {
    RunReport report =
        RunReport.of(
            List.of(
                failed("a.jpg", "Timeout"),
                failed("b.jpg", "NotAnImage"),
                failed("c.jpg", "ReadFailed")),
            10,
            Map.of());

    Manifest manifest =
        RedriveCommand.failedImages(report, "source", Set.of("ReadFailed", "Timeout"));

    assertThat(manifest.entries())
        .extracting(Manifest.Entry::key)
        .containsExactly("a.jpg", "c.jpg");
  }

  @Test
  void aReportWithoutFailuresHasNoImagesToRedrive() {
    RunReport report = RunReport.of(List.of(ok("a.jpg"), ok("b.jpg")), 10, Map.of());

    assertThat(RedriveCommand.failedImages(report, "source", Set.of()).entries()).isEmpty();
  }

  @Test
  void waitsUntilDescribeExecutionShowsTheRedriveBeforeFollowingIt() throws Exception {
    DescribeExecutionResponse failed =
        DescribeExecutionResponse.builder().status(ExecutionStatus.FAILED).redriveCount(0).build();
    java.util.Deque<DescribeExecutionResponse> answers =
        new java.util.ArrayDeque<>(
            List.of(
                failed,
                failed,
                DescribeExecutionResponse.builder()
                    .status(ExecutionStatus.RUNNING)
                    .redriveCount(1)
                    .build()));
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();

    boolean visible =
        RedriveCommand.awaitRedrive(
            () -> {
              calls.incrementAndGet();
              return answers.size() > 1 ? answers.poll() : answers.peek();
            },
            failed,
            java.time.Duration.ofSeconds(5),
            java.time.Duration.ofMillis(1));

    assertThat(visible).isTrue();
    assertThat(calls).as("two stale FAILED answers, then the redrive").hasValue(3);
  }

  @Test
  void givesUpWhenTheRedriveNeverShows() throws Exception {
    DescribeExecutionResponse failed =
        DescribeExecutionResponse.builder().status(ExecutionStatus.FAILED).redriveCount(2).build();

    assertThat(
            RedriveCommand.awaitRedrive(
                () -> failed,
                failed,
                java.time.Duration.ofMillis(30),
                java.time.Duration.ofMillis(5)))
        .isFalse();
  }

  @Test
  void failuresThatNameNoObjectAreNotResubmitted() {
    RunReport report =
        RunReport.of(
            List.of(
                failed("a.jpg", "Timeout"),
                ImageResult.failed(
                    null,
                    new ImageError("ReadFailed", "(unknown source): lost"),
                    StageTimings.ZERO,
                    "w",
                    0,
                    1)),
            10,
            Map.of());

    assertThat(RedriveCommand.failedImages(report, "source", Set.of()).entries())
        .extracting(Manifest.Entry::key)
        .containsExactly("a.jpg");
  }

  private static ImageResult ok(String source) {
    return new ImageResult(
        source,
        ImageResult.OK,
        "JPEG",
        500,
        400,
        List.of(
            new RenditionResult(
                "thumb", "s3://thumbs/" + source, 50, 40, "JPEG", 900, RenditionTimings.ZERO)),
        null,
        StageTimings.ZERO,
        null,
        "w",
        0,
        1,
        0,
        null,
        null,
        null);
  }

  private static ImageResult failed(String source, String type) {
    return ImageResult.failed(
        source, new ImageError(type, source + ": stand-in"), StageTimings.ZERO, "w", 0, 1);
  }
}
