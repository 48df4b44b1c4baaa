package io.thumbflow.orchestrator.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StartupWarmUpTest {

  @Test
  void warmsUpOnADaemonThreadThatFinishesOnItsOwn() throws InterruptedException {
    Thread warmUp = StartupWarmUp.start();

    assertThat(warmUp.isDaemon()).as("never keeps the JVM alive").isTrue();
    warmUp.join(60_000);
    assertThat(warmUp.isAlive()).isFalse();
  }
}
