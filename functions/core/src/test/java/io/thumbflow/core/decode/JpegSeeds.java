package io.thumbflow.core.decode;

import io.thumbflow.core.fuzz.FuzzSeeds;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
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
      add(out, photos.get(i).getFileName().toString(), shrunk(photos.get(i), 96));
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

  private static BufferedImage shrunk(Path photo, int longSide) {
    try {
      BufferedImage src = ImageIO.read(photo.toFile());
      double f = longSide / (double) Math.max(src.getWidth(), src.getHeight());
      int w = Math.max(1, (int) Math.round(src.getWidth() * f));
      int h = Math.max(1, (int) Math.round(src.getHeight() * f));
      BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = out.createGraphics();
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(src, 0, 0, w, h, null);
      g.dispose();
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
