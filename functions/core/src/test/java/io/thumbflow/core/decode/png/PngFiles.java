package io.thumbflow.core.decode.png;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Hand-built PNG files for tests: chosen filter types per row, chosen header fields. */
final class PngFiles {
  private PngFiles() {}

  /**
   * An 8-bit RGB PNG of {@code rgb} ({@code width x height} samples, 3 per pixel) whose row {@code
   * y} uses filter type {@code filters[y % filters.length]} (a type above 4 is written as is,
   * unfiltered).
   */
  static byte[] rgb8(byte[] rgb, int width, int height, int[] filters, int interlace) {
    int stride = width * 3;
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    byte[] zero = new byte[stride];
    for (int y = 0; y < height; y++) {
      int f = filters[y % filters.length];
      raw.write(f);
      for (int i = 0; i < stride; i++) {
        int x = rgb[y * stride + i] & 0xff;
        int a = i >= 3 ? rgb[y * stride + i - 3] & 0xff : 0;
        int b = y > 0 ? rgb[(y - 1) * stride + i] & 0xff : 0;
        int c = y > 0 && i >= 3 ? rgb[(y - 1) * stride + i - 3] & 0xff : 0;
        int predicted =
            switch (f) {
              case 1 -> a;
              case 2 -> b;
              case 3 -> (a + b) >>> 1;
              case 4 -> paeth(a, b, c);
              default -> 0;
            };
        raw.write(x - predicted);
      }
    }
    return file(width, height, 8, 2, interlace, deflate(raw.toByteArray()));
  }

  static byte[] file(
      int width, int height, int bitDepth, int colorType, int interlace, byte[] zlib) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer ihdr =
        ByteBuffer.allocate(13)
            .putInt(width)
            .putInt(height)
            .put((byte) bitDepth)
            .put((byte) colorType)
            .put((byte) 0)
            .put((byte) 0)
            .put((byte) interlace);
    chunk(out, "IHDR", ihdr.array());
    chunk(out, "IDAT", zlib);
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  static void chunk(ByteArrayOutputStream out, String type, byte[] body) {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(ByteBuffer.allocate(4).putInt(body.length).array());
    out.writeBytes(t);
    out.writeBytes(body);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(body);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  static byte[] deflate(byte[] raw) {
    Deflater deflater = new Deflater();
    deflater.setInput(raw);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    while (!deflater.finished()) {
      out.write(buf, 0, deflater.deflate(buf));
    }
    deflater.end();
    return out.toByteArray();
  }

  /** Offset of the first IDAT chunk's data in {@code png}. */
  static int firstIdatData(byte[] png) {
    for (int pos = 8; pos + 8 <= png.length; ) {
      int length = ByteBuffer.wrap(png, pos, 4).getInt();
      if (new String(png, pos + 4, 4, StandardCharsets.US_ASCII).equals("IDAT")) return pos + 8;
      pos += 12 + length;
    }
    throw new IllegalArgumentException("no IDAT");
  }

  private static int paeth(int a, int b, int c) {
    int pa = Math.abs(b - c);
    int pb = Math.abs(a - c);
    int pc = Math.abs(a + b - 2 * c);
    return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
  }
}
