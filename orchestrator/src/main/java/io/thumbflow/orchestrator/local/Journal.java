package io.thumbflow.orchestrator.local;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only JSON Lines file of {@link JournalEntry}s. Each entry is handed to the operating
 * system in one write as soon as it is appended, so a killed process loses at most the line it was
 * writing; reading ignores such a cut-off last line, and opening for append cuts it off first so
 * the next line starts clean.
 */
public final class Journal implements Closeable {
  private final FileChannel channel;
  private volatile IOException failure;

  private Journal(FileChannel channel) {
    this.channel = channel;
  }

  /**
   * Opens {@code file} for appending, creating it, after removing a last line that a kill cut
   * short.
   */
  public static Journal open(Path file) throws IOException {
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      channel.truncate(endOfLastLine(channel));
      channel.position(channel.size());
      return new Journal(channel);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * Appends one entry. A failure is remembered rather than thrown ({@link #failure()}): the entry's
   * outputs are still good, and a later run without its line only redoes that source.
   */
  public synchronized void append(JournalEntry entry) {
    if (failure != null) return;
    ByteBuffer line = ByteBuffer.wrap((entry.toLine() + "\n").getBytes(StandardCharsets.UTF_8));
    try {
      while (line.hasRemaining()) channel.write(line);
    } catch (IOException e) {
      failure = e;
    }
  }

  /** The first append that failed, or null. */
  public IOException failure() {
    return failure;
  }

  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }

  /** Every whole, readable entry of {@code file} in order; none when it does not exist. */
  public static List<JournalEntry> read(Path file) throws IOException {
    List<JournalEntry> entries = new ArrayList<>();
    if (!Files.exists(file)) return entries;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long end = endOfLastLine(channel);
      channel.position(0);
      BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
      long read = 0;
      for (String line; read < end && (line = reader.readLine()) != null; ) {
        read += line.getBytes(StandardCharsets.UTF_8).length + 1;
        if (read <= end) JournalEntry.fromLine(line).ifPresent(entries::add);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return entries;
  }

  /** The length of the file up to and including its last line break (0 when it has none). */
  private static long endOfLastLine(FileChannel channel) throws IOException {
    long size = channel.size();
    ByteBuffer chunk = ByteBuffer.allocate(8192);
    for (long to = size; to > 0; ) {
      long from = Math.max(0, to - chunk.capacity());
      chunk.clear().limit((int) (to - from));
      while (chunk.hasRemaining() && channel.read(chunk, from + chunk.position()) >= 0) {
        // read the whole chunk
      }
      for (int i = chunk.position() - 1; i >= 0; i--) {
        if (chunk.get(i) == '\n') return from + i + 1;
      }
      to = from;
    }
    return 0;
  }
}
