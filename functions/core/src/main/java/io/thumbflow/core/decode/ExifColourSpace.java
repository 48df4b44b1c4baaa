package io.thumbflow.core.decode;

import com.drew.lang.ByteArrayReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifInteropDirectory;
import com.drew.metadata.exif.ExifReader;
import com.drew.metadata.exif.ExifSubIFDDirectory;

/**
 * Whether EXIF says a photo is in Adobe RGB without embedding a profile, as Nikon, Canon and other
 * cameras do in their Adobe RGB mode: the Design rule for Camera File system (DCF 2.0, CIPA DC-009,
 * "optional colour space") marks such files with ColorSpace (0xA001) = 0xFFFF "uncalibrated" and
 * InteropIndex (Interop IFD tag 0x0001) = "R03". A few cameras write ColorSpace = 2 instead (listed
 * by ExifTool as "Adobe RGB").
 */
final class ExifColourSpace {
  private static final int UNCALIBRATED = 0xFFFF;
  private static final int ADOBE_RGB_NONSTANDARD = 2;

  private ExifColourSpace() {}

  /** True for EXIF (a TIFF structure; may be null) that declares Adobe RGB as above. */
  static boolean adobeRgb(byte[] tiff) {
    if (tiff == null || tiff.length < 8) {
      return false;
    }
    try {
      Metadata metadata = new Metadata();
      new ExifReader().extract(new ByteArrayReader(tiff), metadata, 0);
      Integer colourSpace = null;
      for (ExifSubIFDDirectory dir : metadata.getDirectoriesOfType(ExifSubIFDDirectory.class)) {
        if (dir.containsTag(ExifSubIFDDirectory.TAG_COLOR_SPACE)) {
          colourSpace = dir.getInteger(ExifSubIFDDirectory.TAG_COLOR_SPACE);
          break;
        }
      }
      if (colourSpace == null) {
        return false;
      }
      if (colourSpace == ADOBE_RGB_NONSTANDARD) {
        return true;
      }
      if (colourSpace != UNCALIBRATED) {
        return false;
      }
      for (ExifInteropDirectory dir : metadata.getDirectoriesOfType(ExifInteropDirectory.class)) {
        String index = dir.getString(ExifInteropDirectory.TAG_INTEROP_INDEX);
        if (index != null && index.trim().equals("R03")) {
          return true;
        }
      }
      return false;
    } catch (RuntimeException | StackOverflowError e) {
      return false; // broken EXIF: show the pixels as they are
    }
  }
}
