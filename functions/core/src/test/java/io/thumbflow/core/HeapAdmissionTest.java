package io.thumbflow.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class HeapAdmissionTest {
  private static final long MIB = 1L << 20;
  private final HeapAdmission admission = new HeapAdmission(100 * MIB);

  @Test
  void refusesAnImageThatAloneNeedsMoreThanTheWholeBudgetNamingIt() {
    assertThatThrownBy(() -> admission.reserve(101 * MIB, "huge.webp"))
        .isInstanceOfSatisfying(
            ImageRejectedException.class,
            e -> {
              assertThat(e.type()).isEqualTo(ErrorType.TooManyPixels);
              assertThat(e.getMessage())
                  .contains("huge.webp")
                  .contains("needs about 101 MB of heap, more than the 100 MB");
            });
    assertThat(admission.freeMib()).isEqualTo(100);
  }

  @Test
  void aSecondLargeImageWaitsUntilTheFirstGivesItsHeapBack() throws Exception {
    HeapAdmission.Lease first = admission.reserve(60 * MIB, "first.webp");
    CompletableFuture<HeapAdmission.Lease> second =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return admission.reserve(60 * MIB, "second.webp");
              } catch (ImageRejectedException e) {
                throw new AssertionError(e);
              }
            });

    assertThatThrownBy(() -> second.get(300, TimeUnit.MILLISECONDS))
        .isInstanceOf(TimeoutException.class);
    first.close();
    second.get(10, TimeUnit.SECONDS).close();
    assertThat(admission.freeMib()).isEqualTo(100);
  }

  @Test
  void imagesThatNeedNothingReservedNeverWait() throws Exception {
    try (HeapAdmission.Lease all = admission.reserve(100 * MIB, "all.webp")) {
      CompletableFuture<Void> small =
          CompletableFuture.runAsync(
              () -> {
                try {
                  admission.reserve(0, "photo.jpg").close();
                } catch (ImageRejectedException e) {
                  throw new AssertionError(e);
                }
              });
      small.get(10, TimeUnit.SECONDS);
      assertThat(admission.freeMib()).isZero();
    }
  }

  @Test
  void closingALeaseTwiceGivesItsHeapBackOnce() throws Exception {
    HeapAdmission.Lease lease = admission.reserve(30 * MIB, "twice.webp");
    lease.close();
    lease.close();

    assertThat(admission.freeMib()).isEqualTo(100);
  }
}
