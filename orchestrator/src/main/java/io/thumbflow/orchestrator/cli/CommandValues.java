package io.thumbflow.orchestrator.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the command line's human-friendly values (durations, pixel counts). */
final class CommandValues {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)?");
  private static final Pattern PIXELS = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(m|mp)?");

  private CommandValues() {}

  /**
   * {@code 5s}, {@code 1500ms}, {@code 1.5s}, {@code 2m}; a bare number is milliseconds (as in
   * {@code THUMBFLOW_DEADLINE_MS}). Must be positive.
   */
  static Duration duration(String text) {
    Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (m.matches()) {
      double n = Double.parseDouble(m.group(1));
      String unit = m.group(2) == null ? "ms" : m.group(2);
      double ms = switch (unit) {
        case "s" -> n * 1000;
        case "m" -> n * 60_000;
        default -> n;
      };
      if (ms >= 1 && ms < Long.MAX_VALUE) {
        return Duration.ofMillis(Math.round(ms));
      }
    }
    throw new IllegalArgumentException("must be a positive duration such as 5s, 1500ms or 2m, was '" + text + "'");
  }

  /** {@code 50000000}, {@code 50M} or {@code 50MP} (millions of pixels). Must be positive. */
  static long pixels(String text) {
    Matcher m = PIXELS.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (m.matches()) {
      double n = Double.parseDouble(m.group(1)) * (m.group(2) == null ? 1 : 1_000_000);
      if (n >= 1 && n < Long.MAX_VALUE) {
        return Math.round(n);
      }
    }
    throw new IllegalArgumentException("must be a positive pixel count such as 50000000 or 50M, was '" + text + "'");
  }
}
