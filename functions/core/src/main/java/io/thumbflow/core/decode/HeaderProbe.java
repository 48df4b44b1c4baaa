package io.thumbflow.core.decode;

import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.ImageRejectedException;
import io.thumbflow.core.Limits;
import io.thumbflow.core.decode.heif.HeifDecoder;
import io.thumbflow.core.decode.heif.HeifInfo;
import java.io.IOException;
import java.util.Locale;
import java.util.function.Supplier;
import javax.imageio.ImageReader;

/**
 * Reads what an image declares about itself (format, size, frames, orientation, colour profile)
 * from its header, and refuses it before any pixel is decoded when the format is unsupported, the
 * header is broken or the declared size exceeds the pixel cap.
 */
final class HeaderProbe {
  /**
   * Pixel cap for formats whose decoder materialises the whole image whatever subsampling is asked
   * for (TwelveMonkeys' pure-Java WebP decoder): about 16 bytes of heap per pixel while decoding,
   * and several seconds per 10 MP, so larger ones could neither stay in a small heap nor meet the
   * deadline.
   */
  static final long FULL_SIZE_DECODE_MAX_PIXELS = 16_000_000L;

  /**
   * Samples per pixel a TIFF may declare: CMYK, alpha and a handful of extra channels.
   * TwelveMonkeys sizes per-pixel arrays and rasters by the tag before reading any image data, so a
   * forged count (a LONG of a billion) would exhaust the heap; the JDK's own TIFF reader refuses
   * anything over 1024 for the same reason.
   */
  static final int MAX_TIFF_SAMPLES_PER_PIXEL = 16;

  /** The VP8X chunk's flags byte, and its bit for "an ICCP chunk holds a colour profile". */
  private static final int VP8X_FLAGS = 20;

  private static final int VP8X_ICC_FLAG = 0x20;

  /** An ICC profile's fixed header, whose first 4 bytes declare the whole profile's size. */
  private static final int ICC_HEADER_BYTES = 128;

  /** BMP compression values for a whole JPEG or PNG as the pixel data (Windows DIBs only). */
  private static final long BMP_JPEG = 4;

  private static final long BMP_PNG = 5;

  /**
   * A probed image.
   *
   * @param header what the image declares
   * @param jpeg the JPEG structure, or null for other formats
   * @param gif the GIF structure, or null for other formats
   * @param icc an ICC profile the decoder does not apply itself (PNG iCCP, HEIF colr, or Adobe RGB
   *     for a photo that declares it only in EXIF), or null
   * @param heif what a HEIC/AVIF declares, or null for other formats
   * @param reader how an ImageIO reader is to read it (formats decoded through ImageIO; null for
   *     others)
   */
  record Probed(
      ImageHeader header,
      JpegStructure jpeg,
      GifStructure gif,
      byte[] icc,
      HeifInfo heif,
      ReaderInput reader) {
    Probed(ImageHeader header, JpegStructure jpeg, GifStructure gif, byte[] icc, HeifInfo heif) {
      this(header, jpeg, gif, icc, heif, header == null ? null : defaultReader(header.format()));
    }

    private static ReaderInput defaultReader(ImageFormat format) {
      String name = ReaderChoice.readerName(format);
      return name == null ? null : ReaderInput.of(name);
    }
  }

  private final Limits limits;

  /** Resolved at the first HEIC/AVIF only (see {@link ImageDecoder#ImageDecoder(Limits)}). */
  private final Supplier<HeifDecoder> heif;

  HeaderProbe(Limits limits, Supplier<HeifDecoder> heif) {
    this.limits = limits;
    this.heif = heif;
  }

