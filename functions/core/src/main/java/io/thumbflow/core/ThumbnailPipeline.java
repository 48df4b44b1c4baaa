package io.thumbflow.core;

import io.thumbflow.core.decode.Deadline;
import io.thumbflow.core.decode.DecodedImage;
import io.thumbflow.core.decode.ImageDecoder;
import io.thumbflow.core.decode.ImageHeader;
import io.thumbflow.core.placeholder.Placeholders;
import io.thumbflow.core.render.BoxReduce;
import io.thumbflow.core.render.Encoder;
import io.thumbflow.core.render.GaussianBlur;
import io.thumbflow.core.render.Geometry;
import io.thumbflow.core.render.PackedPixels;
import io.thumbflow.core.render.Resampler;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one entry point for every mode (local runner, Lambda): read a source, decode it once, make
 * every rendition of the recipe (blur, resize, encode), write them, and report the outcome with
 * per-stage timings. A bad image becomes a failed {@link ImageResult}; only infrastructure faults
 * ({@link IOException}) are thrown. Thread-safe.
 *
 * <p>Each rendition looks like the original program's Pillow {@code GaussianBlur(radius)} at full
 * resolution followed by {@code thumbnail(box)} (or, for {@code cover}, a centre crop to the box),
 * but does far less work. Pillow's thumbnail box-reduces by the whole factor that leaves the image
 * 2..4x the target ({@code reducing_gap=2}) and then resamples bicubically; here the decoder
 * shrinks on load to at least 2x the largest rendition (JPEG in the DCT domain, PNG box-averaged as
 * it inflates; formats ImageIO can only point-subsample decode larger, see {@link ImageDecoder}),
 * and each rendition box-reduces that one raster by whatever whole factor is left for it, then
 * resamples.
 *
 * <p>Where the blur goes: a rendition made from the full-resolution raster and more than half its
 * size on either axis is blurred first, exactly as Pillow does. Any other is blurred last, on the
 * thumbnail, with sigma scaled to thumbnail px: blurring then shrinking and shrinking then blurring
 * with sigma/f add the same variance to each output pixel, and the thumbnail has 4..16x fewer
 * pixels than the raster before the resample (a 640x400 blur cost ~13 ms of a ~50 ms image at
 * 256x256; the 256x160 one ~1.5 ms). Measured over the 69 corpus photos against seed.py: median
 * PSNR 40.7 dB at 50x50 and 42.3 dB at 256x256 (blurring before the resample: 40.9 and 44.2 dB),
 * every size equal to Pillow's. The same rule for full-resolution rasters (before it, they were all
 * blurred first) took the 13 corpus PNGs at 1024x1024 from 5.10 to 4.63 CPU s (5 alternating runs;
 * a 3000x1993 px blur is ~130 ms), at 47-62 dB from seed.py's instead of identical.
 */
public final class ThumbnailPipeline {
  /**
   * Pillow's {@code reducing_gap}: the final resampling shrinks by at least this much, so the
   * decoder is asked for at least this many times each rendition's size.
   */
  static final int REDUCING_GAP = 2;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Recipe recipe;
  private final Limits limits;
  private final ImageDecoder decoder;

  /**
   * @param recipe what to make; not null
   * @param limits bounds on each image; not null
   * @throws IllegalArgumentException when the recipe asks for a format no installed writer can
   *     encode
   */
  public ThumbnailPipeline(Recipe recipe, Limits limits) {
    this.recipe = Objects.requireNonNull(recipe, "recipe");
    this.limits = Objects.requireNonNull(limits, "limits");
    Encoder.requireWritable(recipe.renditions());
    this.decoder = new ImageDecoder(limits);
  }

  public Recipe recipe() {
    return recipe;
  }

  public Limits limits() {
    return limits;
  }

