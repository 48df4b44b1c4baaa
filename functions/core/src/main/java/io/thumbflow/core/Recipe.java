package io.thumbflow.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What to make of each source: one or more {@link Rendition}s, all derived from one decode, and
 * optionally a placeholder string (BlurHash + dominant colour) for the report and the outputs'
 * metadata.
 *
 * <p>The default is the original program's: one 50x50 {@code contain} thumbnail blurred with
 * Pillow's {@code GaussianBlur()} (radius 2 source px), written at the source's own relative path.
 *
 * @param renditions at least one, names unique; the order is the report's order
 * @param layout where outputs go: {@link Layout#FLAT} for a single rendition at the source's
 *     relative path (the original program's layout), {@link Layout#BY_NAME} for one folder per
 *     rendition
 * @param placeholder compute a BlurHash and the dominant colour per source
 */
public record Recipe(List<Rendition> renditions, Layout layout, boolean placeholder) {
  public static final int DEFAULT_SIZE = 50;
  public static final double DEFAULT_BLUR_RADIUS = 2.0;

  /** The name of the one rendition that {@code --size} (or {@code THUMBFLOW_SIZE}) describes. */
  public static final String SINGLE_NAME = "thumb";

  /** Most renditions per recipe: each costs a resample and an encode per source. */
  public static final int MAX_RENDITIONS = 16;

  public static final Recipe DEFAULT =
      single(DEFAULT_SIZE, DEFAULT_SIZE, DEFAULT_BLUR_RADIUS, null);

  /** Where a recipe's outputs go. */
  public enum Layout {
    /**
     * The one rendition at the source's relative path ({@code DIR/a/b.jpg}, {@code
     * <prefix>a/b.jpg}).
     */
    FLAT,
    /**
     * Each rendition below its name ({@code DIR/<name>/a/b.jpg}, {@code <prefix><name>/a/b.jpg}).
     */
    BY_NAME
  }

  public Recipe {
    renditions = List.copyOf(renditions);
    if (renditions.isEmpty())
      throw new IllegalArgumentException("a recipe needs at least one rendition");
    if (renditions.size() > MAX_RENDITIONS)
      throw new IllegalArgumentException(
          "at most " + MAX_RENDITIONS + " renditions, was " + renditions.size());
    Set<String> names = new HashSet<>();
    for (Rendition r : renditions) {
      if (!names.add(r.name().toLowerCase(java.util.Locale.ROOT)))
        throw new IllegalArgumentException("rendition name '" + r.name() + "' is used twice");
    }
    if (layout == Layout.FLAT && renditions.size() != 1)
      throw new IllegalArgumentException(
          "the flat layout holds one rendition; name each of several renditions");
  }

  /** One {@code contain} rendition in the flat layout: the original program with its settings. */
  public static Recipe single(int width, int height, double blurRadius, ImageFormat format) {
    return new Recipe(
        List.of(new Rendition(SINGLE_NAME, width, height, Fit.CONTAIN, format, blurRadius)),
        Layout.FLAT,
        false);
  }

  /** Named renditions, each in its own folder. */
  public static Recipe named(List<Rendition> renditions) {
    return new Recipe(renditions, Layout.BY_NAME, false);
  }

  /**
   * The recipe a command line or a deployment describes: {@code renditionSpecs} (comma-separated
   * {@code NAME:WxH[:FIT][:FORMAT][:blur=R]}) when non-blank, else one rendition of {@code size}.
   *
   * @param renditionSpecs renditions, or null/blank for the single-size recipe
   * @param size {@code WxH}, used when there are no rendition specs
   * @param blurRadius the blur of every rendition that does not set its own
   * @param format the format of every rendition that does not set its own; null follows the source
   * @throws IllegalArgumentException with a one-line reason
   */
  public static Recipe of(
      List<String> renditionSpecs,
      String size,
      double blurRadius,
      ImageFormat format,
      boolean placeholder) {
    if (renditionSpecs == null || renditionSpecs.stream().allMatch(String::isBlank)) {
      int[] box = Rendition.parseSize(size);
      return single(box[0], box[1], blurRadius, format).withPlaceholder(placeholder);
    }
    List<Rendition> list = new ArrayList<>();
    for (String spec : renditionSpecs) {
      for (String one : spec.split(",")) {
        if (one.isBlank()) continue;
        Rendition r = Rendition.parse(one, blurRadius);
        list.add(r.format() == null && format != null ? r.withFormat(format) : r);
      }
    }
    return new Recipe(list, Layout.BY_NAME, placeholder);
  }

  /** The first rendition: the one a single-rendition recipe is about. */
  public Rendition primary() {
    return renditions.get(0);
  }

  public Recipe withPlaceholder(boolean on) {
    return new Recipe(renditions, layout, on);
  }

  /**
   * This recipe with every rendition's box set to {@code width x height} (for single-rendition
   * recipes).
   */
  public Recipe withSize(int width, int height) {
    return map(r -> r.withSize(width, height));
  }

  public Recipe withBlurRadius(double radius) {
    return map(r -> r.withBlurRadius(radius));
  }

  public Recipe withFormat(ImageFormat format) {
    return map(r -> r.withFormat(format));
  }

  public Recipe withFit(Fit fit) {
    return map(r -> r.withFit(fit));
  }

  private Recipe map(java.util.function.UnaryOperator<Rendition> f) {
    return new Recipe(renditions.stream().map(f).toList(), layout, placeholder);
  }

  /**
   * The renditions as comma-separated specs ({@link Rendition#spec()}), as the report shows them.
   */
  public String spec() {
    return String.join(",", renditions.stream().map(Rendition::spec).toList());
  }
}
