package io.thumbflow.core.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.thumbflow.core.ImageResult;
import io.thumbflow.core.Invocation;
import io.thumbflow.core.RenditionResult;
import io.thumbflow.core.RenditionTimings;
import io.thumbflow.core.RequestCounts;
import io.thumbflow.core.StageTimings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cost arithmetic against cases worked out by hand from {@link PriceTable}. */
class CostModelTest {
  private static final double USD = 1e-8; // reports round dollars to 8 decimals

  private static ImageResult image(
      String key, double cpuMs, RequestCounts requests, Invocation invocation) {
    return new ImageResult(
        key,
        ImageResult.OK,
        "JPEG",
        400,
        300,
        List.of(new RenditionResult("thumb", null, 50, 38, "JPEG", 900, RenditionTimings.ZERO)),
        null,
        StageTimings.ZERO,
        null,
        "w",
        1,
        2,
        cpuMs,
        requests,
        invocation,
        null);
  }

  /**
   * Two uploads, each its own invocation (1024 MB arm64, 100.2 ms and 49.5 ms, billed 101 and 50
   * ms), plus the aggregate (512 MB, 1,000 ms). By hand: Lambda: (1 x 0.101 + 1 x 0.050 + 0.5 x
   * 1.000) GB-s = 0.651 GB-s x $0.0000133334 = $0.00000868004; 3 requests x $0.0000002 =
   * $0.0000006; together $0.00000928004. Step Functions: 4 + 2 x 3 = 10 transitions x $0.000025 =
   * $0.00025. S3: 2 GET + 2 HEAD = 4 x $0.0000004 = $0.0000016; 2 PUT + 2 report PUTs = 4 x
   * $0.000005 = $0.00002. Total $0.00028088, $0.14044 per 1,000 images.
   */
  @Test
  void pricesACloudRunFromItsInvocationsAndRequests() {
    CostFacts facts = new CostFacts();
    facts.add(
        image(
            "a.jpg",
            40,
            new RequestCounts(1, 1, 1),
            new Invocation("req-a", 1024, 100.2, "arm64", true)));
    facts.add(
        image(
            "b.jpg",
            30,
            new RequestCounts(1, 1, 1),
            new Invocation("req-b", 1024, 49.5, "arm64", false)));

    RunCost c =
        CostModel.measured(
            facts,
            CostModel.Workflow.UPLOADS,
            0,
            0,
            2,
            new Invocation("req-agg", 512, 1000, "arm64", false));

    assertThat(c.basis()).isEqualTo("measured");
    assertThat(c.lambda().requests()).isEqualTo(3);
    assertThat(c.lambda().gbSeconds()).isCloseTo(0.651, within(1e-9));
    assertThat(c.lambda().usd()).isCloseTo(0.00000928004, within(USD));
    assertThat(c.stepFunctions().transitions()).isEqualTo(10);
    assertThat(c.stepFunctions().expressRequests()).isZero();
    assertThat(c.stepFunctions().usd()).isCloseTo(0.00025, within(USD));
    assertThat(c.s3().get()).isEqualTo(2);
    assertThat(c.s3().head()).isEqualTo(2);
    assertThat(c.s3().put()).isEqualTo(4);
    assertThat(c.s3().usd()).isCloseTo(0.0000216, within(USD));
    assertThat(c.totalUsd()).isCloseTo(0.00028088, within(USD));
    assertThat(c.usdPer1000Images()).isCloseTo(0.14044002, within(USD));
  }

  @Test
  void countsAnInvocationOnceWhateverNumberOfImagesItMade() {
    CostFacts facts = new CostFacts();
    Invocation batch = new Invocation("req-batch", 1024, 999.1, "x86_64", false);
    for (int i = 0; i < 25; i++) facts.add(image("k" + i, 10, new RequestCounts(1, 1, 1), batch));

    RunCost c = CostModel.measured(facts, CostModel.Workflow.DISTRIBUTED, 0, 1, 0, null);

    assertThat(c.lambda().requests()).isEqualTo(1);
    assertThat(c.lambda().gbSeconds()).isCloseTo(1.0, within(1e-9)); // 1 GB x 1.000 s
    // x86_64 price: $0.0000166667 + one request $0.0000002.
    assertThat(c.lambda().usd()).isCloseTo(0.0000168667, within(USD));
    // One Express child, 64 MB for 1,000 ms (rounded up to 100 ms steps): 0.0625 GB-s.
    assertThat(c.stepFunctions().expressRequests()).isEqualTo(1);
    assertThat(c.stepFunctions().expressGbSeconds()).isCloseTo(0.0625, within(1e-9));
  }

