package io.thumbflow.core.decode;

import static io.thumbflow.core.decode.TestImages.encode;
import static io.thumbflow.core.decode.TestImages.jpeg;
import static io.thumbflow.core.decode.TestImages.picture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.ImageRejectedException;
import io.thumbflow.core.Limits;
import io.thumbflow.core.SharedCorpus;
import io.thumbflow.core.decode.heif.HeifDecoder;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageDecoderTest {
  private final ImageDecoder decoder = new ImageDecoder(Limits.DEFAULT);

  private static Path hostile(String file) {
    return SharedCorpus.hostile(file);
  }

  private static void assertRejected(ThrowingCallable call, ErrorType type, String reasonPart) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ImageRejectedException.class,
            e -> {
              assertThat(e.type()).isEqualTo(type);
              assertThat(e.reason()).contains(reasonPart).doesNotContain("\n");
              assertThat(e.getMessage()).startsWith(e.source() + ": ");
            });
  }

  // --- one test per error type
  // -------------------------------------------------------------------------

  @Test
  void rejectsPngDeclaringTenGigapixelsBeforeDecoding() {
    byte[] png = TestImages.pngHeaderOnly(100_000, 100_000, 8, 2);
    assertRejected(
        () -> decoder.decode(png, "huge.png", 256, 256),
        ErrorType.TooManyPixels,
        "100000x100000 = 10000 MP exceeds the 50 MP limit");
    assertRejected(
        () -> decoder.probe(png, "huge.png"), ErrorType.TooManyPixels, "too many pixels");
  }

  @Test
  void refusesAnOversizedImageEvenWhenTheFileIsAlsoCutShort() {
    byte[] png = TestImages.pngHeaderOnly(60_000, 60_000, 8, 6);
    byte[] stub = Arrays.copyOf(png, 40); // signature + IHDR only
    assertRejected(
        () -> decoder.decode(stub, "stub.png", 256, 256), ErrorType.TooManyPixels, "60000x60000");
    byte[] jpg = jpeg(picture(64, 64), false);
    int sof = TestImages.jpegMarker(jpg, 0xC0);
    jpg[sof + 5] = jpg[sof + 7] = (byte) 0xEA; // height = width = 60000 (0xEA60)
    jpg[sof + 6] = jpg[sof + 8] = 0x60;
    byte[] cut = Arrays.copyOf(jpg, sof + 30);
    assertRejected(
        () -> decoder.decode(cut, "stub.jpg", 256, 256), ErrorType.TooManyPixels, "60000x60000");
  }

  @Test
  void rejectsJpegOverAConfiguredPixelCapFromItsFrameHeader() {
    byte[] jpg = jpeg(picture(400, 300), false);
    ImageDecoder small = new ImageDecoder(Limits.DEFAULT.withMaxPixels(100_000));
    assertRejected(
        () -> small.decode(jpg, "photo.jpg", 64, 64), ErrorType.TooManyPixels, "400x300");
  }

  @Test
  void reportsTruncatedJpegInsteadOfReturningGreyRows() {
    byte[] full = jpeg(picture(640, 480), false);
    byte[] cut = Arrays.copyOf(full, full.length * 6 / 10);
    assertRejected(
        () -> decoder.decode(cut, "cut.jpg", 64, 64),
        ErrorType.Truncated,
        "JPEG data ends before the end of the 640x480 image");
  }

  @Test
  void reportsTruncatedPng() {
    byte[] full = encode(picture(300, 200), "png");
    byte[] cut = Arrays.copyOf(full, full.length / 2);
    assertRejected(
        () -> decoder.decode(cut, "cut.png", 64, 64), ErrorType.Truncated, "truncated: PNG");
  }

  @ParameterizedTest
  @ValueSource(strings = {"png", "gif", "bmp", "tiff"})
  void reportsTruncatedFilesOfEveryWritableFormat(String format) {
    BufferedImage noisy = picture(300, 200);
    java.util.Random random = new java.util.Random(1);
    for (int i = 0; i < 3000; i++) {
      noisy.setRGB(random.nextInt(300), random.nextInt(200), random.nextInt(1 << 24));
    }
    byte[] full = encode(format.equals("gif") ? toIndexed(noisy) : noisy, format);
    byte[] cut = Arrays.copyOf(full, full.length / 2);
    assertRejected(
        () -> decoder.decode(cut, "cut." + format, 64, 64), ErrorType.Truncated, "truncated");
  }

  @Test
  void rejectsGifWhoseLaterFrameAsksForAHugeCanvas() throws Exception {
    byte[] gif = encode(toIndexed(picture(10, 10)), "gif");
    int frame = 13 + ((gif[10] & 0x80) != 0 ? 3 * (1 << ((gif[10] & 7) + 1)) : 0);
    while (gif[frame]
        == 0x21) { // skip extensions (label, then sub-blocks) up to the image descriptor
      frame += 2;
      while (gif[frame] != 0) {
        frame += (gif[frame] & 0xFF) + 1;
      }
      frame++;
    }
    assertThat(gif[frame]).isEqualTo((byte) 0x2C);
    byte[] second = Arrays.copyOfRange(gif, frame, gif.length - 1);
    second[1] = second[2] = second[3] = second[4] = (byte) 0xF0; // left = top = 61680
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(gif, 0, gif.length - 1);
    out.writeBytes(second);
    out.write(0x3B);
    assertThat(decoder.probe(gif, "one.gif").frames()).isEqualTo(1);
    assertRejected(
        () -> decoder.decode(out.toByteArray(), "far.gif", 8, 8),
        ErrorType.TooManyPixels,
        "GIF frame canvas");
  }

  @Test
  void decodesAWebpAnimationsFirstFrameAndRejectsAFrameDeclaredLargerThanItsCanvas()
      throws Exception {
    byte[] still = io.thumbflow.core.render.Encoder.encode(picture(16, 16), ImageFormat.WEBP);
    byte[] fits = animatedWebp(still, 16, 16, 16);
    assertThat(decoder.decode(fits, "fits.webp", 16, 16).image().getWidth()).isEqualTo(16);
    // The frame header alone says 16 x 6,645,821: decoders allocate that, whatever the canvas.
    byte[] tall = animatedWebp(still, 16, 16, 6_645_821);
    assertRejected(
        () -> decoder.decode(tall, "tall.webp", 16, 16),
        ErrorType.Corrupt,
        "animation frame (16x6645821 at 0,0) lies outside its 16x16 canvas");
  }

  @Test
  void decodesAWebpWhoseColourProfileDeclaresMoreThanItsChunkHoldsWithoutTheProfile()
      throws Exception {
    byte[] still = io.thumbflow.core.render.Encoder.encode(picture(16, 16), ImageFormat.WEBP);
    BufferedImage plain = decoder.decode(still, "plain.webp", 16, 16).image();
    byte[] srgb = java.awt.color.ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    BufferedImage whole =
        decoder.decode(webpWithProfile(still, srgb), "whole.webp", 16, 16).image();
    // The profile header's size field says 0x63544C48 (1.6 GB), as a fuzzer's 4-byte edit did:
    // the reader allocated that before reading a byte of it.
    byte[] forged = srgb.clone();
    forged[0] = 0x63;
    forged[1] = 0x54;
    forged[2] = 0x4C;
    forged[3] = 0x48;
    BufferedImage unprofiled =
        decoder.decode(webpWithProfile(still, forged), "forged.webp", 16, 16).image();

    assertThat(rgb(whole)).isEqualTo(rgb(plain));
    assertThat(rgb(unprofiled)).isEqualTo(rgb(plain));
  }

  @Test
  void decodesACmykJpegWhoseColourProfileDeclaresMoreThanItsSegmentsHoldWithoutTheProfile()
      throws Exception {
    byte[] cmyk = Files.readAllBytes(hostile("pillow_pil_sample_cmyk.jpg"));
    BufferedImage plain = decoder.decode(cmyk, "plain.jpg", 100, 100).image();
    byte[] header =
        Arrays.copyOf(java.awt.color.ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData(), 128);
    header[0] = 0x63; // declares 0x63544C48 bytes (1.6 GB) in one 128-byte APP2 segment
    header[1] = 0x54;
    header[2] = 0x4C;
    header[3] = 0x48;
    ByteArrayOutputStream app2 = new ByteArrayOutputStream();
    app2.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE2, 0, (byte) (2 + 14 + header.length)});
    app2.writeBytes("ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII));
    app2.writeBytes(new byte[] {1, 1}); // chunk 1 of 1
    app2.writeBytes(header);
    ByteArrayOutputStream forged = new ByteArrayOutputStream();
    forged.write(cmyk, 0, 2); // SOI
    forged.writeBytes(app2.toByteArray());
    forged.write(cmyk, 2, cmyk.length - 2);

    BufferedImage unprofiled = decoder.decode(forged.toByteArray(), "forged.jpg", 100, 100).image();

    assertThat(rgb(unprofiled)).isEqualTo(rgb(plain));
  }

  @Test
  void rejectsABmpWhoseEmbeddedPngIsLargerThanTheBmpSays() throws Exception {
    byte[] png = encode(picture(40, 30), "png");
    assertThat(decoder.decode(bmpAround(png, 40, 30), "agrees.bmp", 8, 8).image().getWidth())
        .isPositive();
    // The PNG reader sizes its image from the PNG's own header (a fuzzer's BMP said 127x64 and
    // carried a PNG that ran a 512 MB heap out).
    assertRejected(
        () -> decoder.decode(bmpAround(png, 4, 3), "liar.bmp", 8, 8),
        ErrorType.Corrupt,
        "the PNG inside this BMP is 40x30, not the BMP's 4x3");
  }

  /** A BMP (BITMAPV5HEADER) whose pixel data is {@code png} (compression BI_PNG). */
  private static byte[] bmpAround(byte[] png, int width, int height) {
    int offset = 14 + 124;
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.allocate(offset + png.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'B').put((byte) 'M').putInt(offset + png.length).putInt(0).putInt(offset);
    b.putInt(124).putInt(width).putInt(height).putShort((short) 1).putShort((short) 0);
    b.putInt(5).putInt(png.length); // BI_PNG, image size
    b.position(offset);
    b.put(png);
    return b.array();
  }

  private static int[] rgb(BufferedImage image) {
    return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
  }

  /** A still WebP's VP8 chunk behind a VP8X header that announces {@code icc} in an ICCP chunk. */
  private static byte[] webpWithProfile(byte[] still, byte[] icc) {
    ByteArrayOutputStream vp8x = new ByteArrayOutputStream();
    vp8x.writeBytes(new byte[] {0x20, 0, 0, 0}); // ICC profile flag
    vp8x.writeBytes(u24(15));
    vp8x.writeBytes(u24(15));
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
    body.writeBytes(riffChunk("VP8X", vp8x.toByteArray()));
    body.writeBytes(riffChunk("ICCP", icc));
    body.writeBytes(Arrays.copyOfRange(still, 12, still.length)); // the "VP8 " chunk
    return riffChunk("RIFF", body.toByteArray());
  }

  /** A one-frame animation (VP8X, ANIM, ANMF) around the VP8 chunk of a still WebP. */
  private static byte[] animatedWebp(byte[] still, int canvasWidth, int canvasHeight, int frameH) {
    byte[] bitstream = Arrays.copyOfRange(still, 12, still.length); // the "VP8 " chunk
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.writeBytes(new byte[6]); // x and y offsets
    frame.writeBytes(u24(canvasWidth - 1));
    frame.writeBytes(u24(frameH - 1));
    frame.writeBytes(new byte[4]); // duration, flags
    frame.writeBytes(bitstream);
    ByteArrayOutputStream vp8x = new ByteArrayOutputStream();
    vp8x.writeBytes(new byte[] {0x02, 0, 0, 0}); // animation flag
    vp8x.writeBytes(u24(canvasWidth - 1));
    vp8x.writeBytes(u24(canvasHeight - 1));
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
    body.writeBytes(riffChunk("VP8X", vp8x.toByteArray()));
    body.writeBytes(riffChunk("ANIM", new byte[6]));
    body.writeBytes(riffChunk("ANMF", frame.toByteArray()));
    return riffChunk("RIFF", body.toByteArray());
  }

  private static byte[] riffChunk(String type, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(type.getBytes(StandardCharsets.US_ASCII));
    LegacyFormatFiles.le32(out, payload.length);
    out.writeBytes(payload);
    if ((payload.length & 1) == 1) {
      out.write(0);
    }
    return out.toByteArray();
  }

  private static byte[] u24(int v) {
    return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16)};
  }

  private static BufferedImage toIndexed(BufferedImage src) {
    BufferedImage indexed =
        new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_BYTE_INDEXED);
    Graphics2D g = indexed.createGraphics();
    g.drawImage(src, 0, 0, null);
    g.dispose();
    return indexed;
  }

  @Test
  void reportsPngWithABadCrcAsCorrupt() {
    byte[] png = encode(picture(64, 64), "png");
    int idat = TestImages.pngChunk(png, "IDAT");
    png[idat + 8 + 5] ^= 0x55; // a data byte; the chunk CRC no longer matches
    assertRejected(() -> decoder.decode(png, "crc.png", 64, 64), ErrorType.Corrupt, "bad CRC");
  }

  @Test
  void skipsADamagedAncillaryPngChunkAsLibpngDoes() throws Exception {
    byte[] png = encode(picture(64, 48), "png");
    int idat = TestImages.pngChunk(png, "IDAT");
    byte[] text = TestImages.chunk("tEXt", "Comment\0hello".getBytes(StandardCharsets.ISO_8859_1));
    text[text.length - 1] ^= 1; // break its CRC
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(png, 0, idat);
    out.writeBytes(text);
    out.write(png, idat, png.length - idat);
    DecodedImage d = decoder.decode(out.toByteArray(), "comment.png", 64, 48);
    assertThat(d.image().getWidth()).isEqualTo(64);
  }

  @Test
  void reportsPngWithAnInvalidColourTypeAsCorrupt() {
    byte[] png = TestImages.pngHeaderOnly(32, 32, 8, 9);
    assertRejected(
        () -> decoder.decode(png, "type9.png", 16, 16), ErrorType.Corrupt, "colour type 9");
  }

  @Test
  void reportsZeroWidthImageAsCorrupt() {
    byte[] png = TestImages.pngHeaderOnly(0, 32, 8, 2);
    assertRejected(() -> decoder.decode(png, "zero.png", 16, 16), ErrorType.Corrupt, "0x32");
  }

  @Test
  void rejectsJpegWithMoreScansThanTheCapBeforeDecoding() {
    byte[] progressive = jpeg(picture(256, 256), true);
    int lastScan = progressive.length - 2;
    while (!((progressive[lastScan] & 0xFF) == 0xFF
        && (progressive[lastScan + 1] & 0xFF) == 0xDA)) {
      lastScan--;
    }
    byte[] scan = Arrays.copyOfRange(progressive, lastScan, progressive.length - 2);
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    bomb.writeBytes(Arrays.copyOf(progressive, progressive.length - 2));
    for (int i = 0; i < 150; i++) {
      bomb.writeBytes(scan);
    }
    bomb.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD9});
    assertRejected(
        () -> decoder.decode(bomb.toByteArray(), "scans.jpg", 64, 64),
        ErrorType.Corrupt,
        "more than 100 scans");
  }

  @Test
  void timesOutWhenDecodingTakesLongerThanTheDeadline() {
    byte[] big = jpeg(picture(3000, 2000), true);
    ImageDecoder hurried = new ImageDecoder(Limits.DEFAULT.withDeadline(Duration.ofMillis(1)));
    assertRejected(
        () -> hurried.decode(big, "slow.jpg", 3000, 2000),
        ErrorType.Timeout,
        "took longer than 1 ms");
  }

  @Test
  void namesUnsupportedFormatsFoundByTheirSignature() {
    byte[] heic = bytes("\0\0\0\u0018ftypheic\0\0\0\0mif1heic");
    byte[] avif = bytes("\0\0\0\u001cftypavif\0\0\0\0avifmif1miaf");
    byte[] svg = bytes("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    byte[] qoi = bytes("qoif\0\0\0\u0010\0\0\0\u0010\u0003\0");
    byte[] jp2 =
        new byte[] {0, 0, 0, 0x0C, 'j', 'P', ' ', ' ', 0x0D, 0x0A, (byte) 0x87, 0x0A, 0, 0};
    ImageDecoder withoutLibheif =
        new ImageDecoder(
            Limits.DEFAULT,
            HeifDecoder.unavailable(
                "libheif not found: install libheif1 (apt-get install libheif1)"));
    assertRejected(
        () -> withoutLibheif.decode(heic, "a.jpg", 64, 64),
        ErrorType.UnsupportedFormat,
        "unsupported format: HEIC needs libheif, which is not available: libheif not found: install libheif1");
    assertRejected(
        () -> withoutLibheif.decode(avif, "b.png", 64, 64),
        ErrorType.UnsupportedFormat,
        "unsupported format: AVIF needs libheif");
    assertRejected(
        () -> decoder.decode(svg, "c.svg", 64, 64),
        ErrorType.UnsupportedFormat,
        "unsupported format: SVG");
    assertRejected(
        () -> decoder.decode(qoi, "d.qoi", 64, 64),
        ErrorType.UnsupportedFormat,
        "unsupported format: QOI");
    assertRejected(
        () -> decoder.decode(jp2, "e.jp2", 64, 64),
        ErrorType.UnsupportedFormat,
        "unsupported format: JPEG 2000");
  }

  @Test
  void rejectsLosslessAnd12BitJpegAsUnsupported() {
    byte[] lossless = jpeg(picture(64, 64), false);
    lossless[TestImages.jpegMarker(lossless, 0xC0) + 1] = (byte) 0xC3;
    assertRejected(
        () -> decoder.decode(lossless, "ls.jpg", 16, 16),
        ErrorType.UnsupportedFormat,
        "unsupported format: lossless JPEG");
    byte[] twelveBit = jpeg(picture(64, 64), false);
    twelveBit[TestImages.jpegMarker(twelveBit, 0xC0) + 4] = 12;
    assertRejected(
        () -> decoder.decode(twelveBit, "12.jpg", 16, 16),
        ErrorType.UnsupportedFormat,
        "unsupported format: 12-bit JPEG");
  }

  @Test
  void rejectsNonImagesWithWhatTheyLookLike() {
    assertRejected(
        () -> decoder.decode(new byte[0], "empty.jpg", 64, 64), ErrorType.NotAnImage, "empty file");
    assertRejected(
        () -> decoder.decode(bytes("%PDF-1.4\n%\u00e2\u00e3\n1 0 obj"), "doc.png", 64, 64),
        ErrorType.NotAnImage,
        "not an image: looks like a PDF document");
    assertRejected(
        () ->
            decoder.decode(
                bytes("<!DOCTYPE html><html><body>404</body></html>"), "page.jpg", 64, 64),
        ErrorType.NotAnImage,
        "HTML page");
    assertRejected(
        () -> decoder.decode(bytes("just some words\n"), "note.gif", 64, 64),
        ErrorType.NotAnImage,
        "plain text");
  }

  // --- what a successful decode returns
  // ----------------------------------------------------------------

  @Test
  void decodesAProgressiveJpegFromItsBlockMeansWhenOneEighthReachesSeventyPercentOfTheAskedSize()
      throws Exception {
    byte[] progressive = jpeg(picture(1440, 960), true);

    DecodedImage near = decoder.decode(progressive, "p.jpg", 250, 160); // 1/8 = 180x120, 72% of 250
    DecodedImage far = decoder.decode(progressive, "p.jpg", 370, 160); // 180 is 49% of 370

    assertThat(near.image().getWidth()).isEqualTo(180);
    assertThat(near.image().getHeight()).isEqualTo(120);
    assertThat(near.scaleX()).isEqualTo(0.125);
    assertThat(far.scaleX()).isGreaterThan(0.125); // libjpeg-turbo's 1/4: 360 px, 97% of 370
  }

  @Test
  void decodesAJpegAtThePowerOfTwoScaleThatReachesHalfTheAskedSizeOrWholeWhenAskedForTheWhole()
      throws Exception {
    byte[] baseline = jpeg(picture(1440, 960), false);

    DecodedImage eighth = decoder.decode(baseline, "b.jpg", 360, 240); // 180x120: exactly half
    DecodedImage quarter = decoder.decode(baseline, "b.jpg", 361, 240); // 1/8 is 49.9%: 360x240
    DecodedImage half = decoder.decode(baseline, "b.jpg", 1439, 959); // 1/4 is 25%: 720x480
    DecodedImage whole = decoder.decode(baseline, "b.jpg", 1440, 100); // all of one side

    assertThat(eighth.image().getWidth()).isEqualTo(180);
    assertThat(eighth.scaleX()).isEqualTo(0.125);
    assertThat(quarter.image().getWidth()).isEqualTo(360);
    assertThat(quarter.scaleX()).isEqualTo(0.25);
    assertThat(half.image().getWidth()).isEqualTo(720);
    assertThat(half.scaleX()).isEqualTo(0.5);
    assertThat(whole.image().getWidth()).isEqualTo(1440);
    assertThat(whole.scaleX()).isEqualTo(1.0);
  }

  @Test
  void decodesLargeJpegReducedSoMemoryIsBoundedByTheOutput() throws Exception {
    byte[] big = jpeg(picture(4000, 3000), false);
    DecodedImage d = decoder.decode(big, "big.jpg", 250, 250);
    assertThat(d.scaleX()).isLessThan(0.5);
    assertThat(d.scaleY()).isLessThan(0.5);
    assertThat(d.image().getWidth()).isGreaterThanOrEqualTo(250).isLessThan(2000);
    assertThat(d.image().getHeight()).isGreaterThanOrEqualTo(250).isLessThan(1500);
    assertThat(d.header().width()).isEqualTo(4000);
    assertThat(d.header().height()).isEqualTo(3000);
  }

  @Test
  void decodesPngWithAlphaAsIntArgbKeepingTransparency() throws Exception {
    BufferedImage src = new BufferedImage(40, 20, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = src.createGraphics();
    g.setColor(new Color(255, 0, 0, 128));
    g.fillRect(0, 0, 20, 20);
    g.dispose();
    DecodedImage d = decoder.decode(encode(src, "png"), "alpha.png", 40, 20);
    assertThat(d.image().getType()).isEqualTo(BufferedImage.TYPE_INT_ARGB);
    assertThat(d.image().getRGB(5, 5) >>> 24).isEqualTo(128);
    assertThat(d.image().getRGB(30, 5) >>> 24).isZero();
  }

  @Test
  void decodesOpaqueImagesAsIntRgb() throws Exception {
    DecodedImage d = decoder.decode(encode(picture(50, 40), "png"), "opaque.png", 50, 40);
    assertThat(d.image().getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
    assertThat(d.header().format()).isEqualTo(ImageFormat.PNG);
  }

  @Test
  void decodesGreyPngsAsTheirDisplayedGreyLevel() throws Exception {
    BufferedImage grey8 = new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_GRAY);
    grey8.getRaster().setSample(3, 3, 0, 100);
    BufferedImage grey16 = new BufferedImage(10, 10, BufferedImage.TYPE_USHORT_GRAY);
    grey16.getRaster().setSample(3, 3, 0, 100 * 257);
    for (BufferedImage src : new BufferedImage[] {grey8, grey16}) {
      DecodedImage d = decoder.decode(encode(src, "png"), "grey.png", 10, 10);
      assertThat(d.image().getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
      assertThat(TestImages.rgb(d.image().getRGB(3, 3))).containsExactly(100, 100, 100);
      assertThat(TestImages.rgb(d.image().getRGB(0, 0))).containsExactly(0, 0, 0);
    }
  }

  @Test
  void decodes16BitRgbPngToEightBitSrgb() throws Exception {
    ComponentColorModel cm =
        new ComponentColorModel(
            ColorSpace.getInstance(ColorSpace.CS_sRGB),
            false,
            false,
            Transparency.OPAQUE,
            DataBuffer.TYPE_USHORT);
    WritableRaster raster = cm.createCompatibleWritableRaster(8, 8);
    raster.setPixel(2, 2, new int[] {0xFFFF, 0x8080, 0});
    BufferedImage src = new BufferedImage(cm, raster, false, null);
    DecodedImage d = decoder.decode(encode(src, "png"), "deep.png", 8, 8);
    assertThat(d.image().getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
    assertThat(TestImages.rgb(d.image().getRGB(2, 2))).containsExactly(255, 128, 0);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "pngsuite_basn0g16.png",
        "pngsuite_basn2c16.png",
        "pngsuite_basn6a16.png",
        "pngsuite_basn4a08.png",
        "pngsuite_basi0g16.png",
        "pillow_l_trns.png"
      })
  void decodesSixteenBitGreyAndGreyAlphaPngsFromPngSuite(String file) throws Exception {
    DecodedImage d = decoder.decode(Files.readAllBytes(hostile(file)), file, 256, 256);
    assertThat(d.image().getWidth()).isEqualTo(d.header().width());
    boolean alpha = file.contains("a08") || file.contains("a16") || file.contains("trns");
    assertThat(d.image().getType())
        .isEqualTo(alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    assertThat(distinctColours(d.image())).as("a real picture, not a flat fill").isGreaterThan(4);
  }

  @Test
  void convertsCmykJpegToSrgbCloseToItsRgbTwin() throws Exception {
    DecodedImage cmyk =
        decoder.decode(
            Files.readAllBytes(hostile("pillow_pil_sample_cmyk.jpg")), "cmyk.jpg", 64, 64);
    DecodedImage rgb =
        decoder.decode(Files.readAllBytes(hostile("pillow_pil_sample_rgb.jpg")), "rgb.jpg", 64, 64);
    assertThat(cmyk.image().getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
    double[] a = average(cmyk.image());
    double[] b = average(rgb.image());
    for (int c = 0; c < 3; c++) {
      assertThat(a[c]).as("channel %d", c).isCloseTo(b[c], within(12.0));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"Landscape", "Portrait"})
  void appliesEveryExifOrientationSoTheImageIsUpright(String kind) throws Exception {
    DecodedImage reference =
        decoder.decode(Files.readAllBytes(hostile("exif_" + kind + "_1.jpg")), "ref", 256, 256);
    int uprightW = kind.equals("Landscape") ? 1800 : 1200;
    int uprightH = kind.equals("Landscape") ? 1200 : 1800;
    int checked = 0;
    for (int o = 1; o <= 8; o++) {
      Path file = hostile("exif_" + kind + "_" + o + ".jpg");
      if (!Files.exists(file)) {
        continue; // the corpus has no Portrait_3, _6, _8
      }
      DecodedImage d =
          decoder.decode(Files.readAllBytes(file), file.getFileName().toString(), 256, 256);
      assertThat(d.header().orientation()).isEqualTo(o);
      assertThat(d.header().uprightWidth()).isEqualTo(uprightW);
      assertThat(d.header().uprightHeight()).isEqualTo(uprightH);
      assertThat(d.image().getWidth()).isEqualTo(reference.image().getWidth());
      assertThat(d.image().getHeight()).isEqualTo(reference.image().getHeight());
      assertThat(meanAbsoluteDifference(d.image(), reference.image()))
          .as("orientation %d", o)
          .isLessThan(6.0);
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(5);
  }

  @Test
  void treatsInvalidOrientationZeroAsUpright() throws Exception {
    DecodedImage d =
        decoder.decode(Files.readAllBytes(hostile("exif_Landscape_0.jpg")), "zero.jpg", 256, 256);
    assertThat(d.header().orientation()).isEqualTo(1);
    assertThat(d.image().getWidth()).isGreaterThan(d.image().getHeight());
  }

  @Test
  void compositesAGifFirstFrameOntoItsLogicalScreen() throws Exception {
    byte[] gif = Files.readAllBytes(hostile("pillow_first_frame_transparency.gif"));
    DecodedImage d = decoder.decode(gif, "f.gif", 256, 256);
    assertThat(d.image().getWidth()).isEqualTo(75);
    assertThat(d.image().getHeight()).isEqualTo(50);
    assertThat(d.image().getType()).isEqualTo(BufferedImage.TYPE_INT_ARGB);
  }

  @Test
  void probeReadsSizeAndOrientationWithoutDecoding() throws Exception {
    ImageHeader h = decoder.probe(Files.readAllBytes(hostile("exif_Landscape_6.jpg")), "six.jpg");
    assertThat(h.format()).isEqualTo(ImageFormat.JPEG);
    assertThat(h.width()).isEqualTo(1200);
    assertThat(h.height()).isEqualTo(1800);
    assertThat(h.orientation()).isEqualTo(6);
    assertThat(h.uprightWidth()).isEqualTo(1800);
  }

  @Test
  void sniffsTheFormatFromContentNotTheName() throws Exception {
    byte[] jpg = jpeg(picture(120, 80), false);
    DecodedImage d = decoder.decode(jpg, "really-a-jpeg.png", 16, 16);
    assertThat(d.header().format()).isEqualTo(ImageFormat.JPEG);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static int distinctColours(BufferedImage img) {
    return (int)
        Arrays.stream(img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth()))
            .distinct()
            .limit(100)
            .count();
  }

  private static double[] average(BufferedImage img) {
    double[] sum = new double[3];
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int[] p = TestImages.rgb(img.getRGB(x, y));
        for (int c = 0; c < 3; c++) {
          sum[c] += p[c];
        }
      }
    }
    int n = img.getWidth() * img.getHeight();
    return new double[] {sum[0] / n, sum[1] / n, sum[2] / n};
  }

  private static double meanAbsoluteDifference(BufferedImage a, BufferedImage b) {
    double diff = 0;
    int n = 0;
    for (int y = 0; y < a.getHeight(); y += 2) {
      for (int x = 0; x < a.getWidth(); x += 2) {
        int[] p = TestImages.rgb(a.getRGB(x, y));
        int[] q = TestImages.rgb(b.getRGB(x, y));
        for (int c = 0; c < 3; c++) {
          diff += Math.abs(p[c] - q[c]);
        }
        n += 3;
      }
    }
    return diff / n;
  }
}
