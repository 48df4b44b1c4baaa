package io.thumbflow.core.cost;

import java.util.List;

/**
 * What a run cost, or would cost, in US dollars, priced from {@link PriceTable}.
 *
 * @param basis {@code measured} (from the Lambda invocations of a cloud run) or {@code estimated}
 *     (a local run priced as if Lambda had done it)
 * @param prices which price table, e.g. "AWS list prices, us-east-1, ..., as of 2026-12-05"
 * @param images sources in the run
 * @param lambda the thumbnail and aggregate functions' compute and requests
 * @param stepFunctions the workflow's own charges
 * @param s3 storage requests
 * @param totalUsd the sum of the parts
 * @param usdPer1000Images {@code totalUsd / images * 1000} (0 for an empty run)
 * @param assumptions how the figures were reached, one sentence each
 */
public record RunCost(
    String basis,
    String prices,
    int images,
    Lambda lambda,
    StepFunctions stepFunctions,
    S3 s3,
    double totalUsd,
    double usdPer1000Images,
    List<String> assumptions) {

  public RunCost {
    assumptions = List.copyOf(assumptions);
  }

  /**
   * @param architecture {@code arm64} or {@code x86_64}
   * @param memoryMb the function's memory size (MB)
   * @param requests invocations
   * @param gbSeconds billed duration x memory (GB-s), each invocation rounded up to 1 ms
   * @param usd requests and duration priced
   */
  public record Lambda(
      String architecture, int memoryMb, long requests, double gbSeconds, double usd) {}

  /**
   * @param workflow {@code standard} (the parent and inline maps) plus, for Distributed Map runs,
   *     {@code express} children
   * @param transitions Standard state transitions counted (retries not included: Step Functions
   *     does not tell the tasks)
   * @param expressRequests Express child executions
   * @param expressGbSeconds Express duration x 64 MB, each execution rounded up to 100 ms
   * @param usd transitions, requests and duration priced
   */
  public record StepFunctions(
      String workflow,
      long transitions,
      long expressRequests,
      double expressGbSeconds,
      double usd) {}

  /**
   * @param get GET requests
   * @param head HEAD requests (priced as GET)
   * @param put PUT requests
   * @param list LIST requests (priced as PUT)
   * @param usd all priced
   */
  public record S3(long get, long head, long put, long list, double usd) {}
}
