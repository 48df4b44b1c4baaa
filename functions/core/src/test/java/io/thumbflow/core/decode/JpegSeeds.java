package io.thumbflow.core.decode;

import io.thumbflow.core.fuzz.FuzzSeeds;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Small JPEG seeds made at test time: baseline and progressive, colour and grey, with and without
 * restart intervals, drawn in code and shrunk from a few corpus photos (the corpus has no small
 * progressive JPEG).
 */
public final class JpegSeeds {
  private JpegSeeds() {}

  /** The generated seeds, named {@code generated/...}. */
  public static Stream<Arguments> generated() {
    List<Arguments> out = new ArrayList<>();
    BufferedImage drawn = TestImages.picture(61, 43);
    add(out, "drawn", drawn);
    add(out, "drawn-grey", grey(drawn));
    List<Path> photos = FuzzSeeds.photos();
    for (int i = 0; i < Math.min(3, photos.size()); i++) {
      add(out, photos.get(i).getFileName().toString(), TestImages.photoScaledTo(photos.get(i), 96));
    }
    return out.stream();
  }

  private static void add(List<Arguments> out, String name, BufferedImage img) {
    out.add(FuzzSeeds.seed("generated/" + name + "-baseline.jpg", TestImages.jpeg(img, false, 0)));
    out.add(
        FuzzSeeds.seed("generated/" + name + "-progressive.jpg", TestImages.jpeg(img, true, 0)));
    out.add(
        FuzzSeeds.seed(
            "generated/" + name + "-progressive-rst.jpg", TestImages.jpeg(img, true, 2)));
  }

  private static BufferedImage grey(BufferedImage rgb) {
    BufferedImage g =
        new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
    g.getGraphics().drawImage(rgb, 0, 0, null);
    return g;
  }
}
