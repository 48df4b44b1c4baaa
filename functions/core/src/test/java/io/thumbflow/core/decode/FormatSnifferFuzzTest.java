package io.thumbflow.core.decode;

import static io.thumbflow.core.fuzz.ImageFuzzProperties.timed;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.thumbflow.core.fuzz.FuzzSeeds;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes {@link FormatSniffer#sniff}: any bytes get a kind and a name, and a format when decodable
 * or damaged.
 */
class FormatSnifferFuzzTest {
  static Stream<Arguments> seeds() {
    return FuzzSeeds.corpus(Set.of());
  }

  @MethodSource("seeds")
  @FuzzTest
  void sniff(byte[] data) {
    timed("sniffing", () -> check(FormatSniffer.sniff(data)));
  }

  private static void check(SniffedFormat s) {
    if (s == null || s.kind() == null || s.name() == null) {
      throw new AssertionError("incomplete sniff result: " + s);
    }
    boolean needsFormat =
        s.kind() == SniffedFormat.Kind.DECODABLE || s.kind() == SniffedFormat.Kind.DAMAGED;
    if (needsFormat && s.format() == null) {
      throw new AssertionError(s.kind() + " without a format: " + s);
    }
  }
}
