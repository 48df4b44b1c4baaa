package io.thumbflow.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.thumbflow.core.decode.DecodedImage.Derivation;
import org.junit.jupiter.api.Test;

class DerivationTest {
  private static final Derivation BY_2 = new Derivation(2, 2, false);

  @Test
  void aReduceNestsIntoOneByWholeMultiplesOfItsFactors() {
    assertThat(BY_2.nestsInto(new Derivation(4, 4, false))).isTrue();
    assertThat(BY_2.nestsInto(new Derivation(8, 2, false))).isTrue();
  }

  @Test
  void doesNotNestWhereABlockWouldStraddleTwoFinerOnes() {
    assertThat(BY_2.nestsInto(new Derivation(3, 4, false))).isFalse();
    assertThat(new Derivation(4, 4, false).nestsInto(BY_2)).isFalse();
  }

  @Test
  void neitherPointSamplingNorSamenessNorReducingNothingNests() {
    assertThat(BY_2.nestsInto(new Derivation(4, 4, true))).isFalse();
    assertThat(new Derivation(2, 2, true).nestsInto(new Derivation(4, 4, true))).isFalse();
    assertThat(BY_2.nestsInto(new Derivation(2, 2, false))).isFalse();
    assertThat(Derivation.NONE.nestsInto(BY_2)).isFalse();
  }
}
