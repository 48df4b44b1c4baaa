package io.thumbflow.core.decode.heif;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageRejectedException;
import io.thumbflow.core.render.PackedPixels;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * HEIC/HEIF and AVIF through libheif (see {@link HeifLibrary} for where it is looked for): reads
 * the primary image's declared size and colour without decoding, and decodes it into a box-reduced
 * packed raster straight from libheif's native plane. libheif applies irot/imir/clap, so the result
 * is upright and EXIF Orientation must not be applied again (HEIF, ISO/IEC 23008-12 section 6.5.3
 * note). Every libheif object is freed in a finally block on the decoding thread, so a decode
 * abandoned by its deadline still frees them when libheif returns. Thread-safe.
 */
public final class HeifDecoder {
  /**
   * Native memory that concurrent decodes may reserve in total: a 50 MP 8-bit photo is estimated at
   * 450 MiB (see {@link #nativeEstimate}), so one such decode fits, or several phone-sized ones.
   */
  static final long NATIVE_BUDGET_BYTES = 512L << 20;

  private static final NativeBudget BUDGET = new NativeBudget(NATIVE_BUDGET_BYTES);
  private static final int MAX_ICC_BYTES = 4 << 20;
  private static final Map<String, HeifDecoder> LOADED = new ConcurrentHashMap<>();

  private final HeifLibrary.Linked lib;

  private HeifDecoder(HeifLibrary.Linked lib) {
    this.lib = lib;
  }

  /**
   * The decoder for this JVM's settings ({@code -Dthumbflow.libheif}, {@code THUMBFLOW_LIBHEIF},
   * the Lambda bundle, the system library), linked once per setting; never null, never throws.
   * Check {@link #available()}.
   */
  public static HeifDecoder load() {
    HeifLibrary library = HeifLibrary.fromSystem();
    String key = String.valueOf(library.explicit());
    return LOADED.computeIfAbsent(
        key,
        k -> {
          try {
            return new HeifDecoder(library.link());
          } catch (LinkageError | RuntimeException e) { // e.g. JNA's own native part missing
            return new HeifDecoder(
                new HeifLibrary.Linked(
                    null,
                    null,
                    null,
                    "libheif not usable (" + e + "): " + HeifLibrary.INSTALL_HINT));
          }
        });
  }

  /**
   * A decoder without libheif, refusing HEIC/AVIF for {@code reason} (tests, or a caller that wants
   * none).
   */
  public static HeifDecoder unavailable(String reason) {
    return new HeifDecoder(
        new HeifLibrary.Linked(null, null, null, Objects.requireNonNull(reason, "reason")));
  }

  /** True when libheif is linked. */
  public boolean available() {
    return lib.usable();
  }

  /** Why libheif is not available, ending with what to install; null when it is. */
  public String unavailableReason() {
    return lib.problem();
  }

  /**
   * Where libheif was loaded from (a bundle folder, a file, or "system libheif.so.1"); null when
   * unavailable.
   */
  public String origin() {
    return lib.origin();
  }

  /** libheif's version string; null when unavailable. */
  public String version() {
    return lib.version();
  }

  /**
   * Reads what the primary image declares.
   *
   * @param format the format's name for messages ("HEIC", "AVIF")
   * @param maxPixels the pixel cap, also handed to libheif 1.19+ as its image-size security limit
   * @throws ImageRejectedException when libheif refuses the file (typed, one line naming {@code
   *     source})
   */
  public HeifInfo probe(byte[] data, String source, String format, long maxPixels)
      throws ImageRejectedException {
    try (Session s = Session.open(api(), data, source, format, maxPixels)) {
      LibHeif api = s.api;
      Pointer h = s.handle;
      int frames = Math.max(1, api.heif_context_get_number_of_top_level_images(s.ctx));
      return new HeifInfo(
          api.heif_image_handle_get_ispe_width(h),
          api.heif_image_handle_get_ispe_height(h),
          api.heif_image_handle_get_width(h),
          api.heif_image_handle_get_height(h),
          frames,
          api.heif_image_handle_has_alpha_channel(h) != 0,
          api.heif_image_handle_get_luma_bits_per_pixel(h),
          icc(api, h),
          nclx(api, h));
    }
  }

