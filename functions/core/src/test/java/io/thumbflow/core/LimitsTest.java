package io.thumbflow.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The one parser of the limit settings, used by the command line and the Lambda's environment
 * alike.
 */
class LimitsTest {
  @Test
  void deadlinesTakeMillisecondsSecondsAndMinutesWithBareNumbersAsMilliseconds() {
    assertThat(Limits.parseDeadline("5s")).isEqualTo(Duration.ofSeconds(5));
    assertThat(Limits.parseDeadline("1500ms")).isEqualTo(Duration.ofMillis(1500));
    assertThat(Limits.parseDeadline("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(Limits.parseDeadline(" 2m ")).isEqualTo(Duration.ofMinutes(2));
    assertThat(Limits.parseDeadline("250")).isEqualTo(Duration.ofMillis(250));
    assertThat(Limits.parseDeadline("5_000")).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void zeroNegativeOrWordyDeadlinesAreRefused() {
    for (String bad : new String[] {"0s", "-1s", "soon", "5 hours", ""}) {
      assertThatThrownBy(() -> Limits.parseDeadline(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("positive duration");
    }
  }

  @Test
  void pixelCapsTakePlainNumbersUnderscoresOrMillions() {
    assertThat(Limits.parseMaxPixels("50000000")).isEqualTo(50_000_000L);
    assertThat(Limits.parseMaxPixels("50_000_000")).isEqualTo(50_000_000L);
    assertThat(Limits.parseMaxPixels("50M")).isEqualTo(50_000_000L);
    assertThat(Limits.parseMaxPixels("0.5mp")).isEqualTo(500_000L);
    assertThatThrownBy(() -> Limits.parseMaxPixels("0"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Limits.parseMaxPixels("lots"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