  Probed probe(byte[] data, String source) throws ImageRejectedException {
    if (data.length > limits.maxInputBytes()) {
      throw new ImageRejectedException(
          ErrorType.ReadFailed,
          source,
          "input of "
              + data.length
              + " bytes exceeds the "
              + limits.maxInputBytes()
              + " byte limit");
    }
    SniffedFormat sniffed = FormatSniffer.sniff(data);
    switch (sniffed.kind()) {
      case NOT_AN_IMAGE ->
          throw new ImageRejectedException(
              ErrorType.NotAnImage,
              source,
              data.length == 0
                  ? "not an image: empty file"
                  : "not an image: looks like " + sniffed.name());
      case UNKNOWN ->
          throw new ImageRejectedException(
              ErrorType.NotAnImage, source, "not an image: no known image signature");
      case UNSUPPORTED ->
          throw new ImageRejectedException(
              ErrorType.UnsupportedFormat, source, "unsupported format: " + sniffed.name());
      case DAMAGED ->
          throw new ImageRejectedException(
              ErrorType.Corrupt, source, "corrupt: damaged " + sniffed.name() + " signature");
      case DECODABLE -> {}
    }
    Probed probed =
        switch (sniffed.format()) {
          case JPEG -> jpeg(data, source);
          case PNG -> png(data, source);
          case GIF -> gif(data, source);
          case BMP -> new Probed(bmp(data, source), null, null, null, null);
          case WEBP -> webp(data, source);
          case TIFF -> new Probed(tiff(data, source), null, null, null, null);
          case HEIC, AVIF -> heif(data, source, sniffed.format());
          case PSD -> psd(data, source);
          case ICO -> ico(data, source);
          case PNM -> pnm(data, source);
          case TGA -> tga(data, source);
          default ->
              throw new ImageRejectedException(
                  ErrorType.UnsupportedFormat, source, "unsupported format: " + sniffed.name());
        };
    checkSize(probed.header(), source);
    return probed;
  }

  private void checkSize(ImageHeader h, String source) throws ImageRejectedException {
    if (h.width() <= 0 || h.height() <= 0) {
      throw new ImageRejectedException(
          ErrorType.Corrupt,
          source,
          "corrupt: "
              + name(h.format())
              + " declares a "
              + h.width()
              + "x"
              + h.height()
              + " image");
    }
    checkPixels(
        (long) h.width() * h.height(), limits.maxPixels(), h.width() + "x" + h.height(), source);
  }

  /** Refuses {@code pixels} over {@code maxPixels}; {@code size} describes them ("40000x40000"). */
  static void checkPixels(long pixels, long maxPixels, String size, String source)
      throws ImageRejectedException {
    if (pixels > maxPixels) {
      throw new ImageRejectedException(
          ErrorType.TooManyPixels,
          source,
          "too many pixels: "
              + size
              + " = "
              + megapixels(pixels)
              + " MP exceeds the "
              + megapixels(maxPixels)
              + " MP limit");
    }
  }

  static String megapixels(long pixels) {
    if (pixels % 1_000_000 == 0 || pixels >= 10_000_000) {
      return Long.toString(Math.round(pixels / 1e6));
    }
    return String.format(Locale.ROOT, "%.2f", pixels / 1e6);
  }

  static String name(ImageFormat f) {
    return switch (f) {
      case WEBP -> "WebP";
      case JPEG2000 -> "JPEG 2000";
      case PNM -> "Netpbm";
      default -> f.name();
    };
  }

  private Probed jpeg(byte[] d, String source) throws ImageRejectedException {
    JpegStructure s = JpegStructure.read(d, source, limits.maxJpegScans(), limits.maxPixels());
    ImageHeader h =
        new ImageHeader(ImageFormat.JPEG, s.width(), s.height(), 1, ExifOrientation.read(s.exif()));
    checkSize(h, source);
    if (s.lossless()) {
      throw new ImageRejectedException(
          ErrorType.UnsupportedFormat, source, "unsupported format: lossless JPEG");
    }
    if (s.hierarchical()) {
      throw new ImageRejectedException(
          ErrorType.UnsupportedFormat, source, "unsupported format: hierarchical JPEG");
    }
    if (s.arithmetic()) {
      throw new ImageRejectedException(
          ErrorType.UnsupportedFormat, source, "unsupported format: arithmetic-coded JPEG");
    }
    if (s.precision() != 8) {
      throw new ImageRejectedException(
          ErrorType.UnsupportedFormat,
          source,
          "unsupported format: " + s.precision() + "-bit JPEG");
    }
    if (s.components() != 1 && s.components() != 3 && s.components() != 4) {
      throw new ImageRejectedException(
          ErrorType.UnsupportedFormat,
          source,
          "unsupported format: JPEG with " + s.components() + " colour components");
    }
    byte[] head = s.headWithoutOverrunningProfile(d);
    ReaderInput reader =
        new ReaderInput(ReaderChoice.readerName(ImageFormat.JPEG), 0, head); // head null: as is
    return new Probed(h, s, null, exifOnlyProfile(s.icc(), s.exif()), null, reader);
  }