  /**
   * Decodes the primary image, upright, reduced by the largest whole factors that keep it at least
   * {@code minWidth x minHeight} (or whole when it is smaller), in sRGB unless {@code info} has an
   * ICC profile, which the caller applies.
   *
   * @param deadlineNanos {@link System#nanoTime()} by which the work must be done; waiting for
   *     native memory and the reduce stop then
   * @return a {@code TYPE_INT_ARGB} image when the source has alpha, else {@code TYPE_INT_RGB}
   */
  public Reduced decode(
      byte[] data,
      String source,
      String format,
      HeifInfo info,
      int minWidth,
      int minHeight,
      long maxPixels,
      long deadlineNanos)
      throws ImageRejectedException {
    Objects.requireNonNull(info, "info");
    BooleanSupplier late =
        () -> Thread.currentThread().isInterrupted() || System.nanoTime() - deadlineNanos > 0;
    NativeBudget.Reservation reservation = reserve(info, deadlineNanos);
    if (reservation == null) {
      throw new ImageRejectedException(
          ErrorType.Timeout,
          source,
          "timeout: waited past the deadline for native memory to decode the " + format);
    }
    try (reservation;
        Session s = Session.open(api(), data, source, format, maxPixels)) {
      return s.decode(info, minWidth, minHeight, late);
    }
  }

  /** MiB of the native budget not reserved by a decode right now. */
  static int budgetAvailableMib() {
    return BUDGET.availableMib();
  }

