package io.thumbflow.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thumbflow.core.render.GaussianBlur;
import io.thumbflow.core.render.Geometry;
import io.thumbflow.core.render.PackedPixels;
import io.thumbflow.core.render.Resampler;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ThumbnailPipelineTest {

  /** An in-memory source; {@code null} bytes behave like a missing file. */
  record BytesSource(String name, byte[] bytes) implements ImageSource {
    @Override
    public byte[] read(long maxBytes) throws ImageRejectedException {
      if (bytes == null)
        throw new ImageRejectedException(ErrorType.ReadFailed, name, "read failed: no such file");
      if (bytes.length > maxBytes)
        throw new ImageRejectedException(ErrorType.ReadFailed, name, "read failed: too large");
      return bytes;
    }
  }

  /** Keeps what it is given. */
  static final class MemorySink implements ImageSink {
    final Map<String, Thumbnail> written = new HashMap<>();

    @Override
    public String write(String sourceName, Thumbnail thumbnail, Rendered source) {
      written.put(sourceName, thumbnail);
      return "mem/" + OutputNames.forSource(sourceName, thumbnail.format());
    }
  }

  static byte[] encode(BufferedImage image, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, format, out)).isTrue();
    return out.toByteArray();
  }

  static BufferedImage gradient(int w, int h, boolean alpha) {
    int[] px = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int a = alpha ? (x < w / 2 ? 0 : 0xff) : 0xff;
        px[y * w + x] =
            (a << 24)
                | ((x * 255 / Math.max(1, w - 1)) << 16)
                | ((y * 255 / Math.max(1, h - 1)) << 8)
                | 0x40;
      }
    }
    return PackedPixels.wrap(px, w, h, alpha);
  }

  static BufferedImage decode(byte[] bytes) throws IOException {
    return ImageIO.read(new ByteArrayInputStream(bytes));
  }

  @Test
  void makesAThumbnailThatFitsTheBoxKeepingTheAspectRatio() throws Exception {
    ThumbnailPipeline pipeline = new ThumbnailPipeline(Recipe.DEFAULT, Limits.DEFAULT);
    Rendered rendered = pipeline.render(encode(gradient(400, 300, false), "jpeg"), "wide.jpg");
    Thumbnail t = rendered.primary();
    assertThat(t.width()).isEqualTo(50);
    assertThat(t.height()).isEqualTo(38);
    assertThat(rendered.sourceWidth()).isEqualTo(400);
    assertThat(rendered.sourceHeight()).isEqualTo(300);
    BufferedImage back = decode(t.bytes());
    assertThat(back.getWidth()).isEqualTo(50);
    assertThat(back.getHeight()).isEqualTo(38);
  }

  @Test
  void neverEnlargesAnImageSmallerThanTheBox() throws Exception {
    ThumbnailPipeline pipeline =
        new ThumbnailPipeline(Recipe.DEFAULT.withSize(256, 256), Limits.DEFAULT);
    Thumbnail t = pipeline.render(encode(gradient(30, 20, false), "png"), "tiny.png").primary();
    assertThat(t.width()).isEqualTo(30);
    assertThat(t.height()).isEqualTo(20);
  }

  @Test
  void radiusZeroOnAnImageInsideTheBoxReturnsThePixelsUnchanged() throws Exception {
    BufferedImage source = gradient(40, 30, false);
    int[] expected = source.getRGB(0, 0, 40, 30, null, 0, 40);
    ThumbnailPipeline pipeline =
        new ThumbnailPipeline(Recipe.DEFAULT.withBlurRadius(0), Limits.DEFAULT);
    Thumbnail t = pipeline.render(encode(source, "png"), "same.png").primary();
    assertThat(t.format()).isEqualTo(ImageFormat.PNG);
    assertThat(decode(t.bytes()).getRGB(0, 0, 40, 30, null, 0, 40)).isEqualTo(expected);
  }

  @Test
  void blurChangesAnImageInsideTheBox() throws Exception {
    BufferedImage source = gradient(40, 30, false);
    int[] px = PackedPixels.of(source);
    for (int i = 0; i < px.length; i += 3) px[i] = 0xffffffff; // sharp specks
    int[] original = source.getRGB(0, 0, 40, 30, null, 0, 40);
    Thumbnail t =
        new ThumbnailPipeline(Recipe.DEFAULT, Limits.DEFAULT)
            .render(encode(source, "png"), "specks.png")
            .primary();
    assertThat(Arrays.equals(decode(t.bytes()).getRGB(0, 0, 40, 30, null, 0, 40), original))
        .isFalse();
  }

  @Test
  void outputFollowsTheInputFormatUnlessOverridden() throws Exception {
    byte[] png = encode(gradient(120, 80, false), "png");
    byte[] jpeg = encode(gradient(120, 80, false), "jpeg");
    assertThat(
            new ThumbnailPipeline(Recipe.DEFAULT, Limits.DEFAULT)
                .render(png, "a.png")
                .primary()
                .format())
        .isEqualTo(ImageFormat.PNG);
    assertThat(
            new ThumbnailPipeline(Recipe.DEFAULT, Limits.DEFAULT)
                .render(jpeg, "a.jpg")
                .primary()
                .format())
        .isEqualTo(ImageFormat.JPEG);
    Thumbnail forced =
        new ThumbnailPipeline(Recipe.DEFAULT.withFormat(ImageFormat.JPEG), Limits.DEFAULT)
            .render(png, "a.png")
            .primary();
    assertThat(forced.format()).isEqualTo(ImageFormat.JPEG);
    assertThat(forced.bytes()).startsWith((byte) 0xff, (byte) 0xd8);
  }

  @Test
  void bmpInputBecomesJpeg() throws Exception {
    BufferedImage rgb = new BufferedImage(60, 40, BufferedImage.TYPE_3BYTE_BGR);
    rgb.getGraphics().drawImage(gradient(60, 40, false), 0, 0, null);
    Thumbnail t =
        new ThumbnailPipeline(Recipe.DEFAULT, Limits.DEFAULT)
            .render(encode(rgb, "bmp"), "a.bmp")
            .primary();
    assertThat(t.format()).isEqualTo(ImageFormat.JPEG);
  }

  @Test
  void pngWithAlphaKeepsItsTransparencyAsPngAndTurnsWhiteAsJpeg() throws Exception {
    byte[] png = encode(gradient(200, 100, true), "png");
    Thumbnail asPng =
        new ThumbnailPipeline(Recipe.DEFAULT.withBlurRadius(0), Limits.DEFAULT)
            .render(png, "t.png")
            .primary();
    BufferedImage p = decode(asPng.bytes());
    assertThat(p.getColorModel().hasAlpha()).isTrue();
    assertThat(p.getRGB(2, 10) >>> 24).isZero();
    assertThat(p.getRGB(47, 10) >>> 24).isEqualTo(0xff);

    Thumbnail asJpeg =
        new ThumbnailPipeline(
                Recipe.DEFAULT.withBlurRadius(0).withFormat(ImageFormat.JPEG), Limits.DEFAULT)
            .render(png, "t.png")
            .primary();
    BufferedImage j = decode(asJpeg.bytes());
    assertThat(j.getColorModel().hasAlpha()).isFalse();
    int corner = j.getRGB(2, 10);
    assertThat((corner >>> 16) & 0xff).isGreaterThan(235);
    assertThat((corner >>> 8) & 0xff).isGreaterThan(235);
    assertThat(corner & 0xff).isGreaterThan(235);
  }

  @Test
  void refusesAnOutputFormatWithoutAWriterAtConstruction() {
    assertThatThrownBy(
            () -> new ThumbnailPipeline(Recipe.DEFAULT.withFormat(ImageFormat.TGA), Limits.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rendition thumb: no TGA writer available: thumbflow writes JPEG, PNG or WebP");
  }

  @Test
  void rendersAWebpRenditionWithAlphaKeptAndOtherSourcesFollowingTheirOwnFormatPolicy()
      throws Exception {
    Recipe recipe = Recipe.of(java.util.List.of("w:64x64:webp,s:64x64"), "50x50", 0, null, false);
    var rendered =
        new ThumbnailPipeline(recipe, Limits.DEFAULT)
            .render(encode(gradient(300, 200, true), "png"), "a.png");
    assertThat(rendered.thumbnails().get(0).format()).isEqualTo(ImageFormat.WEBP);
    byte[] webp = rendered.thumbnails().get(0).bytes();
    assertThat(new String(webp, 8, 4, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("WEBP");
    assertThat(io.thumbflow.core.render.Encoder.canWrite(ImageFormat.WEBP)).isTrue();
    assertThat(
            javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(webp))
                .getColorModel()
                .hasAlpha())
        .isTrue();
    // A WebP source is not kept as WebP unless asked: only JPEG and PNG sources keep their format.
    assertThat(rendered.thumbnails().get(1).format()).isEqualTo(ImageFormat.PNG);
    assertThat(io.thumbflow.core.render.Encoder.chooseFormat(null, ImageFormat.WEBP, false))
        .isEqualTo(ImageFormat.JPEG);
  }

  @Test
  void processWritesTheThumbnailAndReportsItWithTimings() throws Exception {
    MemorySink sink = new MemorySink();
    ImageResult r =
        new ThumbnailPipeline(Recipe.DEFAULT, Limits.DEFAULT)
            .process(new BytesSource("dir/p.png", encode(gradient(300, 200, false), "png")), sink);
    assertThat(r.isOk()).isTrue();
    assertThat(r.source()).isEqualTo("dir/p.png");
    assertThat(r.output()).isEqualTo("mem/dir/p.png");
    assertThat(r.width()).isEqualTo(50);
    assertThat(r.height()).isEqualTo(33);
    assertThat(r.format()).isEqualTo("PNG");
    assertThat(r.sourceWidth()).isEqualTo(300);
    assertThat(r.worker()).isEqualTo(Thread.currentThread().getName());
    assertThat(r.endMs()).isGreaterThanOrEqualTo(r.startMs());
    for (String stage : StageTimings.STAGES)
      assertThat(r.timingsMs().get(stage)).as(stage).isNotNegative();
    assertThat(r.timingsMs().decode()).isPositive();
    assertThat(sink.written).containsKey("dir/p.png");
  }

  @Test
  void aMissingSourceBecomesAReadFailedResult() throws Exception {
    MemorySink sink = new MemorySink();
    ImageResult r =
        new ThumbnailPipeline(Recipe.DEFAULT, Limits.DEFAULT)
            .process(new BytesSource("gone.jpg", null), sink);
    assertThat(r.isFailed()).isTrue();
    assertThat(r.error().type()).isEqualTo("ReadFailed");
    assertThat(r.error().message()).contains("gone.jpg");
    assertThat(sink.written).isEmpty();
  }

  @Test
  void aCorruptFileBecomesAFailedResultNamingTheFile() throws Exception {
    byte[] png = encode(gradient(300, 200, false), "png");
    byte[] damaged = png.clone();
    for (int i = 60; i < damaged.length - 20; i += 7)
      damaged[i] ^= 0x5a; // scramble the compressed data
    MemorySink sink = new MemorySink();
    ImageResult r =
        new ThumbnailPipeline(Recipe.DEFAULT, Limits.DEFAULT)
            .process(new BytesSource("bad.png", damaged), sink);
    assertThat(r.isFailed()).isTrue();
    assertThat(r.error().type()).isIn("Corrupt", "Truncated");
    assertThat(r.error().message()).startsWith("bad.png: ");
    assertThat(r.timingsMs().read()).isNotNegative();
    assertThat(sink.written).isEmpty();
  }

  @Test
  void neverThrowsForBadImages() throws Exception {
    ThumbnailPipeline pipeline = new ThumbnailPipeline(Recipe.DEFAULT, Limits.DEFAULT);
    byte[] jpeg = encode(gradient(300, 200, false), "jpeg");
    byte[] png = encode(gradient(300, 200, true), "png");
    Random random = new Random(42);
    byte[] noise = new byte[5000];
    random.nextBytes(noise);
    Map<String, byte[]> bad = new HashMap<>();
    bad.put("empty.jpg", new byte[0]);
    bad.put("noise.bin", noise);
    bad.put("text.png", "<html>not an image</html>".getBytes());
    bad.put("half.jpg", Arrays.copyOf(jpeg, jpeg.length / 2));
    bad.put("half.png", Arrays.copyOf(png, png.length / 2));
    bad.put("header-only.jpg", Arrays.copyOf(jpeg, 200));
    for (int i = 0; i < 20; i++) {
      byte[] flipped = (i % 2 == 0 ? jpeg : png).clone();
      for (int k = 0; k < 30; k++)
        flipped[20 + random.nextInt(flipped.length - 20)] = (byte) random.nextInt(256);
      bad.put("flipped-" + i + (i % 2 == 0 ? ".jpg" : ".png"), flipped);
    }
    for (Map.Entry<String, byte[]> e : bad.entrySet()) {
      ImageResult r = pipeline.process(new BytesSource(e.getKey(), e.getValue()), new MemorySink());
      // Damaged-but-decodable files may yield a thumbnail; what matters is a result, never an
      // exception.
      assertThat(r.status()).as(e.getKey()).isIn(ImageResult.OK, ImageResult.FAILED);
      if (r.isFailed()) {
        assertThat(r.error().message()).as(e.getKey()).startsWith(e.getKey() + ": ");
      }
    }
    assertThat(
            pipeline
                .process(new BytesSource("empty.jpg", new byte[0]), new MemorySink())
                .isFailed())
        .isTrue();
    assertThat(pipeline.process(new BytesSource("noise.bin", noise), new MemorySink()).isFailed())
        .isTrue();
  }

  @Test
  void decoderCrashesOnBadDataBecomeTypedRejectionsNamingTheFile() {
    ImageRejectedException aioobe =
        ThumbnailPipeline.asRejection(
            new ArrayIndexOutOfBoundsException("Index 4096 out of bounds for length 4096"),
            "x/bad.tif",
            "decoding");
    assertThat(aioobe.type()).isEqualTo(ErrorType.Corrupt);
    assertThat(aioobe.getMessage())
        .isEqualTo(
            "x/bad.tif: corrupt: decoding failed with ArrayIndexOutOfBoundsException: Index 4096 out of bounds for length 4096");
    assertThat(
            ThumbnailPipeline.asRejection(new NegativeArraySizeException("-8"), "a.bmp", "decoding")
                .type())
        .isEqualTo(ErrorType.Corrupt);
    ImageRejectedException oom =
        ThumbnailPipeline.asRejection(
            new OutOfMemoryError("Java heap space"), "huge.png", "blurring");
    assertThat(oom.type()).isEqualTo(ErrorType.TooManyPixels);
    assertThat(oom.getMessage()).startsWith("huge.png: too many pixels");
  }

  @Test
  void blursAFullSizeSourceFirstOnlyWhenItsThumbnailIsMoreThanHalfAsLarge() throws Exception {
    int w = 300;
    int h = 200;
    int[] px = new int[w * h];
    Random random = new Random(41);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        px[y * w + x] = 0xff000000 | (x * 255 / w) << 16 | (y * 255 / h) << 8 | random.nextInt(256);
      }
    }
    byte[] png = encode(PackedPixels.wrap(px, w, h, false), "png");
    double sigma = 2;

    // 200x200: 200x133, a shrink of 1.5, so the source is blurred first, as Pillow does.
    int[] blurredSource = px.clone();
    GaussianBlur.blur(blurredSource, w, h, sigma, sigma, false);
    Geometry near = Geometry.contain(w, h, 200, 200);
    int[] blurredFirst =
        PackedPixels.of(
            Resampler.resize(PackedPixels.wrap(blurredSource, w, h, false), near.size(), w, h));
    // 100x100: 100x67, a shrink of 3, so the thumbnail is blurred, with sigma in its px.
    Geometry far = Geometry.contain(w, h, 100, 100);
    int[] blurredLast =
        PackedPixels.of(
            Resampler.resize(PackedPixels.wrap(px.clone(), w, h, false), far.size(), w, h));
    GaussianBlur.blur(
        blurredLast,
        far.size().width(),
        far.size().height(),
        sigma * far.scaleX(),
        sigma * far.scaleY(),
        false);

    for (int box : new int[] {200, 100}) {
      byte[] thumb =
          new ThumbnailPipeline(
                  Recipe.DEFAULT.withSize(box, box).withBlurRadius(sigma), Limits.DEFAULT)
              .render(png, "gradient.png")
              .primary()
              .bytes();
      assertThat(rgb(PackedPixels.of(decode(thumb))))
          .as("%dx%d box", box, box)
          .isEqualTo(rgb(box == 200 ? blurredFirst : blurredLast));
    }
  }

  @Test
  void blurStillActsOnImagesThatAreShrunkBeforeBlurring() throws Exception {
    // 2000 px stripes 80 px wide: 2 px wide in the 50x50 thumbnail, where a radius of 80 source px
    // is 2 px.
    int n = 2000;
    int[] px = new int[n * n];
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) px[y * n + x] = (x / 80) % 2 == 0 ? 0xff000000 : 0xffffffff;
    }
    byte[] png = encode(PackedPixels.wrap(px, n, n, false), "png");
    BufferedImage sharp =
        decode(
            new ThumbnailPipeline(Recipe.DEFAULT.withBlurRadius(0), Limits.DEFAULT)
                .render(png, "stripes.png")
                .primary()
                .bytes());
    BufferedImage blurred =
        decode(
            new ThumbnailPipeline(Recipe.DEFAULT.withBlurRadius(80), Limits.DEFAULT)
                .render(png, "stripes.png")
                .primary()
                .bytes());
    assertThat(blurred.getWidth()).isEqualTo(50);
    assertThat(horizontalEnergy(blurred)).isLessThan(horizontalEnergy(sharp) * 0.5);
  }

  /** The colour of each pixel, whatever its top byte. */
  private static int[] rgb(int[] px) {
    return Arrays.stream(px).map(v -> v & 0xffffff).toArray();
  }

  private static double horizontalEnergy(BufferedImage image) {
    double e = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x + 1 < image.getWidth(); x++) {
        int d = ((image.getRGB(x, y) >>> 8) & 0xff) - ((image.getRGB(x + 1, y) >>> 8) & 0xff);
        e += d * d;
      }
    }
    return e;
  }

  @Test
  void rendersTwoFullSizeWebpsSideBySideWithoutRunningOutOfHeap() throws Exception {
    // Each needs about 275 MB at its peak; two at once do not fit the tests' 512 MB heap (without
    // HeapAdmission they thrashed past the deadline), so the second waits for the first.
    byte[] big =
        io.thumbflow.core.render.Encoder.encode(
            io.thumbflow.core.decode.TestImages.picture(4000, 3000), ImageFormat.WEBP);
    ThumbnailPipeline pipeline = new ThumbnailPipeline(Recipe.DEFAULT, Limits.DEFAULT);
    java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      java.util.concurrent.Future<Rendered> a = two.submit(() -> pipeline.render(big, "a.webp"));
      java.util.concurrent.Future<Rendered> b =
          two.submit(() -> pipeline.render(big.clone(), "b.webp"));

      assertThat(a.get().thumbnails()).hasSize(1);
      assertThat(b.get().thumbnails()).hasSize(1);
    } finally {
      two.shutdownNow();
    }
  }
}
