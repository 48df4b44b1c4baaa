package io.thumbflow.lambda.support;

import java.net.URI;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API (s3proxy over jclouds' in-memory "transient" blob store) on a free localhost port.
 */
public final class InProcessS3 implements AutoCloseable {
  private static final String ACCESS_KEY = "thumbflow-test";
  private static final String SECRET_KEY = "thumbflow-test-secret";

  private final S3Proxy proxy;
  private final BlobStoreContext blobs;
  private final URI endpoint;

  private InProcessS3(S3Proxy proxy, BlobStoreContext blobs) {
    this.proxy = proxy;
    this.blobs = blobs;
    this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  public static InProcessS3 start() throws Exception {
    Properties props = new Properties();
    BlobStoreContext blobs =
        ContextBuilder.newBuilder("transient")
            .credentials("identity", "credential")
            .overrides(props)
            .build(BlobStoreContext.class);
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(blobs.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .build();
    proxy.start();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
      }
      Thread.sleep(5);
    }
    return new InProcessS3(proxy, blobs);
  }

  public URI endpoint() {
    return endpoint;
  }

  /** A client configured the way the handlers configure theirs for an emulator endpoint. */
  public S3Client client() {
    return client(endpoint, ACCESS_KEY, SECRET_KEY, Region.US_EAST_1);
  }

  public static S3Client client(URI endpoint, String accessKey, String secretKey, Region region) {
    return S3Client.builder()
        .httpClient(UrlConnectionHttpClient.builder().build())
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .region(region)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .build();
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
    blobs.close();
  }
}
