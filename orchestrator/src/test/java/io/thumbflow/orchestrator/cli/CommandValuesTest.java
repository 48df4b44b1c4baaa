package io.thumbflow.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CommandValuesTest {
  @Test
  void durationsTakeMillisecondsSecondsAndMinutesWithBareNumbersAsMilliseconds() {
    assertThat(CommandValues.duration("5s")).isEqualTo(Duration.ofSeconds(5));
    assertThat(CommandValues.duration("1500ms")).isEqualTo(Duration.ofMillis(1500));
    assertThat(CommandValues.duration("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(CommandValues.duration(" 2m ")).isEqualTo(Duration.ofMinutes(2));
    assertThat(CommandValues.duration("250")).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void zeroNegativeOrWordyDurationsAreRefused() {
    for (String bad : new String[] {"0s", "-1s", "soon", "5 hours", ""}) {
      assertThatThrownBy(() -> CommandValues.duration(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("positive duration");
    }
  }

  @Test
  void pixelCountsTakePlainNumbersOrMillions() {
    assertThat(CommandValues.pixels("50000000")).isEqualTo(50_000_000L);
    assertThat(CommandValues.pixels("50M")).isEqualTo(50_000_000L);
    assertThat(CommandValues.pixels("0.5mp")).isEqualTo(500_000L);
    assertThatThrownBy(() -> CommandValues.pixels("0")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CommandValues.pixels("lots")).isInstanceOf(IllegalArgumentException.class);
  }
}
