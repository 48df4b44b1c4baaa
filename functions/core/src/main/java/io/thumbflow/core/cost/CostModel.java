package io.thumbflow.core.cost;

import io.thumbflow.core.Invocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prices a run from {@link CostFacts} and {@link PriceTable}: measured for a cloud run (its Lambda
 * invocations and S3 requests, as the thumbnail function recorded them), estimated for a local run
 * (the same work priced as if the Distributed Map path had done it on Lambda).
 */
public final class CostModel {
  /**
   * Lambda gives a function one full vCPU at 1,769 MB and a proportional share below (AWS Lambda
   * docs).
   */
  public static final int MB_PER_VCPU = 1769;

  /**
   * Step Functions Express bills memory in 64 MB chunks; a thumbflow child's payloads fit in one.
   */
  static final double EXPRESS_MEMORY_GB = 64 / 1024.0;

  /** Express duration is rounded up to 100 ms per execution. */
  static final double EXPRESS_ROUNDING_MS = 100;

  /** S3 LIST returns at most 1,000 keys per request. */
  static final int KEYS_PER_LIST = 1000;

  private CostModel() {}

  /**
   * How a run reached the functions, which decides the Step Functions charges. The transition
   * counts follow {@code orchestrator/statemachine/thumbflow.asl.json} (see its README): every
   * state entered is one.
   */
  public enum Workflow {
    /**
     * An upload batch or event: the inline Map. Per run: ClassifyInput, the parse Map (batches
     * only), the uploads Map, AggregateUploads; per image: the parse iteration's states and one
     * task.
     */
    UPLOADS("standard", 4, 3, 0),
    /**
     * A manifest or prefix: the Distributed Map with Express children, one child per batch. Per
     * run: ClassifyInput, the Map, AggregateMapRun.
     */
    DISTRIBUTED("standard + express children", 3, 0, 1);

    final String label;
    final long fixedTransitions;
    final long transitionsPerImage;
    final long expressChildrenPerBatch;

    Workflow(String label, long fixed, long perImage, long perBatch) {
      this.label = label;
      this.fixedTransitions = fixed;
      this.transitionsPerImage = perImage;
      this.expressChildrenPerBatch = perBatch;
    }
  }

  /**
   * A cloud run's cost from its results.
   *
   * @param workflow which path the state machine took
   * @param listRequests LIST requests the ItemReader made (prefix runs), 0 otherwise
   * @param otherGets GETs outside the per-image work (manifest, ResultWriter files)
   * @param otherPuts PUTs outside the per-image work (ResultWriter files, the two report files)
   * @param aggregate the aggregate function's own invocation, or null
   */
  public static RunCost measured(
      CostFacts facts,
      Workflow workflow,
      long listRequests,
      long otherGets,
      long otherPuts,
      Invocation aggregate) {
    List<String> assumptions = new ArrayList<>();
    Map<String, Invocation> invocations = new HashMap<>(facts.invocations());
    if (aggregate != null && aggregate.requestId() != null)
      invocations.putIfAbsent(aggregate.requestId(), aggregate);
    String arch = "arm64";
    int memory = 0;
    double gbSeconds = 0;
    double lambdaUsd = 0;
    double expressGbSeconds = 0;
    for (Invocation inv : invocations.values()) {
      double gbs = inv.memoryMb() / 1024.0 * Math.ceil(inv.durationMs()) / 1000.0;
      gbSeconds += gbs;
      lambdaUsd += gbs * PriceTable.lambdaGbSecond(inv.architecture());
      arch = inv.architecture();
      memory = Math.max(memory, inv.memoryMb());
      if (aggregate == null || !inv.requestId().equals(aggregate.requestId())) {
        expressGbSeconds +=
            EXPRESS_MEMORY_GB * roundUp(inv.durationMs(), EXPRESS_ROUNDING_MS) / 1000.0;
      }
    }
    long requests = invocations.size();
    lambdaUsd += requests * PriceTable.LAMBDA_REQUEST;
    assumptions.add(
        "Lambda: each invocation's handler duration as measured by the handler, rounded up to 1 ms;"
            + " attempts that failed and were retried, and cold-start init time, are not seen and not counted.");

    long thumbnailInvocations = facts.invocations().size();
    long transitions = workflow.fixedTransitions + facts.images() * workflow.transitionsPerImage;
    long expressRequests = workflow.expressChildrenPerBatch * thumbnailInvocations;
    if (workflow != Workflow.DISTRIBUTED) expressGbSeconds = 0;
    double sfnUsd =
        transitions * PriceTable.SFN_STANDARD_TRANSITION
            + expressRequests * PriceTable.SFN_EXPRESS_REQUEST
            + expressGbSeconds * PriceTable.SFN_EXPRESS_GB_SECOND;
    assumptions.add(
        "Step Functions: state transitions counted from the state machine's shape (retries not"
            + " counted); an Express child's duration taken as its Lambda invocation's, at 64 MB.");

    long get = facts.get() + otherGets;
    long put = facts.put() + otherPuts;
    return cost(
        "measured",
        facts.images(),
        new RunCost.Lambda(arch, memory, requests, round(gbSeconds, 6), usd(lambdaUsd)),
        lambdaUsd,
        new RunCost.StepFunctions(
            workflow.label, transitions, expressRequests, round(expressGbSeconds, 6), usd(sfnUsd)),
        sfnUsd,
        s3(get, facts.head(), put, listRequests),
        s3Usd(get, facts.head(), put, listRequests),
        assumptions);
  }

