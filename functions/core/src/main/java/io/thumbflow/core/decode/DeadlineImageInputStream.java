package io.thumbflow.core.decode;

import java.io.IOException;
import java.io.InterruptedIOException;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An in-memory {@link javax.imageio.stream.ImageInputStream} that fails every read once the enclosing
 * {@link Deadline} has passed or the thread is interrupted, so a decoder stuck in a loop of reads stops
 * at its next read.
 */
final class DeadlineImageInputStream extends ImageInputStreamImpl {
  /** Thrown by a read after the deadline. */
  static final class DeadlineExceededException extends InterruptedIOException {
    DeadlineExceededException(String message) {
      super(message);
    }
  }

  private final byte[] data;
  private final Long deadlineNanos;

  DeadlineImageInputStream(byte[] data) {
    this.data = data;
    this.deadlineNanos = Deadline.currentNanos();
  }

  private void check() throws IOException {
    if (Thread.currentThread().isInterrupted()) {
      throw new DeadlineExceededException("decode interrupted");
    }
    if (deadlineNanos != null && System.nanoTime() - deadlineNanos > 0) {
      throw new DeadlineExceededException("decode deadline passed");
    }
  }

  @Override
  public int read() throws IOException {
    check();
    bitOffset = 0;
    if (streamPos >= data.length) {
      return -1;
    }
    return data[(int) streamPos++] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    check();
    bitOffset = 0;
    if (len == 0) {
      return 0;
    }
    if (streamPos >= data.length) {
      return -1;
    }
    int n = (int) Math.min(len, data.length - streamPos);
    System.arraycopy(data, (int) streamPos, b, off, n);
    streamPos += n;
    return n;
  }

  @Override
  public long length() {
    return data.length;
  }

  @Override
  public boolean isCached() {
    return true;
  }

  @Override
  public boolean isCachedMemory() {
    return true;
  }
}
