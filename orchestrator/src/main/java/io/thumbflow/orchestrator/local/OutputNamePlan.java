package io.thumbflow.orchestrator.local;

import io.thumbflow.core.ImageFormat;
import io.thumbflow.core.OutputNames;
import io.thumbflow.core.Recipe;
import io.thumbflow.core.Rendition;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives every output of a run its own name, decided from the sources' names alone, so it never
 * depends on which worker gets there first and a re-run finds the same names.
 *
 * <p>A source's output normally takes its relative name with the format's extension ({@link
 * OutputNames}). When that name is taken, the output is renamed:
 *
 * <ol>
 *   <li>a source keeps its own name when its extension already names the output format ({@code
 *       a.jpg -> a.jpg}); no other output may take a source's name;
 *   <li>a changed name ({@code a.gif -> a.png}) is used only if no other source could want it; else
 *       the whole source name plus the extension ({@code a.gif.png}); if that too is a source's
 *       name or another source could want it, a counter before the extension ({@code a.2.jpg},
 *       {@code a.3.jpg}, ...).
 * </ol>
 *
 * "Could want" counts every format the rendition may produce ({@code --format}, or JPEG and PNG
 * when the output follows the source), since the format is only known after decoding. Names compare
 * exactly (case-sensitive).
 */
public final class OutputNamePlan {
  private static final Set<ImageFormat> FOLLOWS_SOURCE =
      EnumSet.of(ImageFormat.JPEG, ImageFormat.PNG);

  private final Recipe recipe;
  private final Set<String> sources;
  private final Map<Set<ImageFormat>, Claims> claimsByFormats = new HashMap<>();

  private OutputNamePlan(Recipe recipe, Set<String> sources) {
    this.recipe = recipe;
    this.sources = sources;
    for (Rendition r : recipe.renditions()) {
      claimsByFormats.computeIfAbsent(formatsOf(r), formats -> new Claims(sources, formats));
    }
  }

  /**
   * The plan for one run.
   *
   * @param relativeNames every source's relative name ({@code /}-separated)
   */
  public static OutputNamePlan of(Collection<String> relativeNames, Recipe recipe) {
    return new OutputNamePlan(recipe, Set.copyOf(new HashSet<>(relativeNames)));
  }

  /**
   * Where rendition {@code r} of {@code relativeName}, encoded as {@code format}, goes, relative to
   * the output folder: below {@code r}'s name unless the layout is flat.
   */
  public String name(Rendition r, String relativeName, ImageFormat format) {
    String name = nameInFolder(r, relativeName, format);
    return recipe.layout() == Recipe.Layout.FLAT ? name : r.name() + "/" + name;
  }

  /** True when {@link #name} is not the name {@link OutputNames#forRendition} would give. */
  public boolean renamed(Rendition r, String relativeName, ImageFormat format) {
    return !nameInFolder(r, relativeName, format)
        .equals(OutputNames.forSource(relativeName, format));
  }

  private String nameInFolder(Rendition r, String relativeName, ImageFormat format) {
    String natural = OutputNames.forSource(relativeName, format);
    if (natural.equals(relativeName)) return natural; // rule 1
    Set<ImageFormat> formats = formatsOf(r);
    if (!formats.contains(format)) {
      throw new IllegalStateException("rendition " + r.name() + " cannot produce " + format);
    }
    Claims claims = claimsByFormats.get(formats);
    for (int level = 0; ; level++) {
      String candidate = candidate(relativeName, format, natural, level);
      if (!sources.contains(candidate) && !claims.wantedByAnotherThan(candidate, relativeName))
        return candidate;
    }
  }

  private static String candidate(
      String relativeName, ImageFormat format, String natural, int level) {
    return switch (level) {
      case 0 -> natural;
      case 1 -> relativeName + "." + format.extension();
      default -> relativeName + "." + level + "." + format.extension();
    };
  }

  private static Set<ImageFormat> formatsOf(Rendition r) {
    return r.format() != null ? EnumSet.of(r.format()) : FOLLOWS_SOURCE;
  }

  /**
   * The names each source could want for a changed name (levels 0 and 1), for one set of possible
   * formats.
   */
  private static final class Claims {
    /** name -> the one source that could want it, or {@link #SEVERAL}. */
    private final Map<String, String> wantedBy = new HashMap<>();

    private static final String SEVERAL = new String("several sources"); // compared by identity

    Claims(Set<String> sources, Set<ImageFormat> formats) {
      for (String source : sources) {
        for (ImageFormat f : formats) {
          String natural = OutputNames.forSource(source, f);
          if (natural.equals(source)) continue;
          for (String name : List.of(natural, candidate(source, f, natural, 1))) {
            wantedBy.merge(name, source, (a, b) -> a.equals(b) ? a : SEVERAL);
          }
        }
      }
    }

    boolean wantedByAnotherThan(String name, String source) {
      String by = wantedBy.get(name);
      return by != null && (by == SEVERAL || !by.equals(source));
    }
  }
}