  /**
   * What a local run's images would cost on Lambda: each image's measured CPU time stretched by
   * Lambda's CPU share at {@code memoryMb} (one vCPU at {@value #MB_PER_VCPU} MB; one image uses
   * one thread, so more memory than that does not shorten it), in Distributed Map batches of {@code
   * batchSize}.
   *
   * @param renditionsPerImage outputs each image writes (one PUT and one up-to-date HEAD each)
   */
  public static RunCost localEstimate(
      CostFacts facts, int memoryMb, String architecture, int batchSize, int renditionsPerImage) {
    double share = Math.min(1.0, memoryMb / (double) MB_PER_VCPU);
    double perImageCpuMs = facts.itemsWithCpu() == 0 ? 0 : facts.cpuMs() / facts.itemsWithCpu();
    long decoded = facts.decoded();
    long images = decoded + facts.skipped();
    double durationMs = decoded * perImageCpuMs / share;
    long batches = (images + batchSize - 1) / batchSize;
    double gbSeconds = memoryMb / 1024.0 * durationMs / 1000.0;
    double lambdaUsd =
        gbSeconds * PriceTable.lambdaGbSecond(architecture) + batches * PriceTable.LAMBDA_REQUEST;
    double expressGbSeconds =
        batches == 0
            ? 0
            : batches
                * EXPRESS_MEMORY_GB
                * roundUp(durationMs / batches, EXPRESS_ROUNDING_MS)
                / 1000.0;
    long transitions = images == 0 ? 0 : Workflow.DISTRIBUTED.fixedTransitions;
    double sfnUsd =
        transitions * PriceTable.SFN_STANDARD_TRANSITION
            + batches * PriceTable.SFN_EXPRESS_REQUEST
            + expressGbSeconds * PriceTable.SFN_EXPRESS_GB_SECOND;
    long get = decoded + (images > 0 ? 1 : 0);
    long head = images * renditionsPerImage;
    long put = decoded * renditionsPerImage + (images > 0 ? 4 : 0);
    List<String> assumptions =
        List.of(
            "Estimated, not measured: each image's CPU time on this machine ("
                + round(perImageCpuMs, 1)
                + " ms on average) divided by Lambda's CPU share at "
                + memoryMb
                + " MB (Lambda's CPU share is proportional to memory: 1,769 MB is one vCPU); this machine's cores and"
                + " Lambda's differ, and JVM start-up is not counted.",
            "Lambda "
                + architecture
                + " at "
                + memoryMb
                + " MB, the template's ThumbnailFunction, invoked once per"
                + " Distributed Map batch of "
                + batchSize
                + " images.",
            "Step Functions: one Standard execution and one Express child per batch (64 MB, its Lambda's duration).",
            "S3: per image one GET, and per output one up-to-date HEAD and one PUT; plus the manifest GET, the"
                + " ResultWriter and report PUTs.",
            "Images already up to date cost only their HEADs and their share of a batch; entries left out cost"
                + " nothing.");
    return cost(
        "estimated",
        images,
        new RunCost.Lambda(architecture, memoryMb, batches, round(gbSeconds, 6), usd(lambdaUsd)),
        lambdaUsd,
        new RunCost.StepFunctions(
            Workflow.DISTRIBUTED.label,
            transitions,
            batches,
            round(expressGbSeconds, 6),
            usd(sfnUsd)),
        sfnUsd,
        s3(get, head, put, 0),
        s3Usd(get, head, put, 0),
        assumptions);
  }

  private static double s3Usd(long get, long head, long put, long list) {
    return (get + head) * PriceTable.S3_GET + (put + list) * PriceTable.S3_PUT;
  }

  private static RunCost.S3 s3(long get, long head, long put, long list) {
    return new RunCost.S3(get, head, put, list, usd(s3Usd(get, head, put, list)));
  }

  /** The cost with its parts; the total and the price per 1,000 images from the unrounded parts. */
  private static RunCost cost(
      String basis,
      long images,
      RunCost.Lambda lambda,
      double lambdaUsd,
      RunCost.StepFunctions sfn,
      double sfnUsd,
      RunCost.S3 s3,
      double s3Usd,
      List<String> assumptions) {
    double total = lambdaUsd + sfnUsd + s3Usd;
    double per1000 = images == 0 ? 0 : total / images * 1000;
    return new RunCost(
        basis,
        PriceTable.describe(),
        (int) images,
        lambda,
        sfn,
        s3,
        usd(total),
        usd(per1000),
        assumptions);
  }

  /** LIST requests to enumerate {@code keys} keys. */
  public static long listRequests(long keys) {
    return Math.max(1, (keys + KEYS_PER_LIST - 1) / KEYS_PER_LIST);
  }

  private static double roundUp(double ms, double step) {
    return Math.ceil(ms / step) * step;
  }

  /** Dollars to 8 decimals: a run of a few images costs fractions of a cent. */
  private static double usd(double v) {
    return Math.round(v * 1e8) / 1e8;
  }

  private static double round(double v, int decimals) {
    double f = Math.pow(10, decimals);
    return Math.round(v * f) / f;
  }
}
