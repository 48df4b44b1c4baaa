package io.thumbflow.lambda.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageResult;
import io.thumbflow.lambda.support.SampleEvents;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultCollectorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void flattensResultsBatchesAndCatchOutputsOfTheSampleAggregateInput() {
    List<ImageResult> results = new java.util.ArrayList<>();
    ResultCollector c = ResultCollector.into(results);

    c.add(SampleEvents.load("aggregate-input.json").get("results"));

    List<ImageResult> all = results;
    assertThat(all)
        .extracting(ImageResult::source)
        .containsExactly(
            "photos/harbour.jpg",
            "photos/street.png",
            "photos/corrupt.jpg",
            "photos/old.jpg",
            "photos/throttled.jpg");
    ImageResult caught = all.get(4);
    assertThat(caught.status()).isEqualTo(ImageResult.FAILED);
    assertThat(caught.error().type()).isEqualTo(ErrorType.ReadFailed.name());
    assertThat(caught.error().message())
        .contains("S3FaultException")
        .contains("Slow Down")
        .doesNotContain("errorType");
  }

  @Test
  void turnsACatchOfABatchIntoOneFailedItemPerObjectWithTheErrorTypeFromError() throws Exception {
    List<ImageResult> results = new java.util.ArrayList<>();
    ResultCollector c = ResultCollector.into(results);

    c.add(
        JSON.readTree(
            """
        [{"Error": "States.Timeout", "Cause": "Task timed out",
          "item": {"BatchInput": {"bucket": "b"}, "Items": [{"Key": "x.jpg"}, {"Key": "y.jpg"}]}},
         {"bucket": "b", "key": "z.jpg", "error": {"Error": "io.thumbflow.Truncated", "Cause": "cut"}},
         null]"""));

    assertThat(results).extracting(ImageResult::source).containsExactly("x.jpg", "y.jpg", "z.jpg");
    assertThat(results)
        .extracting(r -> r.error().type())
        .containsExactly(
            ErrorType.Timeout.name(), ErrorType.Timeout.name(), ErrorType.Truncated.name());
  }

  @Test
  void typesAFailedResultThatAPassStateBuiltFromACatch() throws Exception {
    List<ImageResult> results = new java.util.ArrayList<>();
    ResultCollector c = ResultCollector.into(results);

    c.add(
        JSON.readTree(
            """
        {"source": "photos/x.jpg", "status": "failed",
         "error": {"type": "io.thumbflow.lambda.s3.S3FaultException",
                   "message": "{\\"errorMessage\\": \\"S3 GetObject failed: Slow Down\\", \\"errorType\\": \\"x\\"}"}}"""));

    ImageResult r = results.get(0);
    assertThat(r.error().type()).isEqualTo(ErrorType.ReadFailed.name());
    assertThat(r.error().message())
        .isEqualTo(
            "photos/x.jpg: io.thumbflow.lambda.s3.S3FaultException: S3 GetObject failed: Slow Down");
    assertThat(r.timingsMs()).isNotNull();
  }

  @Test
  void aFailureThatNamesNoObjectHasNoSourceRatherThanAMadeUpOne() throws Exception {
    List<ImageResult> results = new java.util.ArrayList<>();
    ResultCollector.into(results)
        .add(
            JSON.readTree(
                """
        [{"Error": "States.Runtime", "Cause": "boom", "item": {"no": "key"}}, {"surprise": true}]"""));

    assertThat(results).extracting(ImageResult::source).containsExactly(null, null);
    assertThat(results)
        .allSatisfy(r -> assertThat(r.error().message()).startsWith("(unknown source): "));
  }

  @Test
  void typesAWriteFaultThatOutlastedTheRetriesAsWriteFailed() throws Exception {
    List<ImageResult> results = new java.util.ArrayList<>();
    ResultCollector.into(results)
        .add(
            JSON.readTree(
                """
        {"Error": "io.thumbflow.lambda.s3.S3WriteFaultException", "Cause": "put failed",
         "item": {"bucket": "b", "key": "w.jpg"}}"""));

    assertThat(results)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.source()).isEqualTo("w.jpg");
              assertThat(r.error().type()).isEqualTo(ErrorType.WriteFailed.name());
            });
  }

  @Test
  void keepsAnUnrecognisedEntryAsAFailureRatherThanDroppingIt() throws Exception {
    List<ImageResult> results = new java.util.ArrayList<>();
    ResultCollector c = ResultCollector.into(results);

    c.add(JSON.readTree("[{\"surprise\": true}]"));

    assertThat(results)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.status()).isEqualTo(ImageResult.FAILED);
              assertThat(r.error().message()).contains("surprise");
            });
  }
}
