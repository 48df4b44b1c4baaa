package io.thumbflow.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One output made from each source: a named box, how the image fills it, its format and its blur.
 *
 * @param name names the rendition's output folder ({@code DIR/<name>/...}, {@code
 *     <prefix><name>/<key>}): 1-32 characters of {@code [A-Za-z0-9_-]}, starting with a letter or
 *     digit
 * @param width box width (px, 1..{@value #MAX_SIDE})
 * @param height box height (px, 1..{@value #MAX_SIDE})
 * @param fit how the image fills the box; not null
 * @param format output format, or null to follow the source's where it is writable (JPEG, PNG)
 * @param blurRadius Gaussian standard deviation in SOURCE pixels, Pillow's {@code
 *     GaussianBlur(radius)} semantics, so that a rendition looks like the original program run at
 *     its size (0 = no blur)
 */
public record Rendition(
    String name, int width, int height, Fit fit, ImageFormat format, double blurRadius) {
  /** Largest box side accepted (px). */
  public static final int MAX_SIDE = 8192;

  /**
   * Largest accepted blur sigma (source px): far beyond any visible effect, well inside the blur's
   * arrays.
   */
  public static final double MAX_BLUR_RADIUS = 1000.0;

  /**
   * Bumped whenever output for the same inputs changes, so idempotency hashes change too. 3: JPEG
   * shrink-on-load at 1/8, 1/4 and 1/2 only (2026-12-06).
   */
  public static final int ALGORITHM_VERSION = 3;

  /**
   * {@link #hash} by canonical text: a run asks once per output for the same few renditions, and a
   * SHA-256 set-up and digest per thumbnail was ~1% of a 256x256 run's CPU.
   */
  private static final BoundedMemo<String, String> HASHES = new BoundedMemo<>(256);

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");

  public Rendition {
    if (name == null || !NAME.matcher(name).matches())
      throw new IllegalArgumentException(
          "rendition name must be 1-32 letters, digits, '-' or '_' (starting with a"
              + " letter or digit), was '"
              + name
              + "'");
    if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE)
      throw new IllegalArgumentException(
          "rendition "
              + name
              + ": box must be from 1x1 to "
              + MAX_SIDE
              + "x"
              + MAX_SIDE
              + ", was "
              + width
              + "x"
              + height);
    Objects.requireNonNull(fit, "fit");
    if (!(blurRadius >= 0 && blurRadius <= MAX_BLUR_RADIUS))
      throw new IllegalArgumentException(
          "blur radius must be a number from 0 to "
              + (int) MAX_BLUR_RADIUS
              + ", was "
              + blurRadius);
  }

  /**
   * Parses {@code NAME:WxH[:FIT][:FORMAT][:blur=R]}, e.g. {@code card:256x256:cover} or {@code
   * big:1024x1024:contain:webp}. The optional parts may come in any order; a part not given takes
   * {@code contain}, the source's format and {@code defaultBlur}.
   *
   * @throws IllegalArgumentException with a one-line reason when the text is not a rendition
   */
  public static Rendition parse(String spec, double defaultBlur) {
    String[] parts = spec.trim().split(":", -1);
    if (parts.length < 2) {
      throw new IllegalArgumentException(
          "rendition must be NAME:WxH[:FIT][:FORMAT][:blur=R], was '" + spec + "'");
    }
    int[] box = parseSize(parts[1]);
    Fit fit = Fit.CONTAIN;
    ImageFormat format = null;
    double blur = defaultBlur;
    for (int i = 2; i < parts.length; i++) {
      String part = parts[i].trim().toLowerCase(Locale.ROOT);
      if (part.startsWith("blur=")) {
        blur = parseBlur(part.substring("blur=".length()), spec);
      } else if (Fit.parse(part).isPresent()) {
        fit = Fit.parse(part).get();
      } else if (ImageFormat.parse(part).isPresent()) {
        format = ImageFormat.parse(part).get();
      } else if (!part.equals("same")) {
        throw new IllegalArgumentException(
            "rendition '"
                + spec
                + "': '"
                + parts[i]
                + "' is neither a fit (contain, cover), a format (jpeg, png, webp) nor blur=R");
      }
    }
    return new Rendition(parts[0].trim(), box[0], box[1], fit, format, blur);
  }

  private static double parseBlur(String text, String spec) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "rendition '" + spec + "': blur must be a number, was '" + text + "'");
    }
  }

  /** Parses {@code WxH} (or {@code N} for a square box) as given on a command line. */
  public static int[] parseSize(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    String[] parts = t.split("x", -1);
    try {
      if (parts.length == 1) {
        int n = Integer.parseInt(parts[0]);
        if (n >= 1) return new int[] {n, n};
      } else if (parts.length == 2) {
        int w = Integer.parseInt(parts[0]);
        int h = Integer.parseInt(parts[1]);
        if (w >= 1 && h >= 1) return new int[] {w, h};
      }
    } catch (NumberFormatException e) {
      // fall through to the one message below
    }
    throw new IllegalArgumentException(
        "size must be WxH with positive integers, e.g. 50x50, was '" + text + "'");
  }

  public Rendition withName(String newName) {
    return new Rendition(newName, width, height, fit, format, blurRadius);
  }

  public Rendition withSize(int w, int h) {
    return new Rendition(name, w, h, fit, format, blurRadius);
  }

  public Rendition withFit(Fit newFit) {
    return new Rendition(name, width, height, newFit, format, blurRadius);
  }

  public Rendition withFormat(ImageFormat newFormat) {
    return new Rendition(name, width, height, fit, newFormat, blurRadius);
  }

  public Rendition withBlurRadius(double radius) {
    return new Rendition(name, width, height, fit, format, radius);
  }

  /** The canonical text of this rendition, which {@link #parse} reads back. */
  public String spec() {
    String blur =
        blurRadius == Math.rint(blurRadius)
            ? Long.toString((long) blurRadius)
            : Double.toString(blurRadius);
    return name
        + ":"
        + width
        + "x"
        + height
        + ":"
        + fit.id()
        + ":"
        + (format == null ? "same" : format.extension())
        + ":blur="
        + blur;
  }

  /**
   * A short stable hash of everything that changes this rendition's pixels and bytes (not its name,
   * which only decides where it goes); stored beside each output for idempotency.
   */
  public String hash() {
    return HASHES.get(canonical(), Rendition::sha256Prefix);
  }

  private String canonical() {
    return "v"
        + ALGORITHM_VERSION
        + ";"
        + width
        + "x"
        + height
        + ";fit="
        + fit.id()
        + ";blur="
        + blurRadius
        + ";format="
        + (format == null ? "same" : format.name());
  }

  private static String sha256Prefix(String canonical) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
