package io.thumbflow.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedMemoTest {
  @Test
  void remembersTheFirstKeysAndComputesLaterOnesEachTime() {
    List<Integer> computed = new ArrayList<>();
    BoundedMemo<Integer, String> memo = new BoundedMemo<>(2);
    for (int round = 0; round < 3; round++) {
      for (int key = 1; key <= 3; key++) {
        assertThat(
                memo.get(
                    key,
                    k -> {
                      computed.add(k);
                      return "#" + k;
                    }))
            .isEqualTo("#" + key);
      }
    }
    assertThat(computed).containsExactly(1, 2, 3, 3, 3);
  }
}
