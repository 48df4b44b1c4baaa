package io.thumbflow.core.decode;

import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.ImageRejectedException;
import io.thumbflow.core.Limits;
import io.thumbflow.core.decode.dc.ProgressiveDcDecoder;
import io.thumbflow.core.decode.heif.HeifDecoder;
import io.thumbflow.core.decode.png.PngNotHandledException;
import io.thumbflow.core.decode.png.ReducingPngDecoder;
import io.thumbflow.core.decode.turbo.ScalingFactor;
import io.thumbflow.core.decode.turbo.TurboJpegDecoder;
import io.thumbflow.core.decode.turbo.TurboJpegException;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;

/**
 * The one decode entry point: sniff the format from magic bytes, read and check the header (pixel
 * cap, scan cap, structure), decode at reduced size where possible (shrink-on-load), report
 * truncation that a decoder would patch over, apply EXIF orientation and convert to sRGB, all
 * within the per-image deadline. Thread-safe; every method refuses bad input with an {@link
 * ImageRejectedException}.
 */
public final class ImageDecoder {
  static {
    ImageIO.setUseCache(false);
  }

  /**
   * How many times the asked size the pure-Java JPEG path decodes (CMYK/YCCK, or no libjpeg-turbo,
   * as on macOS and Windows): it shrinks by point subsampling, which aliases, where libjpeg-turbo's
   * DCT scaling averages; decoding larger leaves the averaging to the caller's box reduce. Measured
   * with FidelityCheck over the 69 corpus photos without libjpeg-turbo, median PSNR against
   * seed.py: 30.8 dB at 50x50 and 36.3 dB at 256x256 when decoding at the asked size; 38.4 and 43.3
   * dB with this factor.
   */
  static final int POINT_SUBSAMPLED_JPEG_OVERSAMPLING = 4;

  /**
   * How many times the asked size the other formats decode when ImageIO reads them (GIF, BMP, WebP,
   * TIFF, and PNGs the reducing decoder does not take): ImageIO shrinks them by point subsampling
   * only. Measured against seed.py over the 13 corpus PNGs at 50x50 when they were decoded this
   * way: median PSNR 32.8 dB at 2x, 39.6 dB at 4x, 48.9 dB at 8x, 53.1 dB at full size.
   */
  static final int POINT_SUBSAMPLED_OVERSAMPLING = 8;

  /**
   * How much of the asked size a progressive JPEG's 1/8 block-mean decode must reach to be used (it
   * may be smaller than asked). Each of its pixels is the exact mean of an 8x8 block, already an
   * anti-aliasing box filter, so it needs less room before the final resample than the pipeline's
   * 2x (Pillow's reducing gap) assumes. Measured against seed.py over the corpus at 256x256: at 0.7
   * (1.4x the thumbnail) the 6 progressive photos that switch to this path each gain 0.1-1.6 dB of
   * PSNR and the run's images take 24% less time; at 0.6 three more switch and lose 0.9-2.8 dB.
   * That loss is in subsampled chroma, which this decode interpolates from block means where
   * libjpeg-turbo inverse-transforms it; below this fraction, down to libjpeg-turbo's own, it does
   * what libjpeg-turbo does ({@link BlockMeans#EXACT}).
   */
  static final double BLOCK_MEAN_MIN_FRACTION = 0.7;

  private final Limits limits;
  private final HeaderProbe headers;
  private final Optional<TurboJpegDecoder> turbo;
  private final Supplier<HeifDecoder> heif;

  /**
   * A decoder bounded by {@code limits} (not null), with HEIC/AVIF where libheif loads. libheif
   * (through JNA, with its HEVC and AV1 codecs) is linked at the first HEIC/AVIF image, not here:
   * linking it took ~200 ms and ~5 MB of RSS at the start of every local run, for photo folders
   * that rarely hold one.
   */
  public ImageDecoder(Limits limits) {
    this(limits, new LazyHeif());
  }

  /**
   * A decoder bounded by {@code limits} that decodes HEIC/AVIF through {@code heif} (both not
   * null).
   */
  public ImageDecoder(Limits limits, HeifDecoder heif) {
    this(limits, constant(Objects.requireNonNull(heif, "heif")));
  }

