package io.thumbflow.orchestrator.local;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The run state kept in the output folder, {@code DIR/.thumbflow/}: the journal ({@code
 * journal.jsonl}, one {@link JournalEntry} per line), the metadata of the latest run ({@code
 * run.json}) and a lock file that keeps two runs from writing to one folder at once (the operating
 * system releases it when a run dies).
 *
 * <p>Opening the state for a new run compacts the journal to the latest entry of each source that
 * has outputs (written whole, then renamed over the old journal), so it grows with the number of
 * sources, not of runs.
 */
public final class RunState implements Closeable {
  /** The state folder's name, directly below the output folder. */
  public static final String FOLDER = ".thumbflow";

  public static final String JOURNAL = "journal.jsonl";
  public static final String RUN_INFO = "run.json";
  private static final String LOCK = "lock";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final TypeReference<Map<String, Object>> RUN_MAP = new TypeReference<>() {};

  private final Path folder;
  private final String runId;
  private final Map<String, JournalEntry> previous;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Journal journal;

  /** Another run holds the output folder's lock. */
  public static final class LockedException extends IOException {
    LockedException(String message) {
      super(message);
    }
  }

  private RunState(
      Path folder,
      String runId,
      Map<String, JournalEntry> previous,
      FileChannel lockChannel,
      FileLock lock,
      Journal journal) {
    this.folder = folder;
    this.runId = runId;
    this.previous = previous;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.journal = journal;
  }

  /** The state folder of output folder {@code outRoot}. */
  public static Path folderOf(Path outRoot) {
    return outRoot.resolve(FOLDER);
  }

  /**
   * Locks the state of {@code outRoot} for a new run, reads what earlier runs recorded and compacts
   * the journal.
   *
   * @throws LockedException when another run is writing to the same output folder
   */
  public static RunState open(Path outRoot) throws IOException {
    Path folder = Files.createDirectories(folderOf(outRoot));
    FileChannel lockChannel =
        FileChannel.open(folder.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      lockChannel.close();
      throw new LockedException(
          "another thumbflow run is writing to "
              + outRoot
              + " (it holds "
              + folder.resolve(LOCK)
              + ")");
    }
    try {
      Path journalFile = folder.resolve(JOURNAL);
      List<JournalEntry> entries = Journal.read(journalFile);
      Map<String, JournalEntry> latest = new LinkedHashMap<>();
      for (JournalEntry e : entries) {
        if (e.provenance() == null) continue;
        latest.remove(
            e.provenance()
                .file()); // re-inserted last: the file keeps the order of the latest entries
        if (!e.provenance().outputs().isEmpty()) latest.put(e.provenance().file(), e);
      }
      if (latest.size() < entries.size()) {
        AtomicFile.write(
            journalFile,
            out -> {
              for (JournalEntry e : latest.values())
                out.write((e.toLine() + "\n").getBytes(StandardCharsets.UTF_8));
            });
      }
      return new RunState(
          folder, newRunId(), Map.copyOf(latest), lockChannel, lock, Journal.open(journalFile));
    } catch (IOException | RuntimeException e) {
      lock.release();
      lockChannel.close();
      throw e;
    }
  }

  /**
   * The start time and 24 random bits: unique enough to tell runs apart in one folder's journal,
   * and no secret, so not from {@code SecureRandom}, whose set-up (~15 ms) would delay the start.
   */
  private static String newRunId() {
    int random = ThreadLocalRandom.current().nextInt(1 << 24);
    return Instant.now() + "-" + HexFormat.of().toHexDigits(random).substring(2);
  }

  /** This run's id, written with each of its journal entries. */
  public String runId() {
    return runId;
  }

  /**
   * The latest entry with outputs of each source that earlier runs recorded, by {@link
   * Provenance#file()}.
   */
  public Map<String, JournalEntry> previous() {
    return previous;
  }

  /** This run's journal. */
  public Journal journal() {
    return journal;
  }

  /** The journal file. */
  public Path journalFile() {
    return folder.resolve(JOURNAL);
  }

  /**
   * Records this run's metadata as the latest run's ({@code run.json}), with the run id under
   * {@code id}.
   */
  public void describe(Map<String, Object> run) throws IOException {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("id", runId);
    info.putAll(run);
    AtomicFile.write(folder.resolve(RUN_INFO), JSON.writeValueAsBytes(info));
  }

  @Override
  public void close() throws IOException {
    try {
      journal.close();
    } finally {
      try {
        lock.release();
      } finally {
        lockChannel.close();
      }
    }
  }

  /**
   * What the state folder holds about the latest run: its metadata and its journal entries, in the
   * order they were written (entries cut short by a kill are left out).
   *
   * @param run the latest run's metadata ({@code id} included)
   * @param entries its entries
   */
  public record LatestRun(Map<String, Object> run, List<JournalEntry> entries) {}

  /**
   * Reads the latest run recorded below {@code outRoot} without locking: a run still going may add
   * entries.
   *
   * @throws java.nio.file.NoSuchFileException when no run has been recorded there
   */
  public static LatestRun latest(Path outRoot) throws IOException {
    Path folder = folderOf(outRoot);
    Map<String, Object> run = JSON.readValue(Files.readAllBytes(folder.resolve(RUN_INFO)), RUN_MAP);
    Object id = run.get("id");
    List<JournalEntry> entries =
        Journal.read(folder.resolve(JOURNAL)).stream().filter(e -> e.run().equals(id)).toList();
    return new LatestRun(run, entries);
  }
}
