package io.thumbflow.orchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResultLineTest {
  @Test
  void readsTheFieldsOfAPeersResultLine() {
    String output =
        "compiling...\nRESULT peer=vips_batch_p2 size=50x50 images=69 wall_s=1.411 images_per_s=48.90 "
            + "vips_concurrency=1\n";

    ResultLine line = ResultLine.find(output).orElseThrow();

    assertThat(line.peer()).isEqualTo("vips_batch_p2");
    assertThat(line.images()).hasValue(69);
    assertThat(line.fields())
        .containsEntry("wall_s", "1.411")
        .containsEntry("vips_concurrency", "1");
  }

  @Test
  void takesTheLastResultLineWhenThereAreSeveral() {
    String output = "RESULT peer=a images=1\nnoise\nRESULT peer=b images=2\n";

    assertThat(ResultLine.find(output).orElseThrow().peer()).isEqualTo("b");
  }

  @Test
  void findsNothingInOutputWithoutAResultLine() {
    assertThat(ResultLine.find("Traceback (most recent call last):\n  ModuleNotFoundError: PIL"))
        .isEmpty();
  }

  @Test
  void hasNoImageCountWhenTheFieldIsNotANumber() {
    assertThat(ResultLine.find("RESULT peer=x images=many").orElseThrow().images()).isEmpty();
  }
}
