package io.thumbflow.orchestrator.bench;

import io.thumbflow.orchestrator.launch.TunedJvm;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM flags the bench runs thumbflow with by default: the tuned launch's (see {@link
 * TunedJvm}).
 */
final class JvmFlags {
  /** {@link TunedJvm#FLAGS}, as one string for the command line. */
  static final String RECOMMENDED =
      "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms24m -Xmx512m -XX:NewSize=16m -XX:SurvivorRatio=6"
          + " -Xss512k"
          + " -XX:Tier3InvocationThreshold=2000 -XX:Tier3MinInvocationThreshold=1000 -XX:Tier3CompileThreshold=20000"
          + " -XX:-UsePerfData -XX:CompileCommand=quiet"
          + " -XX:CompileCommand=CompileThresholdScaling,io.thumbflow.core.*::*,0.1";

  private JvmFlags() {}

  /** Splits a flag string on whitespace; blank gives no flags. */
  static List<String> split(String flags) {
    return flags == null || flags.isBlank() ? List.of() : Arrays.asList(flags.trim().split("\\s+"));
  }
}
