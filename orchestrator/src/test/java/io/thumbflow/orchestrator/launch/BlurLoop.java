package io.thumbflow.orchestrator.launch;

import io.thumbflow.core.render.GaussianBlur;
import java.util.Random;

/** Blurs a 1000x1000 image 12 times: enough calls for the tuned flags to compile the blur loops. */
public final class BlurLoop {
  private BlurLoop() {}

  public static void main(String[] args) {
    int[] pixels = new Random(7).ints(1000 * 1000).toArray();
    for (int i = 0; i < 12; i++) {
      GaussianBlur.blur(pixels, 1000, 1000, 2, 2, false);
    }
  }
}
