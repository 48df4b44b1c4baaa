package io.thumbflow.lambda;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.thumbflow.lambda.config.ConfigurationException;
import org.junit.jupiter.api.Test;

/**
 * The handlers' Lambda constructors read the real environment; without configuration they stop at
 * once.
 */
class HandlerStartupTest {
  @Test
  void theThumbnailHandlerRefusesToStartWithoutItsRequiredVariableAndNamesIt() {
    assumeTrue(
        System.getenv("THUMBFLOW_THUMBS_BUCKET") == null,
        "this JVM has THUMBFLOW_THUMBS_BUCKET set");

    assertThatThrownBy(ThumbnailHandler::new)
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("missing required environment variable THUMBFLOW_THUMBS_BUCKET");
  }

  @Test
  void theAggregateHandlerRefusesToStartWithoutItsRequiredVariableAndNamesIt() {
    assumeTrue(
        System.getenv("THUMBFLOW_THUMBS_BUCKET") == null,
        "this JVM has THUMBFLOW_THUMBS_BUCKET set");

    assertThatThrownBy(AggregateHandler::new)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("THUMBFLOW_THUMBS_BUCKET");
  }
}