  /**
   * The Adobe RGB profile for a photo without an embedded profile whose EXIF says Adobe RGB (see
   * {@link ExifColourSpace}); null otherwise, the embedded profile (if any) being applied as usual.
   */
  static byte[] exifOnlyProfile(byte[] embedded, byte[] exif) {
    return embedded == null && ExifColourSpace.adobeRgb(exif) ? AdobeRgbProfile.bytes() : null;
  }

  private Probed png(byte[] d, String source) throws ImageRejectedException {
    PngStructure s = PngStructure.read(d, source, limits.maxPixels());
    ImageHeader h =
        new ImageHeader(
            ImageFormat.PNG, s.width(), s.height(), s.frames(), ExifOrientation.read(s.exif()));
    return new Probed(
        h, null, null, s.icc() != null ? s.icc() : exifOnlyProfile(null, s.exif()), null);
  }

  private Probed gif(byte[] d, String source) throws ImageRejectedException {
    GifStructure s = GifStructure.read(d, source, limits.maxPixels());
    ImageHeader h = new ImageHeader(ImageFormat.GIF, s.width(), s.height(), s.frames(), 1);
    checkSize(h, source);
    checkPixels(s.maxExtentPixels(), limits.maxPixels(), "GIF frame canvas", source);
    return new Probed(h, null, s, null, null);
  }

  private ImageHeader bmp(byte[] d, String source) throws ImageRejectedException {
    if (d.length < 26) {
      throw new ImageRejectedException(
          ErrorType.Truncated, source, "truncated: BMP ends inside its header");
    }
    long dataOffset = FormatSniffer.u32le(d, 10);
    int dib = (int) FormatSniffer.u32le(d, 14);
    int width;
    int height;
    int bits;
    long compression = 0;
    if (dib == 12) {
      width = FormatSniffer.u16le(d, 18);
      height = FormatSniffer.u16le(d, 20);
      bits = FormatSniffer.u16le(d, 24);
    } else {
      if (d.length < 30) {
        throw new ImageRejectedException(
            ErrorType.Truncated, source, "truncated: BMP ends inside its header");
      }
      width = (int) FormatSniffer.u32le(d, 18);
      height = (int) FormatSniffer.u32le(d, 22);
      bits = FormatSniffer.u16le(d, 28);
      compression = d.length >= 34 && dib >= 20 ? FormatSniffer.u32le(d, 30) : 0;
    }
    if (height == Integer.MIN_VALUE) {
      throw new ImageRejectedException(ErrorType.Corrupt, source, "corrupt: BMP height is invalid");
    }
    int absHeight = Math.abs(height);
    if (bits != 1
        && bits != 2
        && bits != 4
        && bits != 8
        && bits != 16
        && bits != 24
        && bits != 32
        && bits != 64
        && !(bits == 0 && (compression == 4 || compression == 5))) {
      throw new ImageRejectedException(
          ErrorType.Corrupt, source, "corrupt: BMP bit count " + bits + " is invalid");
    }
    ImageHeader h = new ImageHeader(ImageFormat.BMP, width, absHeight, 1, 1);
    checkSize(h, source);
    boolean os2 = dib == 16 || dib == 64;
    boolean uncompressed = compression == 0 || (!os2 && (compression == 3 || compression == 6));
    if (uncompressed) {
      long row = ((long) bits * width + 31) / 32 * 4;
      long lastRow = ((long) bits * width + 7) / 8;
      long needed = dataOffset + row * (absHeight - 1) + lastRow;
      if (needed > d.length) {
        throw new ImageRejectedException(
            ErrorType.Truncated,
            source,
            "truncated: BMP data ends before the end of the " + width + "x" + absHeight + " image");
      }
    }
    if (!os2 && (compression == BMP_JPEG || compression == BMP_PNG)) {
      checkEmbeddedImage(d, dataOffset, compression == BMP_PNG, width, absHeight, source);
    }
    return h;
  }