  /**
   * Reads {@code source}, renders every rendition and writes each to {@code sink}.
   *
   * @return an ok result, or a failed one (typed error, timings so far) for a missing, oversized or
   *     bad image
   * @throws IOException when the source or sink fails in a way a retry may cure
   */
  public ImageResult process(ImageSource source, ImageSink sink) throws IOException {
    long startMs = System.currentTimeMillis();
    long cpu0 = threadCpuNanos();
    String worker = Thread.currentThread().getName();
    String name = source.name();
    long t0 = System.nanoTime();
    byte[] data;
    try {
      data = source.read(limits.maxInputBytes());
    } catch (ImageRejectedException e) {
      StageTimings timings = StageTimings.ZERO.withRead(msSince(t0));
      return ImageResult.failed(
          name, ImageError.of(e), timings, worker, startMs, System.currentTimeMillis());
    }
    double readMs = msSince(t0);
    StageClock clock = new StageClock();
    Rendered rendered;
    try {
      rendered = render(data, name, clock);
    } catch (ImageRejectedException e) {
      StageTimings timings = clock.timings().withRead(readMs);
      return ImageResult.failed(
              name, ImageError.of(e), timings, worker, startMs, System.currentTimeMillis())
          .withCpuMs(cpuMsSince(cpu0) + clock.cpuMs());
    }
    data = null; // the source bytes may be large; let them go before the writes
    List<RenditionResult> outputs = new ArrayList<>(rendered.thumbnails().size());
    double writeMs = 0;
    for (Thumbnail t : rendered.thumbnails()) {
      long w0 = System.nanoTime();
      String output = sink.write(name, t, rendered);
      double ms = msSince(w0);
      writeMs += ms;
      outputs.add(
          new RenditionResult(
              t.rendition().name(),
              output,
              t.width(),
              t.height(),
              t.format().name(),
              t.bytes().length,
              t.timings().withWrite(ms)));
    }
    StageTimings timings = sumOf(outputs, readMs, rendered.decodeMs(), writeMs);
    return new ImageResult(
        name,
        ImageResult.OK,
        rendered.sourceFormat().name(),
        rendered.sourceWidth(),
        rendered.sourceHeight(),
        outputs,
        rendered.placeholder(),
        timings,
        null,
        worker,
        startMs,
        System.currentTimeMillis(),
        round(cpuMsSince(cpu0) + clock.cpuMs()),
        null,
        null,
        null);
  }

  /**
   * A source's stage times: one read and one decode, and the renditions' blur, resize, encode and
   * write summed.
   */
  private static StageTimings sumOf(
      List<RenditionResult> outputs, double readMs, double decodeMs, double writeMs) {
    double blur = 0;
    double resize = 0;
    double encode = 0;
    for (RenditionResult r : outputs) {
      blur += r.timingsMs().blur();
      resize += r.timingsMs().resize();
      encode += r.timingsMs().encode();
    }
    return new StageTimings(readMs, decodeMs, blur, resize, encode, writeMs);
  }

  /**
   * Decodes once and makes every rendition within the per-image deadline.
   *
   * @param data the whole source file; not null
   * @param sourceName the source as the user named it, for messages; not null
   * @return the encoded renditions in recipe order, with their timings (write is 0)
   * @throws ImageRejectedException when the image is refused, malformed, too large or too slow
   */
  public Rendered render(byte[] data, String sourceName) throws ImageRejectedException {
    return render(data, sourceName, new StageClock());
  }

  private Rendered render(byte[] data, String sourceName, StageClock clock)
      throws ImageRejectedException {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(sourceName, "sourceName");
    // Reserved before the deadline starts (waiting for another worker's large image is not this
    // image's processing time) and released when the work really ends: a task the deadline gave up
    // on may still be holding its memory.
    HeapAdmission.Lease heap =
        HeapAdmission.SHARED.reserve(decoder.fullSizeHeapBytes(data, sourceName), sourceName);
    return Deadline.run(
        limits.deadline(),
        sourceName,
        () -> {
          try (heap) {
            return guarded(data, sourceName, clock);
          }
        });
  }

