package io.thumbflow.core.report;

import java.util.List;

/**
 * The failures of one {@link io.thumbflow.core.ErrorType}.
 *
 * @param count how many images failed with this type
 * @param sources the first {@link #MAX_SOURCES} of them, in report order (the full list is in
 *     items)
 */
public record ErrorGroup(int count, List<String> sources) {
  /** Most sources listed per type, so a batch of a million failures keeps a readable summary. */
  public static final int MAX_SOURCES = 20;

  public ErrorGroup {
    sources = List.copyOf(sources);
  }
}