  /**
   * A BMP whose pixels are an embedded PNG or JPEG is decoded by handing that stream to a PNG or
   * JPEG reader, which sizes its image from the stream's own header, not the BMP's: the two must
   * agree, or a small BMP could carry a gigapixel PNG past the pixel cap.
   */
  private void checkEmbeddedImage(
      byte[] d, long dataOffset, boolean png, int width, int height, String source)
      throws ImageRejectedException {
    String kind = png ? "PNG" : "JPEG";
    if (dataOffset >= d.length) {
      throw new ImageRejectedException(
          ErrorType.Truncated, source, "truncated: BMP ends before its embedded " + kind);
    }
    byte[] embedded = java.util.Arrays.copyOfRange(d, (int) dataOffset, d.length);
    int w;
    int h;
    if (png) {
      PngStructure s = PngStructure.read(embedded, source, limits.maxPixels());
      w = s.width();
      h = s.height();
    } else {
      JpegStructure s =
          JpegStructure.read(embedded, source, limits.maxJpegScans(), limits.maxPixels());
      w = s.width();
      h = s.height();
    }
    if (w != width || h != height) {
      throw new ImageRejectedException(
          ErrorType.Corrupt,
          source,
          "corrupt: the "
              + kind
              + " inside this BMP is "
              + w
              + "x"
              + h
              + ", not the BMP's "
              + width
              + "x"
              + height);
    }
  }

  private Probed webp(byte[] d, String source) throws ImageRejectedException {
    long riff = FormatSniffer.u32le(d, 4) + 8;
    if (riff > d.length || d.length < 30) {
      throw new ImageRejectedException(
          ErrorType.Truncated, source, "truncated: WebP data ends before the image does");
    }
    String first = FormatSniffer.ascii(d, 12, 4);
    int body = 20;
    int width;
    int height;
    int frames = 1;
    byte[] exif = null;
    long bitstream = 0; // the largest size a VP8/VP8L bitstream inside a VP8X file declares (px)
    int iccp = -1; // where the first ICCP chunk starts, the one the reader takes the profile from
    switch (first) {
      case "VP8 " -> {
        if ((d[body + 3] & 0xFF) != 0x9D
            || (d[body + 4] & 0xFF) != 0x01
            || (d[body + 5] & 0xFF) != 0x2A) {
          throw new ImageRejectedException(
              ErrorType.Corrupt, source, "corrupt: WebP VP8 frame header is invalid");
        }
        width = FormatSniffer.u16le(d, body + 6) & 0x3FFF;
        height = FormatSniffer.u16le(d, body + 8) & 0x3FFF;
      }
      case "VP8L" -> {
        if ((d[body] & 0xFF) != 0x2F) {
          throw new ImageRejectedException(
              ErrorType.Corrupt, source, "corrupt: WebP lossless header is invalid");
        }
        long bits = FormatSniffer.u32le(d, body + 1);
        width = (int) (bits & 0x3FFF) + 1;
        height = (int) ((bits >> 14) & 0x3FFF) + 1;
      }
      case "VP8X" -> {
        // Canvas width and height minus one, 24 bits each, end the 10-byte VP8X payload (bytes
        // 20-29).
        width = 1 + FormatSniffer.u24le(d, body + 4);
        height = 1 + FormatSniffer.u24le(d, body + 7);
        int count = 0;
        int pos = 12;
        while (pos + 8 <= d.length) {
          String type = FormatSniffer.ascii(d, pos, 4);
          long size = FormatSniffer.u32le(d, pos + 4);
          long next = pos + 8 + size + (size & 1);
          if (type.equals("ICCP") && iccp < 0) {
            iccp = pos;
          }
          if (type.equals("VP8 ") || type.equals("VP8L")) {
            bitstream = Math.max(bitstream, bitstreamPixels(type, d, pos + 8, source));
          } else if (type.equals("ANMF")) {
            count++;
            // The frame's own chunks (ALPH, VP8 or VP8L) follow its 16-byte header (position, size,
            // timing), each inside the frame, one of them the frame's bitstream (WebP container
            // spec, ANMF).
            long end = pos + 8 + size;
            if (end > d.length) {
              throw new ImageRejectedException(
                  ErrorType.Truncated,
                  source,
                  "truncated: WebP data ends inside an animation frame");
            }
            if (size < 16) {
              throw new ImageRejectedException(
                  ErrorType.Corrupt,
                  source,
                  "corrupt: a WebP animation frame is shorter than its 16-byte header");
            }
            checkFrameInsideCanvas(d, pos + 8, width, height, source);
            boolean image = false;
            for (long sub = pos + 8 + 16; sub + 8 <= end; ) {
              long subSize = FormatSniffer.u32le(d, (int) sub + 4);
              String subType = FormatSniffer.ascii(d, (int) sub, 4);
              if (sub + 8 + subSize > end) {
                throw new ImageRejectedException(
                    ErrorType.Corrupt,
                    source,
                    "corrupt: a chunk ('"
                        + FormatSniffer.printable(subType)
                        + "') of a WebP animation frame runs past the frame");
              }
              image |= subType.equals("VP8 ") || subType.equals("VP8L");
              bitstream = Math.max(bitstream, bitstreamPixels(subType, d, (int) sub + 8, source));
              sub += 8 + subSize + (subSize & 1);
            }
            if (!image) {
              throw new ImageRejectedException(
                  ErrorType.Corrupt, source, "corrupt: a WebP animation frame has no image data");
            }
          } else if (type.equals("EXIF") && exif == null && pos + 8 + size <= d.length) {
            exif = java.util.Arrays.copyOfRange(d, pos + 8, (int) (pos + 8 + size));
            if (exif.length >= 6 && FormatSniffer.ascii(exif, 0, 6).equals("Exif\0\0")) {
              exif = java.util.Arrays.copyOfRange(exif, 6, exif.length);
            }
          }
          if (next > d.length) {
            break;
          }
          pos = (int) next;
        }
        frames = Math.max(1, count);
      }
      default ->
          throw new ImageRejectedException(
              ErrorType.Corrupt,
              source,
              "corrupt: WebP has no image chunk (found '" + FormatSniffer.printable(first) + "')");
    }
    ImageHeader header =
        new ImageHeader(ImageFormat.WEBP, width, height, frames, ExifOrientation.read(exif));
    checkSize(header, source);
    long cap = Math.min(limits.maxPixels(), FULL_SIZE_DECODE_MAX_PIXELS);
    if (header.pixels() > cap) {
      throw new ImageRejectedException(
          ErrorType.TooManyPixels,
          source,
          "too many pixels: "
              + width
              + "x"
              + height
              + " = "
              + megapixels(header.pixels())
              + " MP exceeds the "
              + megapixels(cap)
              + " MP limit for WebP, which is decoded at full size");
    }
    // A frame's bitstream is as large as its frame, and a frame lies inside the canvas (WebP
    // container spec, "Extended File Format" and ANMF): one that declares more pixels than the
    // canvas is malformed, and the decoder would allocate for it whatever the canvas says.
    if (bitstream > header.pixels()) {
      throw new ImageRejectedException(
          ErrorType.Corrupt,
          source,
          "corrupt: a frame of this WebP declares "
              + megapixels(bitstream)
              + " MP, more than its "
              + width
              + "x"
              + height
              + " canvas");
    }
    if (bitstream > cap) {
      throw new ImageRejectedException(
          ErrorType.TooManyPixels,
          source,
          "too many pixels: a frame of this WebP "
              + "declares "
              + megapixels(bitstream)
              + " MP, over the "
              + megapixels(cap)
              + " MP limit for WebP, which is decoded at full size");
    }
    if (first.equals("VP8X")
        && (d[VP8X_FLAGS] & VP8X_ICC_FLAG) != 0
        && profileOverrunsItsChunk(d, iccp)) {
      return new Probed(header, null, null, null, null, withoutProfileFlag(d));
    }
    return new Probed(header, null, null, null, null);
  }