  /**
   * Turns what a decoder may throw on hostile data into a typed rejection, so a worker never dies
   * of it.
   */
  private Rendered guarded(byte[] data, String sourceName, StageClock clock)
      throws ImageRejectedException {
    long cpu0 = threadCpuNanos();
    try {
      return renderNow(data, sourceName, clock).withCpuMs(round(cpuMsSince(cpu0)));
    } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
      throw asRejection(e, sourceName, clock.doing());
    } finally {
      clock.cpuMs(cpuMsSince(cpu0));
    }
  }

  /**
   * What a decoder's unexpected failure on bad data means: out of memory is too many pixels;
   * anything else (ArrayIndexOutOfBounds, NegativeArraySize, a stack overflow on a recursive
   * structure, ...) is corruption.
   */
  static ImageRejectedException asRejection(Throwable e, String sourceName, String doing) {
    if (e instanceof OutOfMemoryError) {
      return new ImageRejectedException(
          ErrorType.TooManyPixels,
          sourceName,
          "too many pixels: ran out of memory while " + doing,
          e);
    }
    String detail =
        e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("");
    return new ImageRejectedException(
        ErrorType.Corrupt,
        sourceName,
        "corrupt: " + doing + " failed with " + e.getClass().getSimpleName() + detail,
        e);
  }

  private Rendered renderNow(byte[] data, String sourceName, StageClock clock)
      throws ImageRejectedException {
    clock.start(Stage.DECODE);
    DecodedImage decoded = decoder.decode(data, sourceName, this::decodeSize);
    clock.stop();
    ImageHeader header = decoded.header();
    int sourceWidth = header.uprightWidth();
    int sourceHeight = header.uprightHeight();
    Raster decodedRaster = new Raster(decoded);
    boolean alpha = decodedRaster.alpha;

    // Each rendition starts from what a decode for it alone would have made, derived from the one
    // decode (a whole box or point reduce), so a rendition looks the same whatever else the recipe
    // asks for.
    List<Rendition> renditions = recipe.renditions();
    List<DecodedImage.Derivation> derivations = new ArrayList<>(renditions.size());
    for (Rendition r : renditions) {
      derivations.add(decoded.derivationFor(decodeSize(header, List.of(r))));
    }
    decoded = null; // only the pixel array is kept from here on
    // Derived before any rendition may blur a raster in place. Finest first, so that a coarser
    // derivation nested in a finer one (a 50 px rendition's 1/8 decode in a 256 px one's 1/4, both
    // from a 1024 px one's 1/2) comes out of the same pass; the pass is timed once, for the finer.
    Map<DecodedImage.Derivation, Raster> derived = new HashMap<>();
    Map<DecodedImage.Derivation, Double> deriveMsOf = new HashMap<>();
    List<DecodedImage.Derivation> pending = new ArrayList<>(new LinkedHashSet<>(derivations));
    pending.sort(Comparator.comparingLong(d -> (long) d.factorX() * d.factorY()));
    while (!pending.isEmpty()) {
      DecodedImage.Derivation d = pending.remove(0);
      DecodedImage.Derivation coarser =
          pending.stream().filter(d::nestsInto).findFirst().orElse(null);
      clock.start(Stage.RESIZE);
      if (coarser == null) {
        derived.put(d, decodedRaster.derive(d));
      } else {
        pending.remove(coarser);
        Raster[] both = decodedRaster.deriveTwice(d, coarser);
        derived.put(d, both[0]);
        derived.put(coarser, both[1]);
      }
      deriveMsOf.put(d, clock.stop());
    }
    decodedRaster = null;
    List<Thumbnail> thumbnails = new ArrayList<>(renditions.size());
    int[] smallest = null;
    int smallestWidth = 0;
    int smallestHeight = 0;
    for (int k = 0; k < renditions.size(); k++) {
      Rendition rendition = renditions.get(k);
      DecodedImage.Derivation derivation = derivations.get(k);
      boolean lastUse =
          derivations.subList(k + 1, derivations.size()).stream().noneMatch(derivation::equals);
      Geometry g =
          Geometry.of(
              rendition.fit(), sourceWidth, sourceHeight, rendition.width(), rendition.height());
      Raster raster = derived.get(derivation);
      Double derivedMs =
          deriveMsOf.remove(derivation); // counted once, by the first rendition using it
      double deriveMs = derivedMs == null ? 0 : derivedMs;
      Made made = make(raster, rendition, g, lastUse, clock);
      if (lastUse) derived.remove(derivation);
      clock.start(Stage.ENCODE);
      ImageFormat format = Encoder.chooseFormat(rendition.format(), header.format(), made.alpha);
      byte[] bytes =
          Encoder.encode(
              PackedPixels.wrap(made.pixels, made.width, made.height, made.alpha), format);
      double encodeMs = clock.stop();
      thumbnails.add(
          new Thumbnail(
              rendition,
              bytes,
              format,
              made.width,
              made.height,
              new RenditionTimings(
                  round(made.blurMs), round(made.resizeMs + deriveMs), round(encodeMs), 0)));
      if (smallest == null
          || (long) made.width * made.height < (long) smallestWidth * smallestHeight) {
        smallest = made.pixels;
        smallestWidth = made.width;
        smallestHeight = made.height;
      }
    }
    Placeholder placeholder = null;
    if (recipe.placeholder()) {
      placeholder = Placeholders.of(smallest, smallestWidth, smallestHeight, alpha);
    }
    return new Rendered(
        header.format(),
        sourceWidth,
        sourceHeight,
        thumbnails,
        placeholder,
        round(clock.decodeMs()),
        0);
  }

  /** The decoded raster every rendition is derived from. */
  private static final class Raster {
    int[] pixels;
    final int width;
    final int height;
    final boolean alpha;

    /** Raster px per upright source px, per axis. */
    final double scaleX;

    final double scaleY;

    Raster(DecodedImage decoded) {
      BufferedImage image = decoded.image();
      this.alpha = image.getColorModel().hasAlpha();
      this.width = image.getWidth();
      this.height = image.getHeight();
      this.pixels = PackedPixels.of(image);
      this.scaleX = decoded.scaleX();
      this.scaleY = decoded.scaleY();
    }

    private Raster(
        int[] pixels, int width, int height, boolean alpha, double scaleX, double scaleY) {
      this.pixels = pixels;
      this.width = width;
      this.height = height;
      this.alpha = alpha;
      this.scaleX = scaleX;
      this.scaleY = scaleY;
    }

    /**
     * This raster reduced as {@code d} says (itself when d reduces nothing; a copy is never
     * shared).
     */
    Raster derive(DecodedImage.Derivation d) {
      if (!d.reduces()) return this;
      int[] px =
          d.pointSampled()
              ? BoxReduce.subsample(pixels, width, height, d.factorX(), d.factorY())
              : BoxReduce.reduce(pixels, width, height, d.factorX(), d.factorY(), alpha);
      return reduced(px, d);
    }

    /**
     * {@link #derive} for {@code fine} and for {@code coarse}, which it nests into, in one pass.
     */
    Raster[] deriveTwice(DecodedImage.Derivation fine, DecodedImage.Derivation coarse) {
      BoxReduce.Reductions both =
          BoxReduce.reduceTwice(
              pixels,
              width,
              height,
              fine.factorX(),
              fine.factorY(),
              coarse.factorX() / fine.factorX(),
              coarse.factorY() / fine.factorY(),
              alpha);
      return new Raster[] {reduced(both.fine(), fine), reduced(both.coarse(), coarse)};
    }

    private Raster reduced(int[] px, DecodedImage.Derivation d) {
      return new Raster(
          px,
          BoxReduce.reducedLength(width, d.factorX()),
          BoxReduce.reducedLength(height, d.factorY()),
          alpha,
          scaleX / d.factorX(),
          scaleY / d.factorY());
    }
  }

  /** One rendition's pixels before encoding, and what it took. */
  private record Made(
      int[] pixels, int width, int height, boolean alpha, double blurMs, double resizeMs) {}

  /**
   * Blurs and resamples the geometry's region of the raster to the rendition's size. {@code last}
   * (no later rendition uses this raster) lets it blur the raster in place instead of a copy.
   */
  private Made make(
      Raster raster, Rendition rendition, Geometry g, boolean last, StageClock clock) {
    int outW = g.size().width();
    int outH = g.size().height();
    // The region in raster px: fractional after a shrink-on-load.
    double rx = g.x0() * raster.scaleX;
    double ry = g.y0() * raster.scaleY;
    double rw = g.regionWidth() * raster.scaleX;
    double rh = g.regionHeight() * raster.scaleY;

    clock.start(Stage.RESIZE);
    // The whole part of the shrink still to do, as Pillow's reduce(): leaves 2..4x the target for
    // the resampler. Counted on the whole px the region touches (the raster's size for contain), as
    // Pillow counts its image.
    int factorX = Math.max(1, (int) Math.ceil(rw - 1e-9) / (outW * REDUCING_GAP));
    int factorY = Math.max(1, (int) Math.ceil(rh - 1e-9) / (outH * REDUCING_GAP));
    int[] pixels = raster.pixels;
    int width = raster.width;
    int height = raster.height;
    if (factorX > 1 || factorY > 1) {
      pixels = BoxReduce.reduce(pixels, width, height, factorX, factorY, raster.alpha);
      width = BoxReduce.reducedLength(width, factorX);
      height = BoxReduce.reducedLength(height, factorY);
      rx /= factorX;
      rw /= factorX;
      ry /= factorY;
      rh /= factorY;
    }
    double resizeMs = clock.stop();
    // Blur the full-resolution raster first, as Pillow does, only when the resample shrinks it by
    // less than the reducing gap on an axis; otherwise the thumbnail, (gap^2)x fewer px.
    boolean blurFirst =
        raster.scaleX == 1.0
            && raster.scaleY == 1.0
            && factorX == 1
            && factorY == 1
            && (rw < outW * REDUCING_GAP || rh < outH * REDUCING_GAP);

    double blurMs = 0;
    if (blurFirst && rendition.blurRadius() > 0) {
      clock.start(Stage.BLUR);
      if (!last)
        pixels = pixels.clone(); // the raster is still needed, unblurred, by later renditions
      GaussianBlur.blur(
          pixels, width, height, rendition.blurRadius(), rendition.blurRadius(), raster.alpha);
      blurMs += clock.stop();
    }

    clock.start(Stage.RESIZE);
    BufferedImage thumb =
        Resampler.resize(
            PackedPixels.wrap(pixels, width, height, raster.alpha), g.size(), rx, ry, rw, rh);
    int[] out = PackedPixels.of(thumb);
    if (out == raster.pixels && !last)
      out = out.clone(); // a rendition the size of the raster: never share it
    resizeMs += clock.stop();

    if (!blurFirst && rendition.blurRadius() > 0) {
      clock.start(Stage.BLUR);
      GaussianBlur.blur(
          out,
          outW,
          outH,
          rendition.blurRadius() * g.scaleX(),
          rendition.blurRadius() * g.scaleY(),
          raster.alpha);
      blurMs += clock.stop();
    }
    return new Made(out, outW, outH, raster.alpha, blurMs, resizeMs);
  }

  /**
   * How large to decode: twice (Pillow's reducing gap) the largest rendition's pixels per source
   * pixel, at most the source.
   */
  private ImageDecoder.MinimumSize decodeSize(ImageHeader header) {
    return decodeSize(header, recipe.renditions());
  }

  private static ImageDecoder.MinimumSize decodeSize(
      ImageHeader header, List<Rendition> renditions) {
    int w = header.uprightWidth();
    int h = header.uprightHeight();
    double needX = 0;
    double needY = 0;
    for (Rendition r : renditions) {
      Geometry g = Geometry.of(r.fit(), w, h, r.width(), r.height());
      needX = Math.max(needX, g.scaleX() * REDUCING_GAP);
      needY = Math.max(needY, g.scaleY() * REDUCING_GAP);
    }
    return new ImageDecoder.MinimumSize(
        (int) Math.max(1, Math.min(w, Math.ceil(w * needX - 1e-9))),
        (int) Math.max(1, Math.min(h, Math.ceil(h * needY - 1e-9))));
  }

  private static double msSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }

  private static double round(double ms) {
    return Math.round(ms * 1000.0) / 1000.0;
  }

  /** This thread's CPU time (ns), or 0 where the JVM cannot tell. */
  private static long threadCpuNanos() {
    try {
      return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
    } catch (UnsupportedOperationException e) {
      return 0;
    }
  }

  private static double cpuMsSince(long cpu0) {
    long now = threadCpuNanos();
    return now == 0 || cpu0 == 0 ? 0 : (now - cpu0) / 1e6;
  }

  private enum Stage {
    DECODE("decoding"),
    BLUR("blurring"),
    RESIZE("resizing"),
    ENCODE("encoding");

    final String doing;

    Stage(String doing) {
      this.doing = doing;
    }
  }

  /**
   * Milliseconds per render stage, kept as they accrue so a failure can still report the time spent
   * so far. Written by the render thread, read by the caller after {@link Deadline#run} returns or
   * gives up.
   */
  private static final class StageClock {
    private final double[] ms = new double[Stage.values().length];
    private volatile Stage current = Stage.DECODE;
    private long since;
    private volatile double cpuMs;

    synchronized void start(Stage stage) {
      current = stage;
      since = System.nanoTime();
    }

    /** Ends the current stage; returns its length (ms). */
    synchronized double stop() {
      if (since == 0) return 0;
      double t = (System.nanoTime() - since) / 1e6;
      ms[current.ordinal()] += t;
      since = 0;
      return t;
    }

    String doing() {
      return current.doing;
    }

    synchronized double decodeMs() {
      return ms[Stage.DECODE.ordinal()];
    }

    void cpuMs(double value) {
      cpuMs = value;
    }

    double cpuMs() {
      return cpuMs;
    }

    /** The stages so far; a stage still running counts up to now. */
    synchronized StageTimings timings() {
      double[] t = ms.clone();
      if (since != 0) t[current.ordinal()] += (System.nanoTime() - since) / 1e6;
      return new StageTimings(
          0,
          round(t[Stage.DECODE.ordinal()]),
          round(t[Stage.BLUR.ordinal()]),
          round(t[Stage.RESIZE.ordinal()]),
          round(t[Stage.ENCODE.ordinal()]),
          0);
    }
  }
}
