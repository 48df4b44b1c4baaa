package io.thumbflow.core.decode;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** For the tests that thumbflow's own native libraries load where they are bundled. */
public final class BundledPlatform {
  private BundledPlatform() {}

  /** Skips the calling test unless this JVM runs on a platform the jar bundles libraries for. */
  public static void assumeThisOne() {
    assumeTrue(
        NativePlatform.linuxArch(System.getProperties()).isPresent(),
        "no bundled copy for "
            + System.getProperty("os.name")
            + " "
            + System.getProperty("os.arch"));
  }
}