  /**
   * Four local images of 50 ms CPU each, priced at 1024 MB arm64, 2 renditions, one batch of 25. By
   * hand: CPU share 1024/1769 = 0.578858; duration 4 x 50 / 0.578858 = 345.5078 ms; 0.3455078 GB-s
   * x $0.0000133334 = $0.00000460679 + 1 request $0.0000002 = $0.00000480679. Step Functions: 3
   * transitions $0.000075, one Express request $0.000001, 64 MB x 400 ms (345.5 rounded up) = 0.025
   * GB-s x $0.00001667 = $0.00000041675: $0.00007641675. S3: 4 GET + 1 manifest GET + 8 HEAD = 13 x
   * $0.0000004 = $0.0000052; 8 PUT + 4 = 12 x $0.000005 = $0.00006: $0.0000652. Total
   * $0.00014642354.
   */
  @Test
  void estimatesALocalRunFromItsCpuTimeAtTheTemplatesMemory() {
    CostFacts facts = new CostFacts();
    for (int i = 0; i < 4; i++) facts.add(image("p" + i, 50, null, null));

    RunCost c = CostModel.localEstimate(facts, 1024, "arm64", 25, 2);

    assertThat(c.basis()).isEqualTo("estimated");
    assertThat(c.lambda().gbSeconds())
        .isCloseTo(0.345508, within(1e-9)); // to 6 decimals in the report
    assertThat(c.lambda().usd()).isCloseTo(0.00000480679, within(USD));
    assertThat(c.stepFunctions().usd()).isCloseTo(0.00007641675, within(USD));
    assertThat(c.s3().usd()).isCloseTo(0.0000652, within(USD));
    assertThat(c.totalUsd()).isCloseTo(0.00014642354, within(USD));
    assertThat(c.assumptions()).anySatisfy(a -> assertThat(a).contains("1,769 MB is one vCPU"));
  }

  /**
   * The same four images after a re-run found two of them up to date, plus one entry left out. By
   * hand: two decoded at 50 ms: 2 x 50 / 0.578858 = 172.7539 ms, 0.1727539 GB-s; four items priced
   * (2 decoded + 2 skipped = 4, the ignored entry not at all), one batch. S3: 2 GET + 1 manifest
   * GET + 4 x 2 HEAD = 11; 2 x 2 PUT + 4 = 8.
   */
  @Test
  void upToDateImagesCostOnlyTheirChecksAndEntriesLeftOutCostNothing() {
    CostFacts facts = new CostFacts();
    for (int i = 0; i < 2; i++) facts.add(image("p" + i, 50, null, null));
    for (int i = 2; i < 4; i++) {
      facts.add(
          new ImageResult(
              "p" + i,
              ImageResult.SKIPPED,
              "JPEG",
              400,
              300,
              List.of(),
              null,
              StageTimings.ZERO,
              null,
              "w",
              1,
              1,
              0,
              null,
              null,
              null));
    }
    facts.add(ImageResult.ignored("notes.txt", "not an image"));

    RunCost c = CostModel.localEstimate(facts, 1024, "arm64", 25, 2);

    assertThat(c.images()).isEqualTo(4);
    assertThat(c.lambda().requests()).isEqualTo(1);
    assertThat(c.lambda().gbSeconds()).isCloseTo(0.172754, within(1e-9));
    assertThat(c.s3().get()).isEqualTo(3);
    assertThat(c.s3().head()).isEqualTo(8);
    assertThat(c.s3().put()).isEqualTo(8);
  }

  @Test
  void anEmptyRunCostsNothingAndHasNoPricePerImage() {
    RunCost c = CostModel.localEstimate(new CostFacts(), 1024, "arm64", 25, 1);
    assertThat(c.totalUsd()).isZero();
    assertThat(c.usdPer1000Images()).isZero();
  }
}
