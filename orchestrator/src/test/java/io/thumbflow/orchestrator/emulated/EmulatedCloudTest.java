package io.thumbflow.orchestrator.emulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thumbflow.orchestrator.emulated.EmulatedCloud.Execution;
import io.thumbflow.orchestrator.emulated.LambdaEndpoint.Invocation;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The emulated cloud itself, on small state machines and a stub function: each moto gap patched by
 * {@code emulated/moto_server.py} behaves as AWS documents it, so a thumbflow scenario that passes
 * does not owe it to the emulator. Needs Python with moto; skipped without it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmulatedCloudTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ECHO = "echo";
  private static final String ECHO_ARN = ThumbflowDeployment.functionArn(ECHO);
  private static final String BUCKET = "emulated-cloud-test";

  private EmulatedCloud cloud;
  private int machines;

  @BeforeAll
  void start() throws Exception {
    cloud = EmulatedCloud.start(Files.createTempDirectory("emulated-cloud"));
    assumeTrue(cloud != null, "Python with moto is not installed (pip install 'moto[server]')");
    cloud.createBuckets(BUCKET);
    // Echoes its input; {"fail": "<message>"} throws, as a handler's exception reaches Lambda's
    // runtime.
    cloud
        .lambda()
        .register(
            ECHO,
            (in, out) -> {
              JsonNode input = JSON.readTree(in);
              if (input.hasNonNull("fail")) {
                throw new IllegalStateException(input.get("fail").asText());
              }
              JSON.writeValue(out, input);
            });
  }

  @BeforeEach
  void noFaults() {
    cloud.lambda().reset();
  }

  @AfterAll
  void stop() throws Exception {
    if (cloud != null) {
      cloud.close();
    }
  }

  @Test
  void functionArnAsResourceReachesTheFunctionAndItsExceptionClassIsTheErrorName()
      throws Exception {
    String machine =
        deploy(
            """
        {"StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "%s:live", "End": true,
            "Catch": [{"ErrorEquals": ["java.lang.IllegalStateException"], "ResultPath": "$.caught", "Next": "Caught"}]},
          "Caught": {"Type": "Pass", "End": true}}}
        """
                .formatted(ECHO_ARN));

    Execution ok = cloud.run(machine, "arn-ok", "{\"n\": 1}");
    Execution caught = cloud.run(machine, "arn-caught", "{\"fail\": \"no pictures today\"}");

    assertThat(ok.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(ok.output()).isEqualTo(JSON.readTree("{\"n\": 1}"));
    assertThat(caught.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(caught.output().path("caught").path("Error").asText())
        .isEqualTo("java.lang.IllegalStateException");
    assertThat(
            JSON.readTree(caught.output().path("caught").path("Cause").asText())
                .path("errorMessage")
                .asText())
        .isEqualTo("no pictures today");
    assertThat(cloud.lambda().invocations())
        .extracting(Invocation::name, Invocation::qualifier)
        .containsOnly(org.assertj.core.groups.Tuple.tuple(ECHO, "live"));
  }

  @Test
  void lambdaServiceErrorIsRetriedUnderItsLambdaName() throws Exception {
    String machine =
        deploy(
            """
        {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"FunctionName": "%s", "Payload.$": "$"}, "OutputPath": "$.Payload", "End": true,
          "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "IntervalSeconds": 1, "MaxAttempts": 2}]}}}
        """
                .formatted(ECHO_ARN));
    cloud.lambda().failNext(ECHO, p -> true, 429, "TooManyRequestsException", 2);

    Execution run = cloud.run(machine, "throttled", "{\"n\": 2}");

    assertThat(run.status())
        .as("%s %s", run.error(), run.cause())
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(run.output()).isEqualTo(JSON.readTree("{\"n\": 2}"));
    assertThat(cloud.lambda().invocations())
        .extracting(Invocation::error)
        .containsExactly("TooManyRequestsException", "TooManyRequestsException", null);
  }

  @Test
  void distributedMapOverToleratedFailuresFailsAndWithinThemWritesFailedChildrenToTheResultFiles()
      throws Exception {
    String template =
        """
        {"StartAt": "Fan", "States": {"Fan": {"Type": "Map", "ItemsPath": "$.items", "ToleratedFailurePercentage": %s,
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "%s", "End": true}}},
          "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
            "Parameters": {"Bucket": "%s", "Prefix": "runs"}}, "End": true}}}
        """;
    String input = "{\"items\": [{\"n\": 1}, {\"n\": 2}, {\"fail\": \"bad item\"}, {\"n\": 4}]}";

    Execution strict =
        cloud.run(deploy(template.formatted("10.0", ECHO_ARN, BUCKET)), "strict", input);
    Execution lenient =
        cloud.run(deploy(template.formatted("50.0", ECHO_ARN, BUCKET)), "lenient", input);

    assertThat(strict.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(strict.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
    assertThat(lenient.status())
        .as("%s %s", lenient.error(), lenient.cause())
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode manifest =
        cloud.readJson(BUCKET, lenient.output().path("ResultWriterDetails").path("Key").asText());
    assertThat(manifest.path("MapRunArn").asText())
        .isEqualTo(lenient.output().path("MapRunArn").asText());
    assertThat(manifest.path("ResultFiles").path("SUCCEEDED")).hasSize(1);
    assertThat(manifest.path("ResultFiles").path("FAILED")).hasSize(1);
    JsonNode succeeded =
        cloud.readJson(
            BUCKET, manifest.path("ResultFiles").path("SUCCEEDED").get(0).path("Key").asText());
    assertThat(succeeded).hasSize(3);
    assertThat(succeeded.findValuesAsText("Output"))
        .containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":4}");
    JsonNode failed =
        cloud.readJson(
            BUCKET, manifest.path("ResultFiles").path("FAILED").get(0).path("Key").asText());
    assertThat(failed).hasSize(1);
    assertThat(failed.get(0).path("Status").asText()).isEqualTo("FAILED");
    assertThat(failed.get(0).path("Input").asText()).isEqualTo("{\"fail\":\"bad item\"}");
    assertThat(failed.get(0).path("Error").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(failed.get(0).path("ExecutionArn").asText())
        .startsWith("arn:aws:states:us-east-1:123456789012:execution:");
  }

  @Test
  void listObjectsV2ItemsHaveTheDocumentedShapeAndAnEmptyPrefixIsAMapOverNothing()
      throws Exception {
    for (String key : List.of("listing/a.jpg", "listing/b.jpg")) {
      cloud.s3().putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("x"));
    }
    String machine =
        deploy(
            """
        {"StartAt": "Fan", "States": {"Fan": {"Type": "Map", "End": true,
          "ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2",
            "Parameters": {"Bucket": "%s", "Prefix.$": "$.prefix"}},
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Same", "States": {"Same": {"Type": "Pass", "End": true}}}}}}
        """
                .formatted(BUCKET));

    Execution listed = cloud.run(machine, "listed", "{\"prefix\": \"listing/\"}");
    Execution empty = cloud.run(machine, "empty", "{\"prefix\": \"nothing-here/\"}");

    assertThat(listed.status())
        .as("%s %s", listed.error(), listed.cause())
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(listed.output()).hasSize(2);
    JsonNode item = listed.output().get(0);
    assertThat(item.path("Key").asText()).isEqualTo("listing/a.jpg");
    assertThat(item.path("Etag").asText()).startsWith("\"").endsWith("\"");
    assertThat(item.path("LastModified").isIntegralNumber()).as("epoch seconds: %s", item).isTrue();
    assertThat(item.path("Size").asInt()).isEqualTo(1);
    assertThat(item.path("StorageClass").asText()).isEqualTo("STANDARD");
    assertThat(empty.status())
        .as("%s %s", empty.error(), empty.cause())
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(empty.output()).isEmpty();
  }

  @Test
  void itemBatcherRewriteHandsEachChildABatchWithItsBatchInput() throws Exception {
    String asl =
        """
        {"StartAt": "Fan", "States": {"Fan": {"Type": "Map", "ItemsPath": "$.items", "End": true,
          "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"run.$": "$.run"}},
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
            "StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "${Echo}", "End": true}}}}}}
        """;
    String machine =
        cloud.deploy("batched", TestDefinition.of(asl, List.of("Echo"), Map.of("Echo", ECHO_ARN)));

    Execution run = cloud.run(machine, "batched", "{\"run\": \"r1\", \"items\": [1, 2, 3, 4, 5]}");

    assertThat(run.status())
        .as("%s %s", run.error(), run.cause())
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(run.output())
        .isEqualTo(
            JSON.readTree(
                """
        [{"Items": [1, 2], "BatchInput": {"run": "r1"}}, {"Items": [3, 4], "BatchInput": {"run": "r1"}},
         {"Items": [5], "BatchInput": {"run": "r1"}}]"""));
  }

  @Test
  void contextStartTimeIsAnAwsTimestampAndAnIndexedChoiceVariableIsItsValue() throws Exception {
    String machine =
        deploy(
            """
        {"StartAt": "Which", "States": {
          "Which": {"Type": "Choice", "Default": "Other",
            "Choices": [{"Variable": "$.records[0].source", "StringEquals": "aws:sqs", "Next": "Sqs"}]},
          "Sqs": {"Type": "Pass", "Parameters": {"path": "sqs", "started.$": "$$.Execution.StartTime"}, "End": true},
          "Other": {"Type": "Pass", "Parameters": {"path": "other"}, "End": true}}}
        """);

    Execution run = cloud.run(machine, "indexed", "{\"records\": [{\"source\": \"aws:sqs\"}]}");

    assertThat(run.status())
        .as("%s %s", run.error(), run.cause())
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(run.output().path("path").asText()).isEqualTo("sqs");
    assertThat(run.output().path("started").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
  }

  private String deploy(String asl) throws Exception {
    return cloud.deploy("machine-" + (++machines), TestDefinition.of(asl, List.of(), Map.of()));
  }
}
