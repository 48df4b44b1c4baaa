package io.thumbflow.core.decode;

import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.ImageRejectedException;
import io.thumbflow.core.Limits;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * The one decode entry point: sniff, check limits, decode at reduced size where possible, orient,
 * convert to sRGB. PLACEHOLDER implementation (plain ImageIO) until the guarded decoder lands.
 */
public final class ImageDecoder {
  private final Limits limits;

  public ImageDecoder(Limits limits) {
    this.limits = limits;
  }

  /** Reads the header only: format, declared size, frames, orientation. */
  public ImageHeader probe(byte[] data, String name) throws ImageRejectedException {
    return decode(data, name, 1, 1).header();
  }

  /**
   * Decodes {@code data} to an upright sRGB image whose size is at least {@code minWidth x minHeight}
   * (or the full image, if smaller); callers finish the resize themselves.
   */
  public DecodedImage decode(byte[] data, String name, int minWidth, int minHeight) throws ImageRejectedException {
    BufferedImage src;
    try {
      src = ImageIO.read(new ByteArrayInputStream(data));
    } catch (IOException e) {
      throw new ImageRejectedException(ErrorType.Corrupt, name, "cannot decode: " + e.getMessage(), e);
    }
    if (src == null) {
      throw new ImageRejectedException(ErrorType.NotAnImage, name, "not a recognised image");
    }
    boolean alpha = src.getColorModel().hasAlpha();
    BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(),
        alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.drawImage(src, 0, 0, null);
    g.dispose();
    ImageHeader header = new ImageHeader(ImageFormat.JPEG, src.getWidth(), src.getHeight(), 1, 1);
    return new DecodedImage(out, header, 1.0);
  }

  public Limits limits() {
    return limits;
  }
}