  private static NativeBudget.Reservation reserve(HeifInfo info, long deadlineNanos) {
    try {
      return BUDGET.reserve(nativeEstimate(info), deadlineNanos - System.nanoTime());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /**
   * A decoded, reduced image and its scale per axis (decoded px per displayed source px).
   *
   * @param image packed RGB or ARGB
   * @param scaleX 1/factorX when the decoded size matched the probed one
   * @param scaleY the same down
   */
  public record Reduced(BufferedImage image, double scaleX, double scaleY) {}

  /**
   * Native bytes a decode may hold at its peak: the codec's planes (at most 4:4:4), a copy of them
   * when a transformation applies, and the interleaved output, each {@code channels x bytes per
   * sample} per pixel.
   */
  static long nativeEstimate(HeifInfo info) {
    int bytesPerSample = info.bitDepth() > 8 ? 2 : 1;
    int channels = info.alpha() ? 4 : 3;
    return info.pixels() * channels * bytesPerSample * 3;
  }

  private LibHeif api() throws IllegalStateException {
    if (!lib.usable()) {
      throw new IllegalStateException(lib.problem());
    }
    return lib.api();
  }

  private static byte[] icc(LibHeif api, Pointer handle) {
    int type = api.heif_image_handle_get_color_profile_type(handle);
    if (type != LibHeif.COLOR_PROFILE_PROF && type != LibHeif.COLOR_PROFILE_RICC) {
      return null;
    }
    long size = api.heif_image_handle_get_raw_color_profile_size(handle);
    if (size <= 0 || size > MAX_ICC_BYTES) {
      return null;
    }
    try (Memory m = new Memory(size)) {
      LibHeif.HeifError e = api.heif_image_handle_get_raw_color_profile(handle, m);
      return e.code == 0 ? m.getByteArray(0, (int) size) : null;
    }
  }

  private static Nclx nclx(LibHeif api, Pointer handle) {
    PointerByReference out = new PointerByReference();
    LibHeif.HeifError e = api.heif_image_handle_get_nclx_color_profile(handle, out);
    return e.code == 0 ? readNclx(api, out.getValue()) : null;
  }

  /**
   * Reads and frees a {@code struct heif_color_profile_nclx} (version byte, then three enums and a
   * byte).
   */
  static Nclx readNclx(LibHeif api, Pointer p) {
    if (p == null) {
      return null;
    }
    try {
      return new Nclx(p.getInt(4), p.getInt(8), p.getInt(12), p.getByte(16) != 0);
    } finally {
      api.heif_nclx_color_profile_free(p);
    }
  }

  /**
   * One open file: the bytes copied to native memory, the libheif context and the primary image's
   * handle.
   */
  private static final class Session implements AutoCloseable {
    private final LibHeif api;
    private final String source;
    private final String format;
    private Memory bytes;
    private Pointer ctx;
    private Pointer handle;

    private Session(LibHeif api, String source, String format) {
      this.api = api;
      this.source = source;
      this.format = format;
    }

    static Session open(LibHeif api, byte[] data, String source, String format, long maxPixels)
        throws ImageRejectedException {
      Session s = new Session(api, source, format);
      try {
        s.bytes = new Memory(Math.max(1, data.length));
        s.bytes.write(0, data, 0, data.length);
        s.ctx = api.heif_context_alloc();
        if (s.ctx == null) {
          throw new ImageRejectedException(
              ErrorType.TooManyPixels,
              source,
              "too many pixels: libheif could not allocate a context for the " + format);
        }
        limitImageSize(api, s.ctx, maxPixels);
        s.check(
            api.heif_context_read_from_memory_without_copy(
                s.ctx, s.bytes, data.length, Pointer.NULL));
        PointerByReference handle = new PointerByReference();
        s.check(api.heif_context_get_primary_image_handle(s.ctx, handle));
        s.handle = handle.getValue();
        return s;
      } catch (ImageRejectedException | RuntimeException | Error e) {
        s.close();
        throw e;
      }
    }

    /**
     * libheif 1.19+ also refuses images over the cap itself (a grid larger than its 'ispe' says,
     * say).
     */
    private static void limitImageSize(LibHeif api, Pointer ctx, long maxPixels) {
      Pointer limits;
      try {
        limits = api.heif_context_get_security_limits(ctx);
      } catch (UnsatisfiedLinkError older) {
        return;
      }
      // struct heif_security_limits: uint8_t version; then (8-byte aligned) uint64_t
      // max_image_size_pixels.
      if (limits != null && limits.getByte(0) >= 1) {
        limits.setLong(8, Math.min(limits.getLong(8), maxPixels));
      }
    }

    Reduced decode(HeifInfo info, int minWidth, int minHeight, BooleanSupplier late)
        throws ImageRejectedException {
      boolean deep = info.bitDepth() > 8;
      int chroma =
          info.alpha()
              ? (deep ? LibHeif.CHROMA_INTERLEAVED_RRGGBBAA_LE : LibHeif.CHROMA_INTERLEAVED_RGBA)
              : (deep ? LibHeif.CHROMA_INTERLEAVED_RRGGBB_LE : LibHeif.CHROMA_INTERLEAVED_RGB);
      PointerByReference out = new PointerByReference();
      check(api.heif_decode_image(handle, out, LibHeif.COLORSPACE_RGB, chroma, Pointer.NULL));
      Pointer image = out.getValue();
      try {
        if (late.getAsBoolean()) {
          throw timeout();
        }
        IntByReference stride = new IntByReference();
        Pointer plane =
            api.heif_image_get_plane_readonly(image, LibHeif.CHANNEL_INTERLEAVED, stride);
        int w = api.heif_image_get_width(image, LibHeif.CHANNEL_INTERLEAVED);
        int h = api.heif_image_get_height(image, LibHeif.CHANNEL_INTERLEAVED);
        if (plane == null || w < 1 || h < 1) {
          throw new ImageRejectedException(
              ErrorType.Corrupt, source, "corrupt: libheif returned no pixels for the " + format);
        }
        int bits =
            deep ? api.heif_image_get_bits_per_pixel_range(image, LibHeif.CHANNEL_INTERLEAVED) : 8;
        int max = bits >= 8 && bits <= 16 ? (1 << bits) - 1 : (deep ? 65535 : 255);
        SrgbFromNclx colour = info.icc() != null ? null : colour(info, image);
        int factorX = Math.max(1, w / Math.max(1, minWidth));
        int factorY = Math.max(1, h / Math.max(1, minHeight));
        PlaneReducer.Plane p =
            new PlaneReducer.Plane(plane, stride.getValue(), w, h, info.alpha(), deep, max);
        int[] pixels = PlaneReducer.reduce(p, factorX, factorY, colour, late);
        BufferedImage reduced =
            PackedPixels.wrap(pixels, ceilDiv(w, factorX), ceilDiv(h, factorY), info.alpha());
        return new Reduced(
            reduced, scale(info.width(), w, factorX), scale(info.height(), h, factorY));
      } catch (PlaneReducer.Stopped e) {
        throw timeout();
      } finally {
        api.heif_image_release(image);
      }
    }

    /** The handle's nclx, else the one libheif attached from the bitstream, else sRGB. */
    private SrgbFromNclx colour(HeifInfo info, Pointer image) {
      Nclx nclx = info.nclx();
      if (nclx == null) {
        PointerByReference out = new PointerByReference();
        nclx =
            api.heif_image_get_nclx_color_profile(image, out).code == 0
                ? readNclx(api, out.getValue())
                : null;
      }
      return SrgbFromNclx.of(nclx == null ? Nclx.SRGB : nclx).orElse(null);
    }

    private static double scale(int declared, int decoded, int factor) {
      return decoded == declared ? 1.0 / factor : ceilDiv(decoded, factor) / (double) declared;
    }

    private static int ceilDiv(int a, int b) {
      return (a + b - 1) / b;
    }

    private ImageRejectedException timeout() {
      return new ImageRejectedException(
          ErrorType.Timeout,
          source,
          "timeout: decoding the " + format + " took longer than the per-image deadline");
    }

    private void check(LibHeif.HeifError e) throws ImageRejectedException {
      if (e.code != 0) {
        throw HeifFailure.reject(e.code, e.subcode, e.message, format, source);
      }
    }

    @Override
    public void close() {
      if (handle != null) {
        api.heif_image_handle_release(handle);
        handle = null;
      }
      if (ctx != null) {
        api.heif_context_free(ctx);
        ctx = null;
      }
      if (bytes != null) {
        bytes.close();
        bytes = null;
      }
    }
  }
}
