package io.thumbflow.core.decode;

import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageRejectedException;

/**
 * The block structure of a GIF, walked without decoding: logical screen, first frame position,
 * frame count and the largest canvas any frame reaches (a frame placed at 65535,65535 asks a
 * compositor for a huge canvas even when the logical screen is small).
 *
 * @param width canvas width: the logical screen, widened to hold the first frame (px)
 * @param height canvas height (px)
 * @param frameLeft first frame's left offset (px)
 * @param frameTop first frame's top offset (px)
 * @param frameWidth first frame's width (px)
 * @param frameHeight first frame's height (px)
 * @param frames number of frames found
 * @param maxExtentPixels largest (left + width) x (top + height) over all frames
 */
record GifStructure(
    int width,
    int height,
    int frameLeft,
    int frameTop,
    int frameWidth,
    int frameHeight,
    int frames,
    long maxExtentPixels) {

  static GifStructure read(byte[] d, String source, long maxPixels) throws ImageRejectedException {
    int n = d.length;
    if (n < 13) {
      throw new ImageRejectedException(
          ErrorType.Truncated, source, "truncated: GIF ends inside its header");
    }
    int screenW = FormatSniffer.u16le(d, 6);
    int screenH = FormatSniffer.u16le(d, 8);
    HeaderProbe.checkPixels((long) screenW * screenH, maxPixels, screenW + "x" + screenH, source);
    int packed = d[10] & 0xFF;
    int pos = 13 + ((packed & 0x80) != 0 ? 3 * (1 << ((packed & 7) + 1)) : 0);
    int frames = 0;
    int left = 0;
    int top = 0;
    int fw = 0;
    int fh = 0;
    long maxExtent = 0;
    while (true) {
      if (pos >= n) {
        if (frames == 0) {
          throw new ImageRejectedException(
              ErrorType.Truncated, source, "truncated: GIF ends before its first frame");
        }
        break; // later frames cut off; the first one is whole
      }
      int block = d[pos] & 0xFF;
      if (block == 0x3B) {
        if (frames == 0) {
          throw new ImageRejectedException(
              ErrorType.Corrupt,
              source,
              "corrupt: GIF has no image (its trailer comes before any frame)");
        }
        break;
      } else if (block == 0x21) {
        int end = skipSubBlocks(d, pos + 2);
        if (end < 0) {
          if (frames == 0) {
            throw new ImageRejectedException(
                ErrorType.Truncated, source, "truncated: GIF ends before its first frame");
          }
          break;
        }
        pos = end;
      } else if (block == 0x2C) {
        if (pos + 10 > n) {
          if (frames == 0) {
            throw new ImageRejectedException(
                ErrorType.Truncated, source, "truncated: GIF ends inside its first frame");
          }
          break;
        }
        int l = FormatSniffer.u16le(d, pos + 1);
        int t = FormatSniffer.u16le(d, pos + 3);
        int w = FormatSniffer.u16le(d, pos + 5);
        int h = FormatSniffer.u16le(d, pos + 7);
        int p = d[pos + 9] & 0xFF;
        if (w == 0 || h == 0) {
          throw new ImageRejectedException(
              ErrorType.Corrupt,
              source,
              "corrupt: GIF frame " + (frames + 1) + " is " + w + "x" + h + " pixels");
        }
        maxExtent = Math.max(maxExtent, (long) (l + w) * (t + h));
        HeaderProbe.checkPixels(maxExtent, maxPixels, "GIF frame canvas", source);
        if (frames == 0) {
          left = l;
          top = t;
          fw = w;
          fh = h;
        }
        frames++;
        int data =
            pos + 10 + ((p & 0x80) != 0 ? 3 * (1 << ((p & 7) + 1)) : 0) + 1; // + LZW code size
        int end = skipSubBlocks(d, data);
        if (end < 0) {
          if (frames == 1) {
            throw new ImageRejectedException(
                ErrorType.Truncated,
                source,
                "truncated: GIF data ends inside the first frame of the "
                    + Math.max(screenW, l + w)
                    + "x"
                    + Math.max(screenH, t + h)
                    + " image");
          }
          break;
        }
        pos = end;
      } else if (frames > 0) {
        break; // trailing garbage after complete frames: browsers stop here too
      } else {
        throw new ImageRejectedException(
            ErrorType.Corrupt,
            source,
            "corrupt: GIF has an unknown block 0x"
                + Integer.toHexString(block)
                + " before its first frame");
      }
    }
    int width = Math.max(screenW, left + fw);
    int height = Math.max(screenH, top + fh);
    return new GifStructure(width, height, left, top, fw, fh, frames, maxExtent);
  }

  /** Position after the sub-block chain starting at {@code p}, or -1 when the data ends first. */
  private static int skipSubBlocks(byte[] d, int p) {
    while (p < d.length) {
      int size = d[p] & 0xFF;
      if (size == 0) {
        return p + 1;
      }
      p += size + 1;
    }
    return -1;
  }
}
