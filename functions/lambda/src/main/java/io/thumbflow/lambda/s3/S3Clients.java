package io.thumbflow.lambda.s3;

import java.net.URI;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds the one S3 client a container uses, at init time (so SnapStart snapshots it ready). */
public final class S3Clients {
  private S3Clients() {}

  /**
   * An S3 client on the URL-connection HTTP client; region and credentials from the Lambda
   * environment.
   *
   * @param endpoint an S3-compatible endpoint (LocalStack, s3proxy, MinIO), addressed path-style;
   *     null for AWS
   */
  public static S3Client create(URI endpoint) {
    S3ClientBuilder builder =
        S3Client.builder().httpClient(UrlConnectionHttpClient.builder().build());
    if (endpoint != null) {
      builder
          .endpointOverride(endpoint)
          .forcePathStyle(true)
          // Emulators lag behind the SDK's default flexible checksums (aws-chunked trailers).
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
      if (System.getenv("AWS_REGION") == null && System.getProperty("aws.region") == null) {
        builder.region(Region.US_EAST_1);
      }
    }
    return builder.build();
  }
}
