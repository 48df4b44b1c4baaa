package io.thumbflow.lambda;

import io.thumbflow.lambda.support.InProcessS3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The handler scenarios against s3proxy, a real S3 API started in this JVM (no Docker, no network).
 */
class ThumbflowS3ProxyTest extends ThumbflowScenarios {
  private static InProcessS3 server;
  private static S3Client client;

  @BeforeAll
  static void startS3() throws Exception {
    server = InProcessS3.start();
    client = server.client();
  }

  @AfterAll
  static void stopS3() throws Exception {
    client.close();
    server.close();
  }

  @Override
  protected S3Client s3() {
    return client;
  }
}
