package io.thumbflow.orchestrator.emulated;

import com.fasterxml.jackson.databind.JsonNode;
import io.thumbflow.lambda.AggregateHandler;
import io.thumbflow.lambda.ThumbnailHandler;
import io.thumbflow.lambda.config.AggregateConfig;
import io.thumbflow.lambda.config.ThumbnailConfig;
import io.thumbflow.lambda.telemetry.PipelineMetrics;
import io.thumbflow.orchestrator.emulated.EmulatedCloud.Execution;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * thumbflow as template.yaml deploys it, on an {@link EmulatedCloud}: the source and thumbs
 * buckets, the two functions (the real {@link ThumbnailHandler} and {@link AggregateHandler}, in
 * process, their S3 client being moto's S3 behind a {@link FaultyS3}) served under their live-alias
 * ARNs, and the production state machine ({@link TestDefinition}) with DefinitionSubstitutions from
 * {@link #substitutions()}.
 *
 * <p>Use: {@code new ThumbflowDeployment(cloud, repo)}, adjust {@link #substitutions()} or the
 * handler configuration ({@link #thumbnailEnvironment()}) if needed, {@link #deploy()}, then {@link
 * #run} executions.
 */
public final class ThumbflowDeployment {
  /**
   * Bucket names of the repository's sample events (events/, orchestrator/statemachine/inputs/).
   */
  public static final String SOURCE_BUCKET = "thumbflow-source-example";

  public static final String THUMBS_BUCKET = "thumbflow-thumbs-example";
  public static final String STATE_MACHINE = "thumbflow-emulated-thumbflow";
  public static final String THUMBNAIL_FUNCTION = "thumbflow-emulated-ThumbnailFunction";
  public static final String AGGREGATE_FUNCTION = "thumbflow-emulated-AggregateFunction";

  /** The alias template.yaml publishes (AutoPublishAlias) and the state machine invokes. */
  public static final String ALIAS = "live";

  private final EmulatedCloud cloud;
  private final Path repo;
  private final FaultyS3 s3;
  private final Map<String, String> substitutions = new LinkedHashMap<>();
  private final Map<String, String> thumbnailEnvironment = new LinkedHashMap<>();
  private TestDefinition definition;
  private volatile Predicate<String> malformedAnswerFor;
  private String stateMachineArn;

  public ThumbflowDeployment(EmulatedCloud cloud, Path repo) {
    this.cloud = cloud;
    this.repo = repo;
    this.s3 = new FaultyS3(cloud.s3());
    // !Ref <Function>.Alias is the alias ARN: the qualifier routes nothing here, but it is what AWS
    // receives.
    substitutions.put("ThumbnailFunctionArn", functionArn(THUMBNAIL_FUNCTION) + ":" + ALIAS);
    substitutions.put("AggregateFunctionArn", functionArn(AGGREGATE_FUNCTION) + ":" + ALIAS);
    substitutions.put("ThumbsBucket", THUMBS_BUCKET);
    substitutions.put("SourceBucket", SOURCE_BUCKET);
    // The recipe parameters at template.yaml's defaults; a test may set others, as a deployment
    // would.
    try {
      Map<String, String> defaults =
          io.thumbflow.orchestrator.statemachine.DefinitionTemplate.parameterDefaults(
              repo.resolve("template.yaml"));
      for (String p : RECIPE_PARAMETERS) substitutions.put(p, defaults.get(p));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    // template.yaml's Globals environment: the buckets only (the recipe arrives in each task's
    // payload).
    thumbnailEnvironment.put(ThumbnailConfig.THUMBS_BUCKET, THUMBS_BUCKET);
    thumbnailEnvironment.put(ThumbnailConfig.SOURCE_BUCKETS, SOURCE_BUCKET);
  }

  /** The template parameters the state machine passes to the functions in each task's config. */
  public static final java.util.List<String> RECIPE_PARAMETERS =
      java.util.List.of(
          "Renditions",
          "ThumbnailSize",
          "BlurRadius",
          "OutputFormat",
          "Placeholders",
          "OutputPrefix");

  public static String functionArn(String name) {
    return "arn:aws:lambda:"
        + EmulatedCloud.REGION.id()
        + ":"
        + EmulatedCloud.ACCOUNT
        + ":function:"
        + name;
  }

  /**
   * DefinitionSubstitutions values by key; every key template.yaml lists must be set before {@link
   * #deploy()}.
   */
  public Map<String, String> substitutions() {
    return substitutions;
  }

  /** The thumbnail function's environment (ThumbnailConfig.fromEnv), as the template sets it. */
  public Map<String, String> thumbnailEnvironment() {
    return thumbnailEnvironment;
  }

  /** The handlers' S3 client, for fault injection and call counts. */
  public FaultyS3 s3() {
    return s3;
  }

  public EmulatedCloud cloud() {
    return cloud;
  }

  /** Creates the buckets, registers the functions and deploys the state machine. */
  public ThumbflowDeployment deploy() throws IOException {
    cloud.createBuckets(SOURCE_BUCKET, THUMBS_BUCKET);
    ThumbnailHandler thumbnail =
        new ThumbnailHandler(
            ThumbnailConfig.fromEnv(thumbnailEnvironment),
            s3.client(),
            PipelineMetrics.fromEnvironment());
    AggregateHandler aggregate =
        new AggregateHandler(
            AggregateConfig.fromEnv(Map.of(ThumbnailConfig.THUMBS_BUCKET, THUMBS_BUCKET)),
            s3.client());
    cloud
        .lambda()
        .register(
            THUMBNAIL_FUNCTION,
            (in, out) -> {
              byte[] payload = in.readAllBytes();
              Predicate<String> malformed = malformedAnswerFor;
              if (malformed != null
                  && malformed.test(new String(payload, java.nio.charset.StandardCharsets.UTF_8))) {
                out.write(
                    "{\"unexpected\": true}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return;
              }
              thumbnail.handleRequest(new java.io.ByteArrayInputStream(payload), out, null);
            });
    cloud
        .lambda()
        .register(AGGREGATE_FUNCTION, (in, out) -> aggregate.handleRequest(in, out, null));
    definition = TestDefinition.fromTemplate(repo, substitutions);
    stateMachineArn = cloud.deploy(STATE_MACHINE, definition);
    return this;
  }

  public TestDefinition definition() {
    return definition;
  }

  public String stateMachineArn() {
    return stateMachineArn;
  }

  /** Runs the state machine on {@code input} as execution (and run id) {@code name}. */
  public Execution run(String name, String input) throws IOException, InterruptedException {
    return cloud.run(stateMachineArn, name, input);
  }

  /** Stores an object in the source bucket; its ETag. */
  public String putSource(String key, byte[] bytes) {
    return cloud
        .s3()
        .putObject(b -> b.bucket(SOURCE_BUCKET).key(key), RequestBody.fromBytes(bytes))
        .eTag();
  }

  /** reports/<runId>/report.json from the thumbs bucket. */
  public JsonNode report(String runId) throws IOException {
    return cloud.readJson(THUMBS_BUCKET, "reports/" + runId + "/report.json");
  }

  /**
   * Makes the thumbnail function answer {@code {"unexpected": true}} (no {@code results}) to
   * payloads that match: the child workflow's ResultSelector then fails with States.Runtime, which
   * no Catch takes, so the child execution fails, as a Step Functions runtime error would make it
   * on AWS.
   */
  public void answerMalformedTo(Predicate<String> payload) {
    malformedAnswerFor = payload;
  }

  /** Forgets injected faults, malformed answers and recorded calls (S3 and Lambda). */
  public void reset() {
    s3.reset();
    cloud.lambda().reset();
    malformedAnswerFor = null;
  }
}
