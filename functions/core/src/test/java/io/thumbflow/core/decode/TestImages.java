package io.thumbflow.core.decode;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Images drawn and encoded in code for the decoder tests. */
public final class TestImages {
  private TestImages() {}

  /**
   * {@code photo} scaled (bilinear) so that its longer side is {@code longSide} px, as packed RGB:
   * a thumbnail-like test input.
   */
  public static BufferedImage photoScaledTo(Path photo, int longSide) {
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

  /** An opaque picture with a gradient and a few shapes, so that pixels differ across the frame. */
  public static BufferedImage picture(int width, int height) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setPaint(
        new GradientPaint(0, 0, new Color(30, 90, 200), width, height, new Color(250, 200, 40)));
    g.fillRect(0, 0, width, height);
    g.setColor(Color.RED);
    g.fillOval(width / 8, height / 8, width / 3, height / 3);
    g.setColor(Color.WHITE);
    g.fillRect(width / 2, height / 2, width / 4, height / 5);
    g.dispose();
    return img;
  }

  static byte[] encode(BufferedImage img, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(img, format, out)) {
        throw new IllegalStateException("no " + format + " writer for type " + img.getType());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A JPEG written by the JDK's own writer (not TwelveMonkeys'), optionally progressive. */
  static byte[] jpeg(BufferedImage img, boolean progressive) {
    return jpeg(img, progressive, 0);
  }

  /**
   * A JPEG written by the JDK's own writer (not TwelveMonkeys'), optionally progressive; a restart
   * interval (in MCUs) above 0 adds a DRI segment.
   */
  public static byte[] jpeg(BufferedImage img, boolean progressive, int restartInterval) {
    ImageWriter writer = null;
    for (var it = ImageIO.getImageWritersByFormatName("jpeg"); it.hasNext(); ) {
      ImageWriter w = it.next();
      if (writer == null || w.getClass().getName().startsWith("com.sun.")) {
        writer = w;
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(ios);
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (progressive) {
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
      }
      IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(img), param);
      if (restartInterval > 0) {
        String format = "javax_imageio_jpeg_image_1.0";
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
        IIOMetadataNode dri = new IIOMetadataNode("dri");
        dri.setAttribute("interval", Integer.toString(restartInterval));
        IIOMetadataNode markers =
            (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
        markers.insertBefore(dri, markers.getFirstChild());
        metadata.setFromTree(format, root);
      }
      writer.write(null, new IIOImage(img, null, metadata), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  /** A PNG chunk with its length and CRC. */
  static byte[] chunk(String type, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(12 + data.length);
    b.putInt(data.length);
    byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
    b.put(t).put(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    b.putInt((int) crc.getValue());
    return b.array();
  }

  /**
   * A structurally valid PNG whose IHDR declares {@code width x height} (the pixel data is a stub).
   */
  static byte[] pngHeaderOnly(int width, int height, int bitDepth, int colourType) {
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height);
    ihdr.put((byte) bitDepth).put((byte) colourType).put((byte) 0).put((byte) 0).put((byte) 0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    out.writeBytes(chunk("IHDR", ihdr.array()));
    out.writeBytes(
        chunk("IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01}));
    out.writeBytes(chunk("IEND", new byte[0]));
    return out.toByteArray();
  }

  /** Offset of the first occurrence of {@code marker} (0xFF, m) in a JPEG. */
  static int jpegMarker(byte[] jpeg, int marker) {
    for (int i = 0; i + 1 < jpeg.length; i++) {
      if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == marker) {
        return i;
      }
    }
    throw new IllegalArgumentException("marker not found: " + Integer.toHexString(marker));
  }

  /** Offset of the first chunk of {@code type} in a PNG. */
  static int pngChunk(byte[] png, String type) {
    byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
    outer:
    for (int i = 12; i + 4 <= png.length; i++) {
      for (int k = 0; k < 4; k++) {
        if (png[i + k] != t[k]) {
          continue outer;
        }
      }
      return i - 4;
    }
    throw new IllegalArgumentException("chunk not found: " + type);
  }

  /** Every pixel of {@code img} as 0xRRGGBB, row by row, alpha dropped. */
  public static int[] rgbPixels(BufferedImage img) {
    int[] p = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    for (int i = 0; i < p.length; i++) {
      p[i] &= 0xFFFFFF;
    }
    return p;
  }

  static int[] rgb(int argb) {
    return new int[] {(argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF};
  }
}
