package io.thumbflow.core.decode;

import com.drew.lang.ByteArrayReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;

/**
 * Reads the EXIF Orientation tag (1..8) with metadata-extractor; anything missing, invalid or
 * broken gives 1.
 */
final class ExifOrientation {
  private ExifOrientation() {}

  /**
   * @param tiff EXIF data in TIFF structure (the part after "Exif\0\0"), or a whole TIFF file; may
   *     be null
   * @return the orientation 1..8, or 1
   */
  static int read(byte[] tiff) {
    if (tiff == null || tiff.length < 8) {
      return 1;
    }
    try {
      Metadata metadata = new Metadata();
      new ExifReader().extract(new ByteArrayReader(tiff), metadata, 0);
      for (ExifIFD0Directory dir : metadata.getDirectoriesOfType(ExifIFD0Directory.class)) {
        Integer value = dir.getInteger(ExifDirectoryBase.TAG_ORIENTATION);
        if (value != null) {
          return value >= 1 && value <= 8 ? value : 1;
        }
      }
      return 1;
    } catch (RuntimeException | StackOverflowError e) {
      return 1; // broken EXIF never fails an image: it only loses its rotation
    }
  }
}
