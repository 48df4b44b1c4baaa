package io.thumbflow.core.decode;

import io.thumbflow.core.ImageFormat;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Identifies content from its magic bytes, never from a file name or Content-Type. Strong
 * signatures are checked first, then text and markup, then the weak signatures (BMP, TGA) that have
 * few magic bytes.
 */
public final class FormatSniffer {
  private FormatSniffer() {}

  /** Sniffs {@code data} (not null). */
  public static SniffedFormat sniff(byte[] data) {
    if (data.length == 0) {
      return SniffedFormat.notAnImage("an empty file");
    }
    SniffedFormat strong = strong(data);
    if (strong != null) {
      return strong;
    }
    SniffedFormat markup = markup(data);
    if (markup != null) {
      return markup;
    }
    SniffedFormat weak = weak(data);
    if (weak != null) {
      return weak;
    }
    if (looksLikeText(data)) {
      return SniffedFormat.notAnImage("plain text");
    }
    return new SniffedFormat(SniffedFormat.Kind.UNKNOWN, "unrecognised data", null);
  }

  private static SniffedFormat strong(byte[] d) {
    if (startsWith(d, 0, 0xFF, 0xD8)) {
      return SniffedFormat.decodable(ImageFormat.JPEG, "JPEG");
    }
    if (startsWith(d, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return SniffedFormat.decodable(ImageFormat.PNG, "PNG");
    }
    if (d.length >= 8
        && (ascii(d, 1, 3).equals("PNG")
            || ascii(d, 0, 5).equals("PNG\r\n")
            || ascii(d, 12, 4).equals("IHDR"))) {
      return SniffedFormat.damaged(ImageFormat.PNG, "PNG");
    }
    if (ascii(d, 0, 6).equals("GIF87a") || ascii(d, 0, 6).equals("GIF89a")) {
      return SniffedFormat.decodable(ImageFormat.GIF, "GIF");
    }
    if (ascii(d, 0, 4).equals("GIF8")) {
      return SniffedFormat.damaged(ImageFormat.GIF, "GIF");
    }
    if (ascii(d, 0, 4).equals("RIFF") && d.length >= 12) {
      String type = ascii(d, 8, 4);
      if (type.equals("WEBP")) {
        return SniffedFormat.decodable(ImageFormat.WEBP, "WebP");
      }
      return SniffedFormat.notAnImage("a RIFF " + printable(type) + " media file");
    }
    if (startsWith(d, 0, 'I', 'I', 0xBC)) {
      return SniffedFormat.unsupported("JPEG XR", null);
    }
    if (startsWith(d, 0, 'I', 'I', 'R', 'O') || startsWith(d, 0, 'I', 'I', 'U', 0)) {
      return SniffedFormat.unsupported("camera raw", null);
    }
    if (startsWith(d, 0, 'I', 'I', 0x2A, 0)
        || startsWith(d, 0, 'M', 'M', 0, 0x2A)
        || startsWith(d, 0, 'I', 'I', 0x2B, 0)
        || startsWith(d, 0, 'M', 'M', 0, 0x2B)) {
      return SniffedFormat.decodable(ImageFormat.TIFF, "TIFF");
    }
    if (d.length >= 12 && ascii(d, 4, 4).equals("ftyp")) {
      return isoMedia(d);
    }
    if (startsWith(d, 0, 0, 0, 0, 0x0C, 'j', 'P', ' ', ' ', 0x0D, 0x0A, 0x87, 0x0A)
        || startsWith(d, 0, 0xFF, 0x4F, 0xFF, 0x51)) {
      return SniffedFormat.unsupported("JPEG 2000", ImageFormat.JPEG2000);
    }
    if (startsWith(d, 0, 0, 0, 0, 0x0C, 'J', 'X', 'L', ' ') || startsWith(d, 0, 0xFF, 0x0A)) {
      return SniffedFormat.unsupported("JPEG XL", null);
    }
    if (ascii(d, 0, 4).equals("8BPS")) {
      return SniffedFormat.decodable(ImageFormat.PSD, "PSD");
    }
    if ((startsWith(d, 0, 0, 0, 1, 0) || startsWith(d, 0, 0, 0, 2, 0))
        && d.length >= 6
        && (d[4] != 0 || d[5] != 0)) {
      return SniffedFormat.decodable(ImageFormat.ICO, d[2] == 1 ? "ICO" : "CUR");
    }
    if (startsWith(d, 0, 0x76, 0x2F, 0x31, 0x01)) {
      return SniffedFormat.unsupported("OpenEXR", ImageFormat.EXR);
    }
    if (ascii(d, 0, 4).equals("qoif")) {
      return SniffedFormat.unsupported("QOI", ImageFormat.QOI);
    }
    if (ascii(d, 0, 4).equals("icns")) {
      return SniffedFormat.unsupported("ICNS", null);
    }
    if (d.length >= 132 && ascii(d, 128, 4).equals("DICM")) {
      return SniffedFormat.unsupported("DICOM", null);
    }
    if (startsWith(d, 0, 0x01, 0xDA) && d.length >= 4 && (d[2] == 0 || d[2] == 1)) {
      return SniffedFormat.unsupported("SGI", null);
    }
    if (startsWith(d, 0, 0x59, 0xA6, 0x6A, 0x95)) {
      return SniffedFormat.unsupported("Sun raster", null);
    }
    if (ascii(d, 0, 4).equals("FORM")
        && d.length >= 12
        && (ascii(d, 8, 4).equals("ILBM") || ascii(d, 8, 4).equals("PBM "))) {
      return SniffedFormat.unsupported("IFF ILBM", null);
    }
    if (ascii(d, 0, 4).equals("DDS ")) {
      return SniffedFormat.unsupported("DDS", null);
    }
    if (startsWith(d, 0, 'B', 'P', 'G', 0xFB)) {
      return SniffedFormat.unsupported("BPG", null);
    }
    if (ascii(d, 0, 8).equals("gimp xcf")) {
      return SniffedFormat.unsupported("GIMP XCF", null);
    }
    if (ascii(d, 0, 8).equals("farbfeld")) {
      return SniffedFormat.unsupported("farbfeld", null);
    }
    if (ascii(d, 0, 4).equals("SDPX") || ascii(d, 0, 4).equals("XPDS")) {
      return SniffedFormat.unsupported("DPX", null);
    }
    if (ascii(d, 0, 2).equals("#?")
        && (ascii(d, 2, 8).equals("RADIANCE") || ascii(d, 2, 4).equals("RGBE"))) {
      return SniffedFormat.unsupported("Radiance HDR", null);
    }
    if (ascii(d, 0, 9).equals("SIMPLE  =")) {
      return SniffedFormat.unsupported("FITS", null);
    }
    if (startsWith(d, 0, 0xD7, 0xCD, 0xC6, 0x9A)
        || (d.length >= 44 && ascii(d, 40, 4).equals(" EMF"))) {
      return SniffedFormat.unsupported("Windows metafile", null);
    }
    if (startsWith(d, 0, 0xC5, 0xD0, 0xD3, 0xC6)) {
      return SniffedFormat.unsupported("EPS", null);
    }
    if (d.length >= 3 && d[0] == 'P' && d[1] >= '1' && d[1] <= '7' && isSpace(d[2])) {
      return SniffedFormat.decodable(ImageFormat.PNM, "PNM");
    }
    if (d.length >= 3 && d[0] == 'P' && (d[1] == 'F' || d[1] == 'f') && isSpace(d[2])) {
      return SniffedFormat.unsupported("PFM (floating-point HDR)", ImageFormat.PNM);
    }
    if (ascii(d, 0, 9).equals("/* XPM */")) {
      return SniffedFormat.unsupported("XPM", null);
    }
    if (ascii(d, 0, 5).equals("%PDF-")) {
      return SniffedFormat.notAnImage("a PDF document");
    }
    if (ascii(d, 0, 4).equals("%!PS")) {
      return SniffedFormat.unsupported("PostScript", null);
    }
    if (startsWith(d, 0, 'P', 'K', 3, 4)
        || startsWith(d, 0, 'P', 'K', 5, 6)
        || startsWith(d, 0, 'P', 'K', 7, 8)) {
      return SniffedFormat.notAnImage("a ZIP archive");
    }
    if (d.length >= 262 && ascii(d, 257, 5).equals("ustar") || isTarHeader(d)) {
      return SniffedFormat.notAnImage("a tar archive");
    }
    if (startsWith(d, 0, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
      return SniffedFormat.notAnImage("an OLE compound document (Word, Excel, ...)");
    }
    if (startsWith(d, 0, 0x1F, 0x8B)) {
      return SniffedFormat.notAnImage("a gzip archive");
    }
    if (startsWith(d, 0, '7', 'z', 0xBC, 0xAF, 0x27, 0x1C)
        || ascii(d, 0, 4).equals("Rar!")
        || ascii(d, 0, 3).equals("BZh")
        || startsWith(d, 0, 0xFD, '7', 'z', 'X', 'Z', 0)) {
      return SniffedFormat.notAnImage("a compressed archive");
    }
    if (startsWith(d, 0, 0x7F, 'E', 'L', 'F')
        || ascii(d, 0, 2).equals("MZ")
        || startsWith(d, 0, 0xCA, 0xFE, 0xBA, 0xBE)) {
      return SniffedFormat.notAnImage("an executable program");
    }
    if (ascii(d, 0, 3).equals("ID3")
        || ascii(d, 0, 4).equals("OggS")
        || ascii(d, 0, 4).equals("fLaC")
        || startsWith(d, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
      return SniffedFormat.notAnImage("audio or video");
    }
    return null;
  }

  /** ISO base media (ftyp box): HEIF/HEIC, AVIF, or a video. */
  private static SniffedFormat isoMedia(byte[] d) {
    long boxSize = u32be(d, 0);
    int end = (int) Math.min(d.length, Math.max(16, Math.min(boxSize, 4096)));
    boolean avif = false;
    boolean heif = false;
    boolean jxl = false;
    boolean crx = false;
    for (int p = 8; p + 4 <= end; p += 4) {
      if (p == 12) {
        continue; // minor version, not a brand
      }
      String brand = ascii(d, p, 4);
      switch (brand) {
        case "avif", "avis" -> avif = true;
        case "heic",
            "heix",
            "hevc",
            "hevx",
            "heim",
            "heis",
            "hevm",
            "hevs",
            "mif1",
            "msf1",
            "mif2" ->
            heif = true;
        case "jxl " -> jxl = true;
        case "crx " -> crx = true;
        default -> {}
      }
    }
    String major = ascii(d, 8, 4);
    if (avif && !major.startsWith("he")) {
      return SniffedFormat.decodable(ImageFormat.AVIF, "AVIF");
    }
    if (heif) {
      return SniffedFormat.decodable(ImageFormat.HEIC, "HEIC");
    }
    if (jxl) {
      return SniffedFormat.unsupported("JPEG XL", null);
    }
    if (crx) {
      return SniffedFormat.unsupported("camera raw", null);
    }
    return SniffedFormat.notAnImage("a video (ISO media '" + printable(major) + "')");
  }

  private static SniffedFormat markup(byte[] d) {
    int start = 0;
    if (startsWith(d, 0, 0xEF, 0xBB, 0xBF)) {
      start = 3;
    }
    int n = Math.min(d.length, 4096);
    while (start < n && isSpace(d[start])) {
      start++;
    }
    if (start >= n || d[start] != '<') {
      return null;
    }
    String head =
        new String(d, start, n - start, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    if (head.contains("<svg")) {
      return SniffedFormat.unsupported("SVG", ImageFormat.SVG);
    }
    if (head.startsWith("<!doctype html")
        || head.contains("<html")
        || head.contains("<head")
        || head.contains("<body")) {
      return SniffedFormat.notAnImage("an HTML page");
    }
    if (head.startsWith("<?xml") || head.startsWith("<!doctype") || head.startsWith("<!--")) {
      return SniffedFormat.notAnImage("an XML document");
    }
    return null;
  }

  private static SniffedFormat weak(byte[] d) {
    if (d.length >= 18 && d[0] == 'B' && d[1] == 'M') {
      long dib = u32le(d, 14);
      if (dib == 12
          || dib == 16
          || dib == 40
          || dib == 52
          || dib == 56
          || dib == 64
          || dib == 108
          || dib == 124) {
        return SniffedFormat.decodable(ImageFormat.BMP, "BMP");
      }
    }
    if (d.length >= 2 && d[0] == 'B' && d[1] == 'A' && d.length >= 14 && !looksLikeText(d)) {
      return SniffedFormat.unsupported("OS/2 bitmap array", ImageFormat.BMP);
    }
    if (d.length >= 128
        && d[0] == 0x0A
        && (d[1] == 0 || (d[1] >= 2 && d[1] <= 5))
        && (d[2] == 0 || d[2] == 1)
        && (d[3] == 1 || d[3] == 2 || d[3] == 4 || d[3] == 8)) {
      return SniffedFormat.unsupported("PCX", ImageFormat.PCX);
    }
    if (looksLikeTga(d)) {
      return SniffedFormat.decodable(ImageFormat.TGA, "TGA");
    }
    return null;
  }

  /** TGA has no magic number: accept only a fully plausible header (or the TGA 2.0 footer). */
  static boolean looksLikeTga(byte[] d) {
    if (d.length >= 26 && ascii(d, d.length - 18, 16).equals("TRUEVISION-XFILE")) {
      return true;
    }
    if (d.length < 18 || looksLikeText(d)) {
      return false;
    }
    int colorMapType = d[1] & 0xFF;
    int imageType = d[2] & 0xFF;
    int width = u16le(d, 12);
    int height = u16le(d, 14);
    int depth = d[16] & 0xFF;
    int descriptor = d[17] & 0xFF;
    boolean typeOk =
        imageType == 1
            || imageType == 2
            || imageType == 3
            || imageType == 9
            || imageType == 10
            || imageType == 11;
    boolean mapOk = colorMapType == 0 || (colorMapType == 1 && (imageType == 1 || imageType == 9));
    boolean depthOk = depth == 8 || depth == 15 || depth == 16 || depth == 24 || depth == 32;
    return typeOk && mapOk && depthOk && width > 0 && height > 0 && (descriptor & 0xC0) == 0;
  }

  /**
   * A pre-POSIX tar header has no magic, but its checksum field (octal, at 148) must match its
   * bytes.
   */
  private static boolean isTarHeader(byte[] d) {
    if (d.length < 512) {
      return false;
    }
    String field = ascii(d, 148, 8).replace('\0', ' ').trim();
    if (field.isEmpty() || !field.matches("[0-7]+")) {
      return false;
    }
    long sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : (d[i] & 0xFF);
    }
    return sum == Long.parseLong(field, 8);
  }

  /**
   * A four-character code read from the file, trimmed, as it may appear in a one-line message:
   * bytes outside printable ASCII (a line break included) become '?'.
   */
  static String printable(String fourCc) {
    StringBuilder out = new StringBuilder(fourCc.length());
    for (char c : fourCc.trim().toCharArray()) {
      out.append(c >= 0x20 && c < 0x7F ? c : '?');
    }
    return out.toString();
  }

  static boolean looksLikeText(byte[] d) {
    int n = Math.min(d.length, 1024);
    for (int i = 0; i < n; i++) {
      int b = d[i] & 0xFF;
      if (b < 0x09 || (b > 0x0D && b < 0x20 && b != 0x1B) || b == 0x7F) {
        return false;
      }
    }
    return true;
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f';
  }

  static boolean startsWith(byte[] d, int offset, int... magic) {
    if (d.length < offset + magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((d[offset + i] & 0xFF) != (magic[i] & 0xFF)) {
        return false;
      }
    }
    return true;
  }

  static String ascii(byte[] d, int offset, int length) {
    if (offset < 0 || d.length < offset + length) {
      return "";
    }
    return new String(d, offset, length, StandardCharsets.ISO_8859_1);
  }

  static int u16le(byte[] d, int p) {
    return (d[p] & 0xFF) | (d[p + 1] & 0xFF) << 8;
  }

  static int u24le(byte[] d, int p) {
    return (d[p] & 0xFF) | (d[p + 1] & 0xFF) << 8 | (d[p + 2] & 0xFF) << 16;
  }

  static long u32le(byte[] d, int p) {
    return (d[p] & 0xFFL)
        | (d[p + 1] & 0xFFL) << 8
        | (d[p + 2] & 0xFFL) << 16
        | (d[p + 3] & 0xFFL) << 24;
  }

  static long u32be(byte[] d, int p) {
    return (d[p] & 0xFFL) << 24
        | (d[p + 1] & 0xFFL) << 16
        | (d[p + 2] & 0xFFL) << 8
        | (d[p + 3] & 0xFFL);
  }
}
