package io.thumbflow.orchestrator.bench;

import java.util.Arrays;
import java.util.List;

/** The JVM flags the bench runs thumbflow with by default (see README, "JVM flags"). */
final class JvmFlags {
  /** Measured on 2 cores over the 69-photo corpus; see the bench notes in the README. */
  static final String RECOMMENDED = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k";

  private JvmFlags() {}

  /** Splits a flag string on whitespace; blank gives no flags. */
  static List<String> split(String flags) {
    return flags == null || flags.isBlank() ? List.of() : Arrays.asList(flags.trim().split("\\s+"));
  }
}
