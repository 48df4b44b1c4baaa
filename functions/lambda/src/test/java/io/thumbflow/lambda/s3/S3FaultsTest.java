package io.thumbflow.lambda.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.thumbflow.core.Limits;
import io.thumbflow.core.Recipe;
import io.thumbflow.lambda.ThumbnailHandler;
import io.thumbflow.lambda.config.ThumbnailConfig;
import io.thumbflow.lambda.input.ObjectRef;
import io.thumbflow.lambda.support.SampleEvents;
import io.thumbflow.lambda.telemetry.PipelineMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3 faults must leave the handler as {@link S3FaultException} (the error name the state machine's
 * Retry lists), never as a failed item and never as a bare IOException. s3proxy cannot fail on
 * demand, so these use an S3Client that answers with the fault.
 */
class S3FaultsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aBodyStreamBreakingMidReadIsAnS3FaultNotABareIoException() {
    InputStream breaking =
        new InputStream() {
          private int served;

          @Override
          public int read() throws IOException {
            if (served++ < 100) {
              return 0xFF;
            }
            throw new SocketException("Connection reset");
          }
        };
    S3Client s3 = answering(GetObjectResponse.builder().eTag("\"abc\"").build(), breaking);
    S3ImageSource source = new S3ImageSource(s3, new ObjectRef("src", "photos/a.jpg", null));

    assertThatThrownBy(() -> source.read(1_000_000))
        .isInstanceOf(S3FaultException.class)
        .hasMessageContaining("s3://src/photos/a.jpg")
        .hasMessageContaining("Connection reset");
  }

  @Test
  void aBodyShorterThanItsContentLengthIsAnS3FaultNotATruncatedImage() throws Exception {
    byte[] jpegStart = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16};
    S3Client s3 =
        answering(
            GetObjectResponse.builder().eTag("\"abc\"").contentLength(1000L).build(),
            new java.io.ByteArrayInputStream(jpegStart));
    S3ImageSource source = new S3ImageSource(s3, new ObjectRef("src", "photos/a.jpg", null));

    assertThatThrownBy(() -> source.read(1_000_000))
        .isInstanceOf(S3FaultException.class)
        .hasMessageContaining("s3://src/photos/a.jpg")
        .hasMessageContaining("6 of 1000 bytes");
  }

  @Test
  void aThrottledSourceHeadIsThrownForRetryInsteadOfBecomingAFailedItem() {
    S3Client s3 =
        new S3Client() {
          @Override
          public HeadObjectResponse headObject(HeadObjectRequest request) {
            throw (S3Exception) S3Exception.builder().statusCode(503).message("Slow Down").build();
          }

          @Override
          public String serviceName() {
            return "s3";
          }

          @Override
          public void close() {}
        };
    ThumbnailHandler handler =
        new ThumbnailHandler(
            new ThumbnailConfig(
                "thumbs", List.of("src"), "thumbs/", Recipe.DEFAULT, Limits.DEFAULT, null, false),
            s3,
            PipelineMetrics.fromEnvironment());

    assertThatThrownBy(
            () ->
                handler.handle(
                    JSON.readTree("{\"bucket\": \"src\", \"key\": \"photos/a.jpg\"}"), null))
        .isInstanceOf(S3FaultException.class)
        .hasMessageContaining("HeadObject s3://src/photos/a.jpg");
  }

  @Test
  void theStateMachineRetriesTheFaultByThisClassName() throws IOException {
    String asl =
        Files.readString(
            SampleEvents.dir().getParent().resolve("orchestrator/statemachine/thumbflow.asl.json"));

    assertThat(asl).contains("\"" + S3FaultException.class.getName() + "\"");
  }

  /** An S3 client whose GetObject answers {@code response} with {@code body}. */
  private static S3Client answering(GetObjectResponse response, InputStream body) {
    return new S3Client() {
      @Override
      public ResponseInputStream<GetObjectResponse> getObject(GetObjectRequest request) {
        return new ResponseInputStream<>(response, AbortableInputStream.create(body));
      }

      @Override
      public String serviceName() {
        return "s3";
      }

      @Override
      public void close() {}
    };
  }
}
