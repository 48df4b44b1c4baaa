package io.thumbflow.orchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TimeOutputTest {
  @Test
  void readsWallUserSystemAndMaxRss() {
    TimeOutput t = TimeOutput.parse("8.52 14.10 0.93 61244\n").orElseThrow();

    assertThat(t.wallSeconds()).isEqualTo(8.52);
    assertThat(t.cpuSeconds()).isCloseTo(15.03, within(1e-9));
    assertThat(t.maxRssKb()).isEqualTo(61244);
  }

  @Test
  void skipsTheExitStatusLineTimePrintsForAFailedCommand() {
    TimeOutput t =
        TimeOutput.parse("Command exited with non-zero status 1\n0.41 0.60 0.08 120004\n")
            .orElseThrow();

    assertThat(t.maxRssKb()).isEqualTo(120004);
  }

  @Test
  void findsNothingInTextWithoutTheFourNumbers() {
    assertThat(TimeOutput.parse("Command terminated by signal 9\n")).isEmpty();
    assertThat(TimeOutput.parse("")).isEmpty();
  }
}
