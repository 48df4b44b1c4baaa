package io.thumbflow.orchestrator.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Writes the jar's application class-data-sharing archive ({@value TunedJvm#ARCHIVE_NAME}, next to
 * the jar) at build time: runs {@link TunedJvm}'s child command once over sample photos with {@code
 * -XX:ArchiveClassesAtExit}, checks the result with {@code -Xshare:on}, and only then renames it
 * into place. The archive is an optimisation: any failure prints one warning line and leaves no
 * archive, and {@link #main} never throws, so the build goes on.
 */
public final class ClassArchiveDump {
  /** Longest a sample run (about 2 s) or the check may take before it is killed. */
  static final long TIMEOUT_SECONDS = 120;

  private ClassArchiveDump() {}

  /**
   * {@code JAVA JAR MAIN_CLASS PHOTOS WORK_DIR}: the JVM that will run the jar, the jar at the
   * absolute path it will run from (the archive records it), the main class, a folder of sample
   * photos, and a scratch folder for the thumbnails and the log ({@code dump.log}).
   */
  public static void main(String[] args) {
    if (args.length != 5) {
      System.err.println("usage: ClassArchiveDump JAVA JAR MAIN_CLASS PHOTOS WORK_DIR");
      return;
    }
    Path jar = Path.of(args[1]).toAbsolutePath();
    dump(Path.of(args[0]), jar, args[2], Path.of(args[3]), Path.of(args[4]))
        .ifPresent(
            reason ->
                System.err.println(
                    "[WARNING] thumbflow: no class-data archive next to "
                        + jar
                        + " ("
                        + reason
                        + "); thumbflow local works without it, it only starts about 0.2 s slower"));
  }

  /** Dumps, checks and installs the archive; the reason it did not, or empty on success. */
  static Optional<String> dump(Path java, Path jar, String mainClass, Path photos, Path work) {
    Path archive = TunedJvm.archiveFor(jar);
    Path partial = work.resolve(TunedJvm.ARCHIVE_NAME + ".partial");
    Path log = work.resolve("dump.log");
    try {
      Files.deleteIfExists(archive); // one from an older jar would only be ignored at run time
      Files.createDirectories(work);
      Files.deleteIfExists(partial);
      Files.deleteIfExists(log);
      if (!Files.isDirectory(photos)) {
        return Optional.of("no sample photos at " + photos);
      }
      int status =
          run(dumpCommand(java, jar, mainClass, photos, work.resolve("out"), partial), log);
      if (status != 0 || !Files.isRegularFile(partial)) {
        return Optional.of("the sample run ended with status " + status + ", see " + log);
      }
      status = run(checkCommand(java, jar, partial), log);
      if (status != 0) {
        return Optional.of("the JVM refused the archive with status " + status + ", see " + log);
      }
      // work is under the same target/ folder as the jar, so the rename is atomic.
      Files.move(
          partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.of(e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
  }

  /**
   * The tuned child, exactly as {@link TunedJvm} starts it, writing the classes it loaded to {@code
   * archive}; {@code --force} so that a build after the first still decodes every photo rather than
   * skip them.
   */
  static List<String> dumpCommand(
      Path java, Path jar, String mainClass, Path photos, Path out, Path archive) {
    return TunedJvm.tunedCommand(
        java,
        List.of("-XX:ArchiveClassesAtExit=" + archive),
        jar,
        mainClass,
        List.of("local", photos.toString(), "--out", out.toString(), "--force"));
  }

  /**
   * Starts a JVM that must map {@code archive} ({@code -Xshare:on} fails instead of falling back),
   * which also rejects a truncated file before a user's run could crash on it.
   */
  static List<String> checkCommand(Path java, Path jar, Path archive) {
    List<String> cmd = new ArrayList<>(List.of(java.toString()));
    cmd.addAll(TunedJvm.FLAGS);
    cmd.addAll(
        List.of(
            "-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-cp", jar.toString(), "-version"));
    return cmd;
  }

  private static int run(List<String> command, Path log) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      return -1;
    }
    return process.exitValue();
  }
}
