package io.thumbflow.orchestrator.bench;

import java.util.List;
import java.util.Optional;

/**
 * What {@code /usr/bin/time -f "%e %U %S %M"} reports for a process and the children it waited for.
 *
 * @param wallSeconds elapsed wall time, s
 * @param userSeconds user CPU of the process tree, s
 * @param systemSeconds system CPU of the process tree, s
 * @param maxRssKb the largest resident set of any single process in the tree, KiB
 */
record TimeOutput(double wallSeconds, double userSeconds, double systemSeconds, long maxRssKb) {
  /** The format string handed to {@code time -f}. */
  static final String FORMAT = "%e %U %S %M";

  double cpuSeconds() {
    return userSeconds + systemSeconds;
  }

  /**
   * Parses the last line of four numbers in {@code text} (time may print "Command exited with
   * non-zero status N" before it).
   */
  static Optional<TimeOutput> parse(String text) {
    List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    for (int i = lines.size() - 1; i >= 0; i--) {
      String[] parts = lines.get(i).split("\\s+");
      if (parts.length == 4) {
        try {
          return Optional.of(
              new TimeOutput(
                  Double.parseDouble(parts[0]),
                  Double.parseDouble(parts[1]),
                  Double.parseDouble(parts[2]),
                  Long.parseLong(parts[3])));
        } catch (NumberFormatException e) {
          // not the numbers line
        }
      }
    }
    return Optional.empty();
  }
}
