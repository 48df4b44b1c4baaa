package io.thumbflow.orchestrator.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The three kinds of photo the bench reports apart, because the decoders treat them differently:
 * sequential ("baseline") JPEG, progressive JPEG and PNG. Told from the file's first bytes: the PNG
 * signature, or the first JPEG frame marker (SOF2/6/10/14 are progressive).
 */
enum PhotoKind {
  BASELINE_JPEG("baseline JPEG", "baseline"),
  PROGRESSIVE_JPEG("progressive JPEG", "progressive"),
  PNG("PNG", "png"),
  OTHER("other", "other");

  /** Enough for the headers (EXIF, ICC, XMP) that may come before a photo's frame marker. */
  private static final int HEAD_BYTES = 1 << 20;

  private final String label;
  private final String folder;

  PhotoKind(String label, String folder) {
    this.label = label;
    this.folder = folder;
  }

  /** How the tables name it, e.g. {@code progressive JPEG}. */
  String label() {
    return label;
  }

  /** A file-system friendly name for its batch folder. */
  String folder() {
    return folder;
  }

  static PhotoKind of(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return of(in.readNBytes(HEAD_BYTES));
    }
  }

  /**
   * The kind of the file that starts with {@code head}; {@link #OTHER} when no frame marker is
   * found in it.
   */
  static PhotoKind of(byte[] head) {
    if (head.length >= 8
        && (head[0] & 0xff) == 0x89
        && head[1] == 'P'
        && head[2] == 'N'
        && head[3] == 'G') {
      return PNG;
    }
    if (head.length < 4 || (head[0] & 0xff) != 0xFF || (head[1] & 0xff) != 0xD8) {
      return OTHER;
    }
    int p = 2;
    while (p + 3 < head.length) {
      if ((head[p] & 0xff) != 0xFF) {
        return OTHER; // not at a marker: not a JPEG we can walk
      }
      int marker = head[p + 1] & 0xff;
      if (marker == 0xFF) { // fill byte
        p++;
        continue;
      }
      if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
        p += 2;
        continue;
      }
      // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
      if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
        boolean progressive = marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE;
        return progressive ? PROGRESSIVE_JPEG : BASELINE_JPEG;
      }
      if (marker == 0xDA || marker == 0xD9) {
        return OTHER; // scan data or the end before any frame header
      }
      int length = (head[p + 2] & 0xff) << 8 | (head[p + 3] & 0xff);
      if (length < 2) {
        return OTHER;
      }
      p += 2 + length;
    }
    return OTHER;
  }
}
