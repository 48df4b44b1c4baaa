package io.thumbflow.lambda.s3;

import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageRejectedException;
import io.thumbflow.core.ImageSource;
import io.thumbflow.lambda.input.ObjectRef;
import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.InvalidObjectStateException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * One source object in S3, read whole with one GetObject. A missing or archived object, or one over
 * the byte cap, is a per-image {@link ErrorType#ReadFailed}; any other S3 error is an {@link
 * S3FaultException}. Not thread-safe: one instance per image.
 */
public final class S3ImageSource implements ImageSource {
  private final S3Client s3;
  private final ObjectRef ref;
  private String etag;
  private int gets;

  public S3ImageSource(S3Client s3, ObjectRef ref) {
    this.s3 = s3;
    this.ref = ref;
  }

  @Override
  public String name() {
    return ref.key();
  }

  /** The ETag of the bytes actually read (bare, no quotes), or null before {@link #read}. */
  public String etag() {
    return etag;
  }

  /** GET requests made (0 or 1). */
  public int gets() {
    return gets;
  }

  @Override
  public byte[] read(long maxBytes) throws ImageRejectedException, IOException {
    gets++;
    try (ResponseInputStream<GetObjectResponse> in =
        s3.getObject(b -> b.bucket(ref.bucket()).key(ref.key()))) {
      GetObjectResponse response = in.response();
      Long length = response.contentLength();
      if (length != null && length > maxBytes) {
        in.abort();
        throw new ImageRejectedException(
            ErrorType.ReadFailed,
            ref.key(),
            "object is " + length + " bytes, over the limit of " + maxBytes);
      }
      boolean sized = length != null && length < Integer.MAX_VALUE - 8;
      byte[] data = sized ? readExactly(in, length) : readCapped(in, maxBytes);
      etag = ObjectRef.bareEtag(response.eTag());
      return data;
    } catch (NoSuchKeyException e) {
      throw new ImageRejectedException(
          ErrorType.ReadFailed, ref.key(), "no such object " + ref.uri(), e);
    } catch (InvalidObjectStateException e) {
      throw new ImageRejectedException(
          ErrorType.ReadFailed,
          ref.key(),
          "object " + ref.uri() + " is archived (restore it first)",
          e);
    } catch (SdkException e) {
      throw new S3FaultException("S3 GetObject " + ref.uri() + " failed: " + e.getMessage(), e);
    } catch (IOException e) {
      // The body stream broke mid-read (connection reset, timeout): a fault the state machine's
      // Retry names as S3FaultException, not a bare IOException it would not retry.
      throw new S3FaultException(
          "S3 GetObject " + ref.uri() + " failed while reading: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a body of known length into one array of that size: {@code readNBytes(max)} would gather
   * it in 8 KiB chunks and then copy them, twice the object's size at the peak (a 59 MB PNG read
   * peaked at 453 MB RSS in a 512 MB function's JVM that way).
   */
  private byte[] readExactly(InputStream in, long length) throws IOException {
    byte[] data = new byte[(int) length];
    int read = in.readNBytes(data, 0, data.length);
    if (read < data.length) {
      throw new IOException("the body ended after " + read + " of " + length + " bytes");
    }
    return data;
  }

  private byte[] readCapped(InputStream in, long maxBytes)
      throws IOException, ImageRejectedException {
    byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    if (data.length > maxBytes) {
      throw new ImageRejectedException(
          ErrorType.ReadFailed, ref.key(), "object is over the limit of " + maxBytes + " bytes");
    }
    return data;
  }
}
