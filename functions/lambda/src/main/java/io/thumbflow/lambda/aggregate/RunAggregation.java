package io.thumbflow.lambda.aggregate;

import io.thumbflow.core.ImageResult;
import io.thumbflow.core.RenditionResult;
import io.thumbflow.core.cost.RunCost;
import io.thumbflow.core.report.ReportAccumulator;
import io.thumbflow.core.report.ReportJson;
import io.thumbflow.core.report.RunReport;
import io.thumbflow.lambda.config.OutputLayout;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * One run's results on their way into a report, held in little memory whatever their number: each
 * result gets its outputs' locations, goes to a {@link ReportAccumulator} (counts, stage times,
 * cost facts, the HTML page's sample) and is spooled to a temporary JSON Lines file, from which the
 * report's items are written at the end. Close it to delete the spool.
 */
public final class RunAggregation implements AutoCloseable {
  private final OutputLayout layout;
  private final ReportAccumulator accumulator = new ReportAccumulator();
  private final Path spool;
  private final BufferedWriter writer;

  public RunAggregation(OutputLayout layout) throws IOException {
    this.layout = layout;
    this.spool = Files.createTempFile("thumbflow-items", ".jsonl");
    this.writer = Files.newBufferedWriter(spool, StandardCharsets.UTF_8);
  }

  /** Takes one result. */
  public void add(ImageResult result) {
    ImageResult located = located(result);
    accumulator.add(located);
    try {
      writer.write(ReportJson.toLine(located));
      writer.newLine();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot spool results to " + spool, e);
    }
  }

  /** The result with each rendition's output filled in where the thumbnail function left it out. */
  private ImageResult located(ImageResult r) {
    if (r.renditions().isEmpty() || r.renditions().stream().allMatch(x -> x.output() != null))
      return r;
    List<RenditionResult> filled =
        r.renditions().stream()
            .map(
                x ->
                    x.output() != null
                        ? x
                        : x.withOutput(layout.uri(x.name(), r.source(), x.format())))
            .toList();
    return r.withRenditions(filled);
  }

  public ReportAccumulator accumulator() {
    return accumulator;
  }

  /** The summary (without items) of everything added. */
  public RunReport summary(long wallMs, Map<String, Object> run, RunCost cost) {
    return accumulator.report(wallMs, run, cost, List.of());
  }

  /** The results added, in order, read back from the spool. */
  public Iterable<ImageResult> items() throws IOException {
    writer.flush();
    return () -> new SpoolIterator(spool);
  }

  @Override
  public void close() throws IOException {
    try {
      writer.close();
    } finally {
      Files.deleteIfExists(spool);
    }
  }

  /** Reads the spool one line at a time. */
  private static final class SpoolIterator implements Iterator<ImageResult> {
    private final BufferedReader reader;
    private String next;

    SpoolIterator(Path spool) {
      try {
        this.reader = Files.newBufferedReader(spool, StandardCharsets.UTF_8);
        this.next = reader.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public ImageResult next() {
      if (next == null) throw new NoSuchElementException();
      try {
        ImageResult r = ReportJson.fromLine(next);
        next = reader.readLine();
        if (next == null) reader.close();
        return r;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