  private ImageDecoder(Limits limits, Supplier<HeifDecoder> heif) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.heif = heif;
    this.headers = new HeaderProbe(limits, heif);
    this.turbo = loadTurbo();
  }

  private static Supplier<HeifDecoder> constant(HeifDecoder heif) {
    return () -> heif;
  }

  /** {@link HeifDecoder#load()} on first use, then the same decoder. Thread-safe. */
  private static final class LazyHeif implements Supplier<HeifDecoder> {
    private volatile HeifDecoder loaded;

    @Override
    public HeifDecoder get() {
      HeifDecoder d = loaded;
      if (d == null) {
        d = HeifDecoder.load(); // itself linked once per JVM and setting
        loaded = d;
      }
      return d;
    }
  }

  private static Optional<TurboJpegDecoder> loadTurbo() {
    try {
      return TurboJpegDecoder.load();
    } catch (RuntimeException | LinkageError e) {
      return Optional.empty();
    }
  }

  /**
   * Heap a full-size decode and render of the image needs at its peak, measured over whole renders
   * (decoder buffers, the decoded raster, its sRGB copy and the blur's): a 3600x2700 WebP ran out
   * of memory in a 150 MB heap, thrashed past the deadline in 200 MB and rendered in 250 MB.
   */
  static final int FULL_SIZE_HEAP_BYTES_PER_PIXEL = 24;

  /**
   * The heap to reserve before rendering {@code data}: its pixels times {@link
   * #FULL_SIZE_HEAP_BYTES_PER_PIXEL} for a format decoded only at full size (WebP: TwelveMonkeys'
   * reader cannot shrink on load), 0 for every format decoded reduced.
   *
   * @throws ImageRejectedException when a WebP's header is refused (as its decode would be)
   */
  public long fullSizeHeapBytes(byte[] data, String name) throws ImageRejectedException {
    if (FormatSniffer.sniff(data).format() != ImageFormat.WEBP) {
      return 0;
    }
    return probe(data, name).pixels() * FULL_SIZE_HEAP_BYTES_PER_PIXEL;
  }

  /** Reads the header only: format, declared size, frames, orientation. */
  public ImageHeader probe(byte[] data, String name) throws ImageRejectedException {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(name, "name");
    return Deadline.run(limits.deadline(), name, () -> headers.probe(data, name).header());
  }

  /**
   * Decodes {@code data} to an upright sRGB image whose size is at least {@code minWidth x
   * minHeight} (upright px), or the full image if it is smaller; callers finish the resize
   * themselves. Exceptions for JPEG, whose reduced decodes are area averages: a progressive JPEG's
   * 1/8 block-mean decode is used down to {@link #BLOCK_MEAN_MIN_FRACTION} of that size, and
   * libjpeg-turbo's 1/8, 1/4 and 1/2 decodes down to {@link #SHRINK_ON_LOAD_MIN_FRACTION} of it.
   */
  public DecodedImage decode(byte[] data, String name, int minWidth, int minHeight)
      throws ImageRejectedException {
    MinimumSize min = new MinimumSize(minWidth, minHeight);
    return decode(data, name, header -> min);
  }

  /**
   * Like {@link #decode(byte[], String, int, int)}, with the minimum size chosen from the header,
   * which is then read only once (callers that size the decode by the source's dimensions need not
   * probe first).
   */
  public DecodedImage decode(
      byte[] data, String name, Function<ImageHeader, MinimumSize> minimumSize)
      throws ImageRejectedException {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(minimumSize, "minimumSize");
    return Deadline.run(limits.deadline(), name, () -> decodeNow(data, name, minimumSize));
  }

  /** The smallest decoded size a caller can use (upright px, each >= 1). */
  public record MinimumSize(int width, int height) {
    public MinimumSize {
      if (width < 1 || height < 1) {
        throw new IllegalArgumentException(
            "minimum size must be at least 1x1, was " + width + "x" + height);
      }
    }
  }

  public Limits limits() {
    return limits;
  }

  private DecodedImage decodeNow(
      byte[] data, String name, Function<ImageHeader, MinimumSize> minimumSize)
      throws ImageRejectedException {
    HeaderProbe.Probed probed = headers.probe(data, name);
    ImageHeader header = probed.header();
    MinimumSize min = minimumSize.apply(header);
    int minWidth = min.width();
    int minHeight = min.height();
    int storedMinW = header.transposed() ? minHeight : minWidth;
    int storedMinH = header.transposed() ? minWidth : minHeight;
    Raw raw;
    byte[] icc = probed.icc();
    try {
      raw =
          switch (header.format()) {
            case JPEG ->
                jpeg(data, name, header, probed.jpeg(), probed.reader(), storedMinW, storedMinH);
            case PNG -> png(data, name, header, storedMinW, storedMinH);
            case HEIC, AVIF -> heif(data, name, header, probed, storedMinW, storedMinH);
            case GIF -> {
              int factor =
                  pointSubsampling(header, storedMinW, storedMinH, POINT_SUBSAMPLED_OVERSAMPLING);
              yield Raw.subsampled(
                  gifFirstFrame(data, name, header, probed.gif(), factor), header, factor);
            }
            default -> {
              int factor =
                  pointSubsampling(header, storedMinW, storedMinH, POINT_SUBSAMPLED_OVERSAMPLING);
              yield Raw.subsampled(
                  read(data, name, header, probed.reader(), factor), header, factor);
            }
          };
    } catch (OutOfMemoryError e) {
      throw new ImageRejectedException(
          ErrorType.TooManyPixels,
          name,
          "too many pixels: ran out of memory decoding the "
              + header.width()
              + "x"
              + header.height()
              + " "
              + HeaderProbe.name(header.format()),
          e);
    }
    if (raw.image().getWidth() < 1 || raw.image().getHeight() < 1) {
      throw new ImageRejectedException(
          ErrorType.Corrupt, name, "corrupt: decoder returned an empty image");
    }
    if (header.format() == ImageFormat.JPEG && !raw.colourManagedByDecoder()) {
      // The fast paths do not colour-manage: the embedded profile, else one that EXIF alone
      // declares.
      icc = probed.jpeg().icc() != null ? probed.jpeg().icc() : probed.icc();
    }
    BufferedImage upright =
        Orientation.upright(SrgbConversion.toSrgb(raw.image(), icc), header.orientation());
    Function<MinimumSize, DecodedImage.Derivation> smaller =
        smallerDecodes(header, probed.jpeg(), raw);
    return header.transposed()
        ? new DecodedImage(upright, header, raw.scaleY(), raw.scaleX(), smaller)
        : new DecodedImage(upright, header, raw.scaleX(), raw.scaleY(), smaller);
  }

  /**
   * How the decode this one was would have gone at a smaller minimum size (same path choices as
   * {@link #decodeNow}), as whole factors from this decode's scale; none when the ratio is not
   * whole or the two decodes would sample differently (a box-averaging decoder against ImageIO's
   * point subsampling).
   */
  private Function<MinimumSize, DecodedImage.Derivation> smallerDecodes(
      ImageHeader header, JpegStructure jpeg, Raw raw) {
    return uprightMin -> {
      int minW = header.transposed() ? uprightMin.height() : uprightMin.width();
      int minH = header.transposed() ? uprightMin.width() : uprightMin.height();
      Planned planned =
          switch (header.format()) {
            case JPEG -> plannedJpeg(header, jpeg, minW, minH);
            // libheif's planes are box-reduced by the largest whole factors that keep the minimum,
            // as PNG's are.
            case HEIC, AVIF ->
                new Planned(
                    1.0 / Math.max(1, header.width() / Math.max(1, minW)),
                    1.0 / Math.max(1, header.height() / Math.max(1, minH)),
                    false);
            case PNG ->
                raw.pointSampled()
                    ? Planned.point(
                        pointSubsampling(header, minW, minH, POINT_SUBSAMPLED_OVERSAMPLING))
                    : new Planned(
                        1.0 / Math.max(1, header.width() / Math.max(1, minW)),
                        1.0 / Math.max(1, header.height() / Math.max(1, minH)),
                        false);
            default ->
                Planned.point(pointSubsampling(header, minW, minH, POINT_SUBSAMPLED_OVERSAMPLING));
          };
      if (planned.pointSampled() != raw.pointSampled()) return DecodedImage.Derivation.NONE;
      int fx = wholeRatio(raw.scaleX(), planned.scaleX());
      int fy = wholeRatio(raw.scaleY(), planned.scaleY());
      if (fx < 1 || fy < 1) return DecodedImage.Derivation.NONE;
      return header.transposed()
          ? new DecodedImage.Derivation(fy, fx, planned.pointSampled())
          : new DecodedImage.Derivation(fx, fy, planned.pointSampled());
    };
  }

  /** A decode's scale per stored axis, and whether it point-samples. */
  private record Planned(double scaleX, double scaleY, boolean pointSampled) {
    static Planned point(int factor) {
      return new Planned(1.0 / factor, 1.0 / factor, true);
    }
  }

  /** The scale {@link #jpeg} would decode at for this minimum (stored px), without decoding. */
  private Planned plannedJpeg(ImageHeader header, JpegStructure jpeg, int minW, int minH) {
    if (blockMeans(jpeg, minW, minH) != null) return new Planned(1 / 8.0, 1 / 8.0, false);
    if (turbo.isPresent() && jpeg.plainYCbCrOrGrey()) {
      int n = turboEighths(header.width(), header.height(), minW, minH);
      return new Planned(n / 8.0, n / 8.0, false);
    }
    return Planned.point(pointSubsampling(header, minW, minH, POINT_SUBSAMPLED_JPEG_OVERSAMPLING));
  }

  /** {@code actual / planned} when it is a whole number >= 1, else 0. */
  private static int wholeRatio(double actual, double planned) {
    double r = actual / planned;
    long k = Math.round(r);
    return k >= 1 && Math.abs(r - k) < 1e-9 ? (int) k : 0;
  }

  /**
   * A decoder's raw output (stored orientation, colours as decoded) and its scale per stored axis.
   *
   * @param colourManagedByDecoder false for the JPEG fast paths, which leave the ICC profile to the
   *     caller
   */
  private record Raw(
      BufferedImage image,
      double scaleX,
      double scaleY,
      boolean colourManagedByDecoder,
      boolean pointSampled) {
    /**
     * ImageIO's output for a subsampling of {@code factor}: ceil(W / factor) px, or what the reader
     * made.
     */
    static Raw subsampled(BufferedImage image, ImageHeader header, int factor) {
      return new Raw(
          image,
          scale(header.width(), image.getWidth(), factor),
          scale(header.height(), image.getHeight(), factor),
          true,
          true);
    }

    private static double scale(int full, int decoded, int factor) {
      return decoded == (full + factor - 1) / factor ? 1.0 / factor : decoded / (double) full;
    }
  }

  private Raw jpeg(
      byte[] data,
      String name,
      ImageHeader header,
      JpegStructure jpeg,
      ReaderInput reader,
      int minW,
      int minH)
      throws ImageRejectedException {
    BufferedImage dc = progressiveDc(data, jpeg, minW, minH);
    if (dc != null) {
      return new Raw(dc, 1 / 8.0, 1 / 8.0, false, false);
    }
    BufferedImage fast = turboJpeg(data, jpeg, minW, minH);
    if (fast != null) {
      return new Raw(
          fast,
          dctScale(header.width(), fast.getWidth()),
          dctScale(header.height(), fast.getHeight()),
          false,
          false);
    }
    int factor = pointSubsampling(header, minW, minH, POINT_SUBSAMPLED_JPEG_OVERSAMPLING);
    return Raw.subsampled(read(data, name, header, reader, factor), header, factor);
  }

  /**
   * The scale n/8 of a DCT-scaled decode from {@code full} to {@code scaled} px ({@code ceil(full *
   * n / 8)}).
   */
  private static double dctScale(int full, int scaled) {
    for (int eighths = 1; eighths <= 8; eighths++) {
      if (new ScalingFactor(eighths).scale(full) == scaled) {
        return eighths / 8.0;
      }
    }
    return scaled / (double) full;
  }

  /**
   * PNG: box-averaged by Pillow's reduce factors while it inflates (see {@link
   * ReducingPngDecoder}), which leaves the caller's minimum size or a little more; what that
   * decoder does not take goes to ImageIO.
   */
  private Raw png(byte[] data, String name, ImageHeader header, int minW, int minH)
      throws ImageRejectedException {
    int factorX = Math.max(1, header.width() / Math.max(1, minW));
    int factorY = Math.max(1, header.height() / Math.max(1, minH));
    try {
      return new Raw(
          ReducingPngDecoder.decode(data, factorX, factorY),
          1.0 / factorX,
          1.0 / factorY,
          true,
          false);
    } catch (PngNotHandledException e) {
      int factor = pointSubsampling(header, minW, minH, POINT_SUBSAMPLED_OVERSAMPLING);
      return Raw.subsampled(read(data, name, header, factor), header, factor);
    }
  }

  /**
   * HEIC/AVIF: libheif decodes at full size (HEVC and AV1 cannot shrink on load) into native
   * memory, from which the box-reduced raster is copied; colours are converted to sRGB there for
   * nclx content, and the ICC profile, if any, is applied by the caller as for other formats.
   */
  private Raw heif(
      byte[] data, String name, ImageHeader header, HeaderProbe.Probed probed, int minW, int minH)
      throws ImageRejectedException {
    Long deadline = Deadline.currentNanos();
    long until = deadline != null ? deadline : System.nanoTime() + limits.deadline().toNanos();
    HeifDecoder.Reduced r =
        heif.get()
            .decode(
                data,
                name,
                HeaderProbe.name(header.format()),
                probed.heif(),
                minW,
                minH,
                limits.maxPixels(),
                until);
    return new Raw(r.image(), r.scaleX(), r.scaleY(), true, false);
  }

  /**
   * The point subsampling that decodes {@code oversampling} times the minimum size, at most the
   * whole image.
   */
  private static int pointSubsampling(ImageHeader header, int minW, int minH, int oversampling) {
    return subsampling(
        header.width(),
        header.height(),
        (int) Math.min(header.width(), (long) minW * oversampling),
        (int) Math.min(header.height(), (long) minH * oversampling));
  }

  /**
   * The largest integer subsampling that keeps the result at least {@code minW x minH} (1 = full
   * size).
   */
  static int subsampling(int width, int height, int minW, int minH) {
    int f = Math.min(width / Math.max(1, minW), height / Math.max(1, minH));
    return Math.max(1, f);
  }

  /**
   * The DC-only decode of a progressive JPEG (see {@link ProgressiveDcDecoder}) when its 1/8 scale
   * reaches enough of the asked size ({@link #blockMeans}); null otherwise. Pure Java, so it serves
   * platforms without libjpeg-turbo too.
   */
  private static BufferedImage progressiveDc(byte[] data, JpegStructure jpeg, int minW, int minH) {
    BlockMeans mode = blockMeans(jpeg, minW, minH);
    if (mode == null) return null;
    return (mode == BlockMeans.EXACT
            ? ProgressiveDcDecoder.decodeExactly(data)
            : ProgressiveDcDecoder.decode(data))
        .orElse(null);
  }

  /**
   * How much of the asked size libjpeg-turbo's decode must reach: half, i.e. the thumbnail's own
   * size (libvips' shrink-on-load rule), not the 2x of Pillow's reducing gap, at the power-of-two
   * scales 1/8, 1/4 and 1/2 only. libjpeg-turbo's reduced inverse DCTs at those scales ({@code
   * jidctred.c}) average each block's full inverse transform over 2x2, 4x4 or 8x8 pixels, chroma
   * included, so their output is already an area average and the final antialiased resample needs
   * no 2x of room; the other scales (3/8, 5/8 ..) are plain smaller transforms and, needing the
   * whole asked size, were never smaller than the power of two that reaches half of it, so they are
   * not used. When the asked size is the whole source on some axis (a thumbnail over half the
   * source's size), the source is decoded whole.
   *
   * <p>Measured against seed.py over the 69 corpus photos (PSNR over the whole RGB image, {@code
   * thumbflow local} against seed.py's outputs), with 1/4 and 1/2 added to the 1/8 that already
   * went down to half: at 256x256 the median went 42.22 -> 42.68 dB (12 photos change scale; min
   * unchanged at 29.4); at 50x50 nothing changes (41.01); at 1024x1024 the JPEGs between 2048 and
   * 4096 px across now decode at 1/2 instead of 5/8..8/8, each within +-0.8 dB of before, and one
   * that was decoded whole (2126 px) no longer matches seed.py pixel for pixel (45.9 dB). Side by
   * side ({@code thumbflow bench --variant}, 5 rounds): CPU ms/img at 256x256 52 -> 50, baseline
   * JPEGs 47 -> 45. Earlier, every n/8 down to half gave a 256x256 median of 42.73 dB, but a 50x50
   * rendition derived from a 1024x1024 rendition's 3/8 decode then lost up to 2.2 dB against
   * seed.py (RenditionsTest). The DC-only path keeps {@link #BLOCK_MEAN_MIN_FRACTION}: at 0.5 it
   * would also take two progressive photos that lose 2.9 and 0.3 dB against libjpeg-turbo's 1/8.
   */
  static final double SHRINK_ON_LOAD_MIN_FRACTION = 0.5;

  /**
   * The libjpeg-turbo scale, in eighths, for a {@code width x height} JPEG at this minimum (stored
   * px): the smallest of 1/8, 1/4 and 1/2 that reaches {@link #SHRINK_ON_LOAD_MIN_FRACTION} of it,
   * or 8/8 when the minimum is the whole source on some axis.
   */
  private static int turboEighths(int width, int height, int minW, int minH) {
    if (minW >= width || minH >= height) return 8;
    for (int n = 1; n < 8; n *= 2) {
      ScalingFactor factor = new ScalingFactor(n);
      if (factor.scale(width) >= minW * SHRINK_ON_LOAD_MIN_FRACTION
          && factor.scale(height) >= minH * SHRINK_ON_LOAD_MIN_FRACTION) return n;
    }
    return 8; // not reached: 1/2 of the source reaches half of anything smaller than it
  }

  /** How the DC-only 1/8 decode treats subsampled chroma. */
  enum BlockMeans {
    /** Interpolated from its block means: the faster, where the 1/8 decode has room to spare. */
    FAST,
    /** As libjpeg-turbo's 1/8 decode does, bit for bit (ProgressiveDcDecoder#decodeExactly). */
    EXACT
  }

  /**
   * Whether a decode at this minimum (stored px) takes the DC-only 1/8 path, and how: from {@link
   * #BLOCK_MEAN_MIN_FRACTION} of it {@link BlockMeans#FAST}, and wherever else libjpeg-turbo would
   * decode at 1/8 ({@link #SHRINK_ON_LOAD_MIN_FRACTION}) {@link BlockMeans#EXACT}, for layouts
   * where that decode reproduces libjpeg-turbo's ({@link JpegStructure#eighthReproducible};
   * BlockMeanChoiceTest) without its whole-image coefficient buffer (128 bytes per block and
   * component: 24.6 MB for a 2560x1600 4:4:4 photo, 13.5 MB for a 2572x1740 4:2:0 one) and without
   * decoding luma's AC scans; null when it does not.
   */
  static BlockMeans blockMeans(JpegStructure jpeg, int minW, int minH) {
    if (!ProgressiveDcDecoder.handles(jpeg.sofMarker()) || !jpeg.plainYCbCrOrGrey()) {
      return null;
    }
    if (eighthReaches(jpeg, minW, minH, BLOCK_MEAN_MIN_FRACTION)) {
      return BlockMeans.FAST;
    }
    return jpeg.eighthReproducible() && eighthReaches(jpeg, minW, minH, SHRINK_ON_LOAD_MIN_FRACTION)
        ? BlockMeans.EXACT
        : null;
  }

  private static boolean eighthReaches(JpegStructure jpeg, int minW, int minH, double fraction) {
    return (jpeg.width() + 7) / 8 >= minW * fraction && (jpeg.height() + 7) / 8 >= minH * fraction;
  }

  private BufferedImage turboJpeg(byte[] data, JpegStructure jpeg, int minW, int minH) {
    if (turbo.isEmpty() || !jpeg.plainYCbCrOrGrey()) {
      return null;
    }
    try {
      int n = turboEighths(jpeg.width(), jpeg.height(), minW, minH);
      // Asking for exactly that scale's size makes the decoder pick it.
      ScalingFactor factor = new ScalingFactor(n);
      return turbo.get().decode(data, factor.scale(jpeg.width()), factor.scale(jpeg.height()));
    } catch (TurboJpegException | RuntimeException | LinkageError e) {
      // JpegStructure has already checked that the data reaches EOI; libjpeg-turbo also stops on
      // benign warnings ("extraneous bytes before marker"), so let the pure-Java decoder judge and
      // report it.
      return null;
    }
  }

  private BufferedImage read(byte[] data, String name, ImageHeader header, int factor)
      throws ImageRejectedException {
    return read(
        data, name, header, ReaderInput.of(ReaderChoice.readerName(header.format())), factor);
  }

  /**
   * Reads image {@code input.imageIndex()} point-subsampled by {@code factor} (1 = full size):
   * {@code ceil(W / factor)} px across, or {@code floor(W / factor)} for readers that would leave
   * the last column empty (then the image spans a little less of the source than a whole step per
   * pixel, which {@link Raw}'s scale accounts for).
   */
  private BufferedImage read(
      byte[] data, String name, ImageHeader header, ReaderInput input, int factor)
      throws ImageRejectedException {
    ImageReader reader = ReaderChoice.reader(input.readerName(), header.format(), name);
    AtomicReference<String> warning = new AtomicReference<>();
    try (DeadlineImageInputStream in = new DeadlineImageInputStream(data, input.head())) {
      reader.setInput(in, input.imageIndex() == 0, true);
      reader.addIIOReadWarningListener(
          (src, message) -> {
            if (isDamageWarning(message)) {
              warning.compareAndSet(null, message);
            }
          });
      ImageReadParam param = reader.getDefaultReadParam();
      if (factor > 1) {
        param.setSourceSubsampling(factor, factor, 0, 0);
        if (header.width() % factor != 0
            && ReaderChoice.leavesLastSubsampledColumnEmpty(header.format())) {
          param.setSourceRegion(
              new java.awt.Rectangle(0, 0, header.width() / factor * factor, header.height()));
        }
      }
      BufferedImage image = reader.read(input.imageIndex(), param);
      String damage = warning.get();
      if (damage != null) {
        throw damaged(name, header, damage);
      }
      return image;
    } catch (IOException | RuntimeException | AssertionError e) {
      // AssertionError: TwelveMonkeys' readers assert what a header promised (e.g. a pixel depth).
      if (Thread.currentThread().isInterrupted() || Deadline.expired()) {
        reader.abort();
      }
      throw DecodeFailure.classify(e, header.format(), name);
    } finally {
      reader.dispose();
    }
  }

  /** libjpeg warnings that mean the returned pixels were patched (grey fill), not decoded. */
  private static boolean isDamageWarning(String message) {
    String m = String.valueOf(message).toLowerCase(Locale.ROOT);
    return m.contains("premature end")
        || m.contains("truncated")
        || m.contains("missing eoi")
        || m.contains("bad huffman")
        || m.contains("huffman code")
        || m.contains("corrupt data")
        || m.contains("unexpected end");
  }

  private static ImageRejectedException damaged(String name, ImageHeader header, String warning) {
    String m = warning.toLowerCase(Locale.ROOT);
    String fmt = HeaderProbe.name(header.format());
    if (m.contains("premature end of jpeg file")
        || m.contains("truncated")
        || m.contains("missing eoi")
        || m.contains("unexpected end")) {
      return new ImageRejectedException(
          ErrorType.Truncated,
          name,
          "truncated: "
              + fmt
              + " data ends before the end of the "
              + header.width()
              + "x"
              + header.height()
              + " image");
    }
    return new ImageRejectedException(
        ErrorType.Corrupt,
        name,
        "corrupt: " + fmt + " data is damaged (" + warning.replaceAll("\\s+", " ").trim() + ")");
  }

  /**
   * Decodes the first GIF frame and places it on the canvas, as a browser shows the first frame.
   */
  private BufferedImage gifFirstFrame(
      byte[] data, String name, ImageHeader header, GifStructure gif, int factor)
      throws ImageRejectedException {
    BufferedImage frame = read(data, name, header, factor);
    boolean covers =
        gif.frameLeft() == 0
            && gif.frameTop() == 0
            && gif.frameWidth() == header.width()
            && gif.frameHeight() == header.height();
    if (covers) {
      return frame;
    }
    int cw = (header.width() + factor - 1) / factor;
    int ch = (header.height() + factor - 1) / factor;
    BufferedImage canvas = new BufferedImage(cw, ch, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = canvas.createGraphics();
    g.drawImage(frame, gif.frameLeft() / factor, gif.frameTop() / factor, null);
    g.dispose();
    return canvas;
  }
}
