package io.thumbflow.orchestrator.cloud;

import java.net.URI;
import picocli.CommandLine.Option;

/**
 * Where the cloud commands send their AWS calls: a region and, for emulators, one endpoint for
 * every client.
 */
public final class CloudOptions {
  @Option(
      names = "--region",
      paramLabel = "REGION",
      defaultValue = "${env:AWS_REGION}",
      description =
          "AWS region of the stack (default: $AWS_REGION, else the region of the AWS profile).")
  String region;

  @Option(
      names = "--endpoint-url",
      paramLabel = "URL",
      defaultValue = "${env:THUMBFLOW_ENDPOINT_URL}",
      description =
          "Send every AWS call (CloudFormation, Step Functions, S3) to this endpoint, e.g. an "
              + "emulator such as moto or LocalStack at http://localhost:5000 (default: $THUMBFLOW_ENDPOINT_URL).")
  URI endpointUrl;

  public CloudOptions() {}

  /** For tests and tools. */
  public CloudOptions(String region, URI endpointUrl) {
    this.region = region;
    this.endpointUrl = endpointUrl;
  }

  /** The region, or null to let the SDK resolve it. */
  public String region() {
    return region == null || region.isBlank() ? null : region;
  }

  /** The endpoint override, or null for AWS. */
  public URI endpointUrl() {
    return endpointUrl;
  }
}
