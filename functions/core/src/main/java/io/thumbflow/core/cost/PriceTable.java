package io.thumbflow.core.cost;

/**
 * The one place prices live: AWS list prices in us-east-1 (US East, N. Virginia), first pricing
 * tier, free tiers ignored, as published on the Lambda, Step Functions and S3 pricing pages when
 * {@link #AS_OF} was written. Update the date with the numbers.
 */
public final class PriceTable {
  /** When these prices were taken from the AWS pricing pages. */
  public static final String AS_OF = "2026-12-05";

  public static final String REGION = "us-east-1";

  /** Lambda duration, x86_64 (USD per GB-second, first 6 billion GB-s a month). */
  public static final double LAMBDA_X86_GB_SECOND = 0.0000166667;

  /** Lambda duration, arm64 (USD per GB-second, first 7.5 billion GB-s a month). */
  public static final double LAMBDA_ARM_GB_SECOND = 0.0000133334;

  /** Lambda requests (USD per request: $0.20 per million). */
  public static final double LAMBDA_REQUEST = 0.20 / 1_000_000;

  /**
   * Step Functions Standard workflows (USD per state transition: $0.025 per 1,000; retries count).
   */
  public static final double SFN_STANDARD_TRANSITION = 0.025 / 1_000;

  /** Step Functions Express workflows requests (USD per request: $1.00 per million). */
  public static final double SFN_EXPRESS_REQUEST = 1.00 / 1_000_000;

  /**
   * Step Functions Express duration (USD per GB-second, first 1,000 GB-hours), billed in 64 MB
   * chunks of memory and rounded up to 100 ms per execution.
   */
  public static final double SFN_EXPRESS_GB_SECOND = 0.00001667;

  /**
   * S3 Standard GET, SELECT and all other requests, HEAD included (USD per request: $0.0004 per
   * 1,000).
   */
  public static final double S3_GET = 0.0004 / 1_000;

  /** S3 Standard PUT, COPY, POST and LIST requests (USD per request: $0.005 per 1,000). */
  public static final double S3_PUT = 0.005 / 1_000;

  private PriceTable() {}

  /** Lambda's price per GB-second on {@code architecture} ({@code arm64}, else x86_64). */
  public static double lambdaGbSecond(String architecture) {
    return "arm64".equals(architecture) ? LAMBDA_ARM_GB_SECOND : LAMBDA_X86_GB_SECOND;
  }

  /** The text that names this table in reports. */
  public static String describe() {
    return "AWS list prices, " + REGION + ", first tier, free tiers ignored, as of " + AS_OF;
  }
}
