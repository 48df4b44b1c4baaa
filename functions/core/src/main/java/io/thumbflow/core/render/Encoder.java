package io.thumbflow.core.render;

import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.Rendition;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.spi.ImageWriterSpi;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.libjpegturbo.turbojpeg.TJException;

/**
 * Encodes a finished thumbnail once, into a byte array, with Pillow's default settings: JPEG
 * quality 75 (4:2:0 chroma, the JDK's default for colour), through libjpeg-turbo where it loads
 * ({@link TurboJpegEncoder}) and ImageIO's writer elsewhere; PNG through {@link PngEncoder} (8-bit
 * RGB or RGBA); WebP through {@link WebpEncoder} where its native library loads. Alpha is flattened
 * onto white for formats without it and kept otherwise. Those three are the only output formats,
 * whatever other ImageIO writers are installed.
 */
public final class Encoder {
  /** Pillow's default JPEG quality (75 on its 1..95 scale), as ImageIO's 0..1 scale. */
  public static final float JPEG_QUALITY = 0.75f;

  /** Writer providers by format, looked up once: ImageIO's registry lookup instantiates writers. */
  private static final Map<ImageFormat, Optional<ImageWriterSpi>> WRITERS =
      new ConcurrentHashMap<>();

  private Encoder() {}

  /** True for JPEG and PNG, and for WebP where libwebp loads on this platform. */
  public static boolean canWrite(ImageFormat format) {
    return switch (format) {
      case JPEG -> writerSpi(format).isPresent();
      case PNG -> true;
      case WEBP -> WebpEncoder.unavailableReason().isEmpty();
      default -> false;
    };
  }

  /** Why {@code format} cannot be written here, as one sentence for a usage or start-up error. */
  public static String cannotWrite(ImageFormat format) {
    if (format == ImageFormat.WEBP) {
      return "cannot write webp here: "
          + WebpEncoder.unavailableReason().orElse("no WebP encoder")
          + "; JPEG and PNG can be written everywhere";
    }
    return "no " + format + " writer available: thumbflow writes JPEG, PNG or WebP";
  }

  /**
   * Throws when a rendition asks for a format no encoder here writes, naming the rendition: what a
   * pipeline checks when it is built, for a caller that wants to fail fast before building one.
   *
   * @throws IllegalArgumentException naming the first such rendition and why
   */
  public static void requireWritable(List<Rendition> renditions) {
    for (Rendition r : renditions) {
      if (r.format() != null && !canWrite(r.format())) {
        throw new IllegalArgumentException(
            "rendition " + r.name() + ": " + cannotWrite(r.format()));
      }
    }
  }

  /**
   * The format to write: {@code requested} when given; else the source's when writable (JPEG, PNG);
   * else PNG for images with alpha and JPEG for the rest.
   *
   * @param requested the recipe's format, or null to follow the source
   * @param source the sniffed source format, or null when unknown
   */
  public static ImageFormat chooseFormat(ImageFormat requested, ImageFormat source, boolean alpha) {
    if (requested != null) return requested;
    if (source != null && source.alwaysWritable()) return source;
    return alpha ? ImageFormat.PNG : ImageFormat.JPEG;
  }

  /**
   * Encodes {@code image} ({@code TYPE_INT_RGB} or {@code TYPE_INT_ARGB}) as {@code format}.
   *
   * @throws IllegalArgumentException when no writer for {@code format} is installed
   */
  public static byte[] encode(BufferedImage image, ImageFormat format) {
    if (!canWrite(format)) {
      throw new IllegalArgumentException(cannotWrite(format));
    }
    if (format == ImageFormat.WEBP) {
      return WebpEncoder.encode(image);
    }
    if (format == ImageFormat.PNG) {
      return PngEncoder.encode(
          PackedPixels.of(image),
          image.getWidth(),
          image.getHeight(),
          image.getColorModel().hasAlpha());
    }
    BufferedImage toWrite = image;
    if (format == ImageFormat.JPEG && image.getColorModel().hasAlpha()) {
      toWrite = flattenOnWhite(image);
    }
    if (format == ImageFormat.JPEG) {
      Optional<byte[]> fast = encodeJpeg(toWrite, TurboJpegEncoder.load());
      if (fast.isPresent()) return fast.get();
    }
    return encodeWithImageIo(toWrite, format);
  }

  /**
   * {@code image} (no alpha) as a JPEG from {@code turbo}; empty without it, or should it fail, and
   * the caller writes with ImageIO.
   */
  static Optional<byte[]> encodeJpeg(BufferedImage image, Optional<TurboJpegEncoder> turbo) {
    if (turbo.isEmpty()) return Optional.empty();
    try {
      return Optional.of(
          turbo.get().encode(PackedPixels.of(image), image.getWidth(), image.getHeight()));
    } catch (TJException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** {@code image} written by ImageIO's writer for {@code format} (JPEG without alpha). */
  static byte[] encodeWithImageIo(BufferedImage toWrite, ImageFormat format) {
    ImageWriterSpi spi =
        writerSpi(format).orElseThrow(() -> new IllegalArgumentException(cannotWrite(format)));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
    ImageWriter writer = null;
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer = spi.createWriterInstance();
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (format == ImageFormat.JPEG) {
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(JPEG_QUALITY);
      }
      writer.write(null, new IIOImage(toWrite, null, null), param);
      out.flush();
    } catch (IOException e) {
      // Writing to memory: only a writer fault can get here.
      throw new UncheckedIOException("cannot encode " + format + ": " + e.getMessage(), e);
    } finally {
      if (writer != null) writer.dispose();
    }
    return bytes.toByteArray();
  }

  /**
   * A {@code TYPE_INT_RGB} copy of {@code image} composited over white (thumbnail-sized, so cheap).
   */
  static BufferedImage flattenOnWhite(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    return PackedPixels.wrap(PackedPixels.overWhite(PackedPixels.of(image), w * h), w, h, false);
  }

  private static Optional<ImageWriterSpi> writerSpi(ImageFormat format) {
    return WRITERS.computeIfAbsent(format, Encoder::findWriterSpi);
  }

  private static Optional<ImageWriterSpi> findWriterSpi(ImageFormat format) {
    Iterator<ImageWriter> writers =
        ImageIO.getImageWritersByFormatName(format.name().toLowerCase(Locale.ROOT));
    while (writers.hasNext()) {
      ImageWriter w = writers.next();
      ImageWriterSpi spi = w.getOriginatingProvider();
      w.dispose();
      if (spi != null) return Optional.of(spi);
    }
    return Optional.empty();
  }
}
