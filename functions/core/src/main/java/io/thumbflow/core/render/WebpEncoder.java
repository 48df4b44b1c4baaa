package io.thumbflow.core.render;

import com.luciad.imageio.webp.CompressionType;
import com.luciad.imageio.webp.WebPImageWriterSpi;
import com.luciad.imageio.webp.WebPWriteParam;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Encodes thumbnails as WebP with libwebp, which webp-imageio bundles for Linux x86_64/aarch64,
 * macOS and Windows: lossy at {@link #LOSSY_QUALITY}, and for images with alpha also lossless,
 * keeping the smaller. Whether the native library loads is found out once, by encoding one pixel,
 * so that a platform without it is told at start-up ({@link #unavailableReason}) rather than at
 * each image.
 */
final class WebpEncoder {
  /**
   * libwebp's quality (0..100) whose thumbnails are as close to the unencoded ones as JPEG's at
   * Pillow's default quality 75: the lowest at which the median PSNR over the 69 corpus photos at
   * 256x256 reaches the JPEG median, 34.24 against 34.17 dB, at 35% fewer bytes (measured by {@code
   * WebpVsJpeg}, see bench/webp-vs-jpeg.md; 71 with the default blur).
   */
  static final int LOSSY_QUALITY = 70;

  private static final WebPImageWriterSpi SPI = new WebPImageWriterSpi();
  private static final Optional<String> UNAVAILABLE = probe();

  private WebpEncoder() {}

  /** Why WebP cannot be written on this platform, or empty when it can. */
  static Optional<String> unavailableReason() {
    return UNAVAILABLE;
  }

  /**
   * Encodes {@code image} ({@code TYPE_INT_RGB} or {@code TYPE_INT_ARGB}): lossy, or the smaller of
   * lossy and lossless when it has alpha (flat graphics with transparency are often smaller
   * lossless).
   *
   * @throws IllegalStateException when libwebp is not available here
   */
  static byte[] encode(BufferedImage image) {
    if (UNAVAILABLE.isPresent()) {
      throw new IllegalStateException("cannot write WebP: " + UNAVAILABLE.get());
    }
    byte[] lossy = encode(image, CompressionType.Lossy, LOSSY_QUALITY);
    if (!image.getColorModel().hasAlpha()) {
      return lossy;
    }
    byte[] lossless = encode(image, CompressionType.Lossless, LOSSY_QUALITY);
    return lossless.length < lossy.length ? lossless : lossy;
  }

  /** One encode at {@code quality} (0..100; for lossless it trades encoder effort for size). */
  static byte[] encode(BufferedImage image, CompressionType type, int quality) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(8 * 1024);
    ImageWriter writer = SPI.createWriterInstance(null);
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      WebPWriteParam param = new WebPWriteParam(Locale.ROOT);
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionType(type);
      param.setCompressionQuality(quality / 100f);
      writer.write(null, new IIOImage(image, null, null), param);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode WebP: " + e.getMessage(), e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  private static Optional<String> probe() {
    try {
      byte[] one =
          encode(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), CompressionType.Lossy, 50);
      return one.length > 12 ? Optional.empty() : Optional.of("libwebp returned no data");
    } catch (LinkageError | RuntimeException e) {
      return Optional.of(
          "libwebp (bundled by webp-imageio for Linux x86_64/aarch64, macOS and Windows) did not "
              + "load on "
              + System.getProperty("os.name")
              + " "
              + System.getProperty("os.arch")
              + " ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse(""))
              + ")");
    }
  }
}
