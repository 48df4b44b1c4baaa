package io.thumbflow.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageRejectedException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeadlineTest {

  @Test
  void returnsTheTaskResultWithinTheBudget() throws Exception {
    assertThat(Deadline.run(Duration.ofSeconds(5), "a.jpg", () -> 42)).isEqualTo(42);
  }

  @Test
  void freesTheCallerAndInterruptsAStuckTask() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    assertThatThrownBy(
            () ->
                Deadline.run(
                    Duration.ofMillis(100),
                    "stuck.jpg",
                    () -> {
                      try {
                        never.await();
                      } catch (InterruptedException e) {
                        interrupted.countDown();
                      }
                      return null;
                    }))
        .isInstanceOfSatisfying(
            ImageRejectedException.class,
            e -> {
              assertThat(e.type()).isEqualTo(ErrorType.Timeout);
              assertThat(e.getMessage())
                  .isEqualTo("stuck.jpg: timeout: processing took longer than 100 ms");
            });
    assertThat(interrupted.await(10, TimeUnit.SECONDS))
        .as("the stuck task was interrupted")
        .isTrue();
  }

  @Test
  void rethrowsRejectionsAndWrapsOtherCheckedExceptions() {
    assertThatThrownBy(
            () ->
                Deadline.run(
                    Duration.ofSeconds(5),
                    "bad.png",
                    () -> {
                      throw new ImageRejectedException(
                          ErrorType.Corrupt, "bad.png", "corrupt: test");
                    }))
        .isInstanceOf(ImageRejectedException.class)
        .hasMessage("bad.png: corrupt: test");
    assertThatThrownBy(
            () ->
                Deadline.run(
                    Duration.ofSeconds(5),
                    "io.png",
                    () -> {
                      throw new IOException("disk");
                    }))
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(IOException.class);
  }

  @Test
  void nestedRunsShareTheCallingThread() throws Exception {
    Thread inner =
        Deadline.run(
            Duration.ofSeconds(5),
            "outer",
            () -> {
              Thread outer = Thread.currentThread();
              Thread nested = Deadline.run(Duration.ofSeconds(5), "inner", Thread::currentThread);
              assertThat(nested).isSameAs(outer);
              return nested;
            });
    assertThat(inner).isNotSameAs(Thread.currentThread());
  }

  @Test
  void streamReadsFailOnceTheTaskIsInterrupted() throws Exception {
    String outcome =
        Deadline.run(
            Duration.ofSeconds(5),
            "s.jpg",
            () -> {
              try (DeadlineImageInputStream in =
                  new DeadlineImageInputStream(new byte[] {1, 2, 3})) {
                int first = in.read();
                Thread.currentThread().interrupt();
                try {
                  in.read();
                  return "read after interrupt";
                } catch (DeadlineImageInputStream.DeadlineExceededException e) {
                  Thread.interrupted();
                  return "stopped after " + first;
                }
              }
            });
    assertThat(outcome).isEqualTo("stopped after 1");
  }
}
