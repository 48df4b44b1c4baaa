package io.thumbflow.lambda;

import io.thumbflow.lambda.support.InProcessS3;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The same handler scenarios against LocalStack's S3. Needs a Docker engine: without one the whole
 * class is skipped ({@code disabledWithoutDocker}); {@link ThumbflowS3ProxyTest} covers the same
 * paths here.
 */
@Testcontainers(disabledWithoutDocker = true)
class ThumbflowLocalStackTest extends ThumbflowScenarios {
  @Container
  static final LocalStackContainer LOCALSTACK =
      new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
          .withServices(LocalStackContainer.Service.S3);

  private static S3Client client;

  @Override
  protected synchronized S3Client s3() {
    if (client == null) {
      client =
          InProcessS3.client(
              LOCALSTACK.getEndpoint(),
              LOCALSTACK.getAccessKey(),
              LOCALSTACK.getSecretKey(),
              Region.of(LOCALSTACK.getRegion()));
    }
    return client;
  }
}