  /**
   * True when the ICCP chunk at {@code iccp} runs past the file, or holds less than the profile its
   * header declares. TwelveMonkeys' WebP reader allocates the declared size before it reads (a
   * 4-byte edit asks for 1.6 GB), so such a profile must not reach it.
   */
  private static boolean profileOverrunsItsChunk(byte[] d, int iccp) {
    if (iccp < 0) {
      return false; // no ICCP: the reader finds none and reads no profile
    }
    long held = FormatSniffer.u32le(d, iccp + 4);
    int profile = iccp + 8;
    return profile + held > d.length
        || held < ICC_HEADER_BYTES
        || FormatSniffer.u32be(d, profile) > held;
  }

  /**
   * The reader input for a WebP whose colour profile cannot be read: the VP8X flag that announces
   * the profile cleared, so the pixels are shown as they are, as for any other unreadable profile
   * ({@link SrgbConversion}).
   */
  private static ReaderInput withoutProfileFlag(byte[] d) {
    byte[] head = java.util.Arrays.copyOf(d, VP8X_FLAGS + 1);
    head[VP8X_FLAGS] &= (byte) ~VP8X_ICC_FLAG;
    return new ReaderInput(ReaderChoice.readerName(ImageFormat.WEBP), 0, head);
  }

  /**
   * An animation frame lies inside the canvas (libwebp's demuxer refuses one that does not), and
   * decoders allocate the frame's own declared size, not the canvas's.
   */
  private static void checkFrameInsideCanvas(
      byte[] d, int frameHeader, int canvasWidth, int canvasHeight, String source)
      throws ImageRejectedException {
    // Offsets are stored halved; width and height minus one (WebP container spec, ANMF).
    long x = 2L * FormatSniffer.u24le(d, frameHeader);
    long y = 2L * FormatSniffer.u24le(d, frameHeader + 3);
    long frameWidth = 1L + FormatSniffer.u24le(d, frameHeader + 6);
    long frameHeight = 1L + FormatSniffer.u24le(d, frameHeader + 9);
    if (x + frameWidth > canvasWidth || y + frameHeight > canvasHeight) {
      throw new ImageRejectedException(
          ErrorType.Corrupt,
          source,
          "corrupt: a WebP animation frame ("
              + frameWidth
              + "x"
              + frameHeight
              + " at "
              + x
              + ","
              + y
              + ") lies outside its "
              + canvasWidth
              + "x"
              + canvasHeight
              + " canvas");
    }
  }

