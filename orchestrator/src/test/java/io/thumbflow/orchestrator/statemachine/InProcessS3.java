package io.thumbflow.orchestrator.statemachine;

import java.net.URI;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
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

/** A real S3 API (s3proxy over an in-memory blob store) on a free loopback port, for one test class. */
final class InProcessS3 implements AutoCloseable {
  private static final String ACCESS_KEY = "thumbflow";
  private static final String SECRET_KEY = "thumbflow-secret";

  private final S3Proxy proxy;
  private final BlobStoreContext context;
  private final URI endpoint;

  private InProcessS3(S3Proxy proxy, BlobStoreContext context, URI endpoint) {
    this.proxy = proxy;
    this.context = context;
    this.endpoint = endpoint;
  }

  static InProcessS3 start() throws Exception {
    BlobStoreContext context = ContextBuilder.newBuilder("transient")
        .credentials(ACCESS_KEY, SECRET_KEY)
        .build(BlobStoreContext.class);
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(context.getBlobStore())
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .endpoint(URI.create("http://127.0.0.1:0"))
        .build();
    proxy.start();
    for (int i = 0; i < 500 && !AbstractLifeCycle.STARTED.equals(proxy.getState()); i++) {
      Thread.sleep(10);
    }
    if (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
      throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
    }
    return new InProcessS3(proxy, context, URI.create("http://127.0.0.1:" + proxy.getPort()));
  }

  URI endpoint() {
    return endpoint;
  }

  /** A path-style client with the emulator's credentials (checksums only where S3 requires them). */
  S3Client client() {
    return S3Client.builder()
        .httpClient(UrlConnectionHttpClient.builder().build())
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .build();
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
    context.close();
  }
}
