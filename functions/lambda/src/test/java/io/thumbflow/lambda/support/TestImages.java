package io.thumbflow.lambda.support;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import javax.imageio.ImageIO;

/** Images drawn in code, so handler tests need no files beyond events/. */
public final class TestImages {
  private TestImages() {}

  /** A {@code width x height} JPEG with a gradient and a few shapes. */
  public static byte[] jpeg(int width, int height) {
    return encode(draw(width, height, BufferedImage.TYPE_INT_RGB), "jpg");
  }

  /** A {@code width x height} PNG with alpha. */
  public static byte[] png(int width, int height) {
    return encode(draw(width, height, BufferedImage.TYPE_INT_ARGB), "png");
  }

  /** The first third of a JPEG: a real header, then the data stops. */
  public static byte[] truncatedJpeg() {
    byte[] whole = jpeg(400, 300);
    return Arrays.copyOf(whole, whole.length / 3);
  }

  private static BufferedImage draw(int width, int height, int type) {
    BufferedImage img = new BufferedImage(width, height, type);
    Graphics2D g = img.createGraphics();
    g.setPaint(
        new GradientPaint(0, 0, new Color(200, 40, 40), width, height, new Color(30, 60, 220)));
    g.fillRect(0, 0, width, height);
    g.setColor(Color.WHITE);
    g.fillOval(width / 4, height / 4, width / 2, height / 2);
    g.dispose();
    return img;
  }

  private static byte[] encode(BufferedImage img, String format) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(img, format, out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