  /**
   * HEIC/AVIF through libheif: the primary image's boxes only. The cap applies to the declared
   * ('ispe') size and to the displayed size before any pixel is decoded. libheif applies
   * irot/imir/clap when it decodes, so the header is the upright size with orientation 1: EXIF
   * Orientation, which iPhones also write, must not be applied on top (ISO/IEC 23008-12, 6.5.3).
   */
  private Probed heif(byte[] d, String source, ImageFormat format) throws ImageRejectedException {
    String fmt = name(format);
    HeifDecoder heif = this.heif.get();
    if (!heif.available()) {
      throw new ImageRejectedException(
          ErrorType.UnsupportedFormat,
          source,
          "unsupported format: "
              + fmt
              + " needs libheif, which is not available: "
              + heif.unavailableReason());
    }
    HeifInfo info = heif.probe(d, source, fmt, limits.maxPixels());
    if (info.declaredWidth() <= 0
        || info.declaredHeight() <= 0
        || info.width() <= 0
        || info.height() <= 0) {
      throw new ImageRejectedException(
          ErrorType.Corrupt,
          source,
          "corrupt: "
              + fmt
              + " declares a "
              + info.declaredWidth()
              + "x"
              + info.declaredHeight()
              + " image");
    }
    checkPixels(
        (long) info.declaredWidth() * info.declaredHeight(),
        limits.maxPixels(),
        info.declaredWidth() + "x" + info.declaredHeight(),
        source);
    checkPixels(
        (long) info.width() * info.height(),
        limits.maxPixels(),
        info.width() + "x" + info.height(),
        source);
    ImageHeader header = new ImageHeader(format, info.width(), info.height(), info.frames(), 1);
    return new Probed(header, null, null, info.icc(), info);
  }

  /**
   * Width x height (px) that a VP8 or VP8L bitstream starting at {@code body} declares (0 for other
   * chunk types); a bitstream whose header is cut off or lacks its signature is refused, as its
   * size is unknown.
   */
  private static long bitstreamPixels(String type, byte[] d, int body, String source)
      throws ImageRejectedException {
    boolean vp8 = type.equals("VP8 ");
    if (!vp8 && !type.equals("VP8L")) {
      return 0;
    }
    if (body + 10 > d.length) {
      throw new ImageRejectedException(
          ErrorType.Truncated, source, "truncated: WebP data ends inside a frame header");
    }
    if (vp8
        && (d[body + 3] & 0xFF) == 0x9D
        && (d[body + 4] & 0xFF) == 0x01
        && (d[body + 5] & 0xFF) == 0x2A) {
      return (long) (FormatSniffer.u16le(d, body + 6) & 0x3FFF)
          * (FormatSniffer.u16le(d, body + 8) & 0x3FFF);
    }
    if (!vp8 && (d[body] & 0xFF) == 0x2F) {
      long bits = FormatSniffer.u32le(d, body + 1);
      return ((bits & 0x3FFF) + 1) * (((bits >> 14) & 0x3FFF) + 1);
    }
    throw new ImageRejectedException(
        ErrorType.Corrupt, source, "corrupt: WebP frame header is invalid");
  }

