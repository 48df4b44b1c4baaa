package io.thumbflow.core.decode;

import java.io.IOException;
import java.io.InterruptedIOException;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An in-memory {@link javax.imageio.stream.ImageInputStream} that fails every read once the
 * enclosing {@link Deadline} has passed or the thread is interrupted, so a decoder stuck in a loop
 * of reads stops at its next read.
 */
final class DeadlineImageInputStream extends ImageInputStreamImpl {
  /** Thrown by a read after the deadline. */
  static final class DeadlineExceededException extends InterruptedIOException {
    DeadlineExceededException(String message) {
      super(message);
    }
  }

  private final byte[] data;
  private final byte[] head;
  private final Long deadlineNanos;

  DeadlineImageInputStream(byte[] data) {
    this(data, null);
  }

  /**
   * A stream of {@code data} whose first {@code head.length} bytes read as {@code head} instead (a
   * header rewritten for a reader that misreads the original), or of {@code data} alone when head
   * is null.
   */
  DeadlineImageInputStream(byte[] data, byte[] head) {
    this.data = data;
    this.head = head;
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
    int p = (int) streamPos++;
    return (head != null && p < head.length ? head[p] : data[p]) & 0xFF;
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
    if (head != null && streamPos < head.length) {
      int k = (int) Math.min(n, head.length - streamPos);
      System.arraycopy(head, (int) streamPos, b, off, k);
    }
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
