package io.thumbflow.orchestrator.cloud;

import java.net.URI;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The three AWS clients the cloud commands use, sharing one HTTP client, a region and (for
 * emulators) one endpoint.
 */
public record CloudClients(CloudFormationClient cloudFormation, SfnClient sfn, S3Client s3)
    implements AutoCloseable {

  /**
   * Builds the clients; with an endpoint, S3 is addressed path-style and the region defaults to
   * us-east-1.
   */
  public static CloudClients create(CloudOptions options) {
    SdkHttpClient http = UrlConnectionHttpClient.builder().build();
    URI endpoint = options.endpointUrl();
    Region region =
        options.region() != null
            ? Region.of(options.region())
            : endpoint != null && System.getenv("AWS_REGION") == null ? Region.US_EAST_1 : null;

    var cfn = CloudFormationClient.builder().httpClient(http);
    var sfn = SfnClient.builder().httpClient(http);
    S3ClientBuilder s3 = S3Client.builder().httpClient(http);
    if (region != null) {
      cfn.region(region);
      sfn.region(region);
      s3.region(region);
    }
    if (endpoint != null) {
      cfn.endpointOverride(endpoint);
      sfn.endpointOverride(endpoint);
      // Emulators answer on one host: no virtual-hosted buckets, no streaming checksum trailers.
      s3.endpointOverride(endpoint)
          .forcePathStyle(true)
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }
    return new CloudClients(cfn.build(), sfn.build(), s3.build());
  }

  @Override
  public void close() {
    cloudFormation.close();
    sfn.close();
    s3.close();
  }
}