  /**
   * PSD/PSB: the merged composite only. The reader converts 8-bit colour from the ICC resource to
   * sRGB itself and tags 16-bit images with it (converted later), so no profile is passed on; EXIF
   * Orientation applies.
   */
  private Probed psd(byte[] d, String source) throws ImageRejectedException {
    PsdStructure s = PsdStructure.read(d, source, limits.maxPixels());
    if (s.compression() == 2 || s.compression() == 3) {
      throw new ImageRejectedException(
          ErrorType.UnsupportedFormat,
          source,
          "unsupported format: PSD whose merged image is ZIP-compressed");
    }
    if (s.mode() == PsdStructure.MODE_MULTICHANNEL
        || s.mode() == PsdStructure.MODE_DUOTONE && s.depth() != 8) {
      throw new ImageRejectedException(
          ErrorType.UnsupportedFormat,
          source,
          "unsupported format: PSD in "
              + (s.mode() == PsdStructure.MODE_MULTICHANNEL ? "multichannel" : "16/32-bit duotone")
              + " mode");
    }
    if (s.depth() == 32) {
      throw new ImageRejectedException(
          ErrorType.UnsupportedFormat,
          source,
          "unsupported format: 32-bit (floating-point HDR) PSD");
    }
    ImageHeader h =
        new ImageHeader(ImageFormat.PSD, s.width(), s.height(), 1, ExifOrientation.read(s.exif()));
    return new Probed(h, null, null, exifOnlyProfile(s.icc(), s.exif()), null);
  }

  /**
   * ICO/CUR: the largest image of the directory, every image's own header checked against the cap.
   */
  private Probed ico(byte[] d, String source) throws ImageRejectedException {
    IcoDirectory dir = IcoDirectory.read(d, source, limits.maxPixels());
    ImageHeader h = new ImageHeader(ImageFormat.ICO, dir.width(), dir.height(), dir.count(), 1);
    return new Probed(
        h,
        null,
        null,
        null,
        null,
        new ReaderInput(dir.cursor() ? "cur" : "ico", dir.index(), null));
  }

  private Probed pnm(byte[] d, String source) throws ImageRejectedException {
    PnmHeader p = PnmHeader.read(d, source, limits.maxPixels());
    return new Probed(
        new ImageHeader(ImageFormat.PNM, p.width(), p.height(), 1, 1), null, null, null, null);
  }

  /**
   * TGA: rows stored right to left are read left to right and mirrored back, as EXIF orientation 2
   * does.
   */
  private Probed tga(byte[] d, String source) throws ImageRejectedException {
    TgaHeader t = TgaHeader.read(d, source, limits.maxPixels());
    ImageHeader h =
        new ImageHeader(ImageFormat.TGA, t.width(), t.height(), 1, t.rightToLeft() ? 2 : 1);
    return new Probed(h, null, null, null, null, new ReaderInput("tga", 0, t.readerHeader(d)));
  }

  private ImageHeader tiff(byte[] d, String source) throws ImageRejectedException {
    ImageReader reader = ReaderChoice.reader(ImageFormat.TIFF, source);
    try (DeadlineImageInputStream in = new DeadlineImageInputStream(d)) {
      reader.setInput(in, false, true);
      TiffStrips ifd0 = TiffStrips.read(d);
      if (ifd0.cameraRaw() != null) {
        throw new ImageRejectedException(
            ErrorType.UnsupportedFormat,
            source,
            "unsupported format: camera raw ("
                + ifd0.cameraRaw()
                + "): sensor data, not an image; export a JPEG, TIFF or HEIC from it");
      }
      if (ifd0.samplesPerPixel() > MAX_TIFF_SAMPLES_PER_PIXEL) {
        throw new ImageRejectedException(
            ErrorType.UnsupportedFormat,
            source,
            "unsupported format: TIFF with "
                + ifd0.samplesPerPixel()
                + " samples per pixel (thumbflow reads at most "
                + MAX_TIFF_SAMPLES_PER_PIXEL
                + ")");
      }
      int width = reader.getWidth(0);
      int height = reader.getHeight(0);
      ImageHeader header = new ImageHeader(ImageFormat.TIFF, width, height, 1, ifd0.orientation());
      checkSize(header, source);
      if (ifd0.runPastEnd()) {
        throw new ImageRejectedException(
            ErrorType.Truncated,
            source,
            "truncated: TIFF image data runs past the end of the file");
      }
      return header;
    } catch (IOException | RuntimeException e) {
      throw DecodeFailure.classify(e, ImageFormat.TIFF, source);
    } finally {
      reader.dispose();
    }
  }
}
