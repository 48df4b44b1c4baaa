package io.thumbflow.core.decode;

import io.thumbflow.core.BoundedMemo;
import java.awt.color.ICC_Profile;
import java.nio.ByteBuffer;

/**
 * Tells whether converting from an RGB ICC profile to sRGB would leave every colour where it is, so
 * the conversion (a whole-raster pass through LittleCMS) can be skipped. The test is the conversion
 * itself on a probe of colours, not the profile's name: many sRGB profiles do not say "sRGB" in a
 * way a byte search finds (ICC v4 stores the description as UTF-16, e.g. GIMP's "GIMP built-in
 * sRGB"), and some are not called sRGB at all. A profile that moves no probe colour by more than
 * one 8-bit step counts as sRGB. Answers are kept per profile (by its bytes), since a batch's
 * photos tend to share a few.
 */
final class SrgbEquivalence {
  /** The most a probe colour may move, per channel, for the profile to count as sRGB. */
  static final int TOLERANCE = 1;

  /** Profiles larger than this are probed each time rather than kept as keys. */
  private static final int LARGEST_KEPT_PROFILE = 64 * 1024;

  /** At most this many answers are kept; later profiles are probed each time. */
  private static final int MOST_KEPT = 64;

  /** Every channel at 0, 17, 34 .. 255 (a 16-step cube), then the grey ramp at every level. */
  private static final int[] PROBE = probe();

  /** Answers by profile bytes (a key's buffer wraps the profile's own copy of its data). */
  private static final BoundedMemo<ByteBuffer, Boolean> KNOWN = new BoundedMemo<>(MOST_KEPT);

  private SrgbEquivalence() {}

  /** Whether {@code profile} (an RGB profile) converts to sRGB within {@link #TOLERANCE}. */
  static boolean isSrgb(ICC_Profile profile) {
    byte[] data = profile.getData();
    if (data.length > LARGEST_KEPT_PROFILE) {
      return probeStaysPut(profile);
    }
    return KNOWN.get(ByteBuffer.wrap(data), key -> probeStaysPut(profile));
  }

  private static boolean probeStaysPut(ICC_Profile profile) {
    int[] converted = new int[PROBE.length];
    for (int i = 0; i < PROBE.length; i++) {
      converted[i] = 0xFF000000 | PROBE[i];
    }
    if (!SrgbConversion.convertsFrom(converted, PROBE.length, 1, profile)) {
      return false; // the colour management system refused it; so would the real conversion
    }
    for (int i = 0; i < PROBE.length; i++) {
      for (int shift = 0; shift <= 16; shift += 8) {
        int before = (PROBE[i] >> shift) & 0xFF;
        int after = (converted[i] >> shift) & 0xFF;
        if (Math.abs(after - before) > TOLERANCE) {
          return false;
        }
      }
    }
    return true;
  }

  private static int[] probe() {
    int steps = 16;
    int[] colours = new int[steps * steps * steps + 256];
    int n = 0;
    for (int r = 0; r < steps; r++) {
      for (int g = 0; g < steps; g++) {
        for (int b = 0; b < steps; b++) {
          colours[n++] = (r * 17) << 16 | (g * 17) << 8 | b * 17;
        }
      }
    }
    for (int v = 0; v < 256; v++) {
      colours[n++] = v << 16 | v << 8 | v;
    }
    return colours;
  }
}
