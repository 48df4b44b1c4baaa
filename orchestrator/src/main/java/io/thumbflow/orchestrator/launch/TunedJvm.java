package io.thumbflow.orchestrator.launch;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * Runs {@code thumbflow local} in a JVM tuned for a short batch job, since a jar manifest cannot
 * carry JVM flags and the README's command is a plain {@code java -jar}. When the user gave no JVM
 * flags of their own (none on the command line, none in {@code JAVA_TOOL_OPTIONS}), this JVM starts
 * a child {@code java FLAGS -cp JAR MAIN ARGS} with inherited stdin/stdout/stderr and exits with
 * its status. The parent costs one bare JVM start (about 40 ms CPU, 37 MB RSS, measured by {@code
 * thumbflow bench}). When the build left an application class-data-sharing archive ({@value
 * #ARCHIVE_NAME}, see {@link ClassArchiveDump}) next to the jar, the child maps it instead of
 * loading and verifying those classes again; the JVM ignores, silently, an archive that does not
 * match its jar or JDK. Set {@value #DISABLE_ENV}=0 to stay in the first JVM. The launcher script
 * the build writes next to the jar ({@link LauncherScript}) starts the same child directly, without
 * the first JVM.
 */
public final class TunedJvm {
  /** Environment switch: {@code 0} or {@code false} disables the re-launch. */
  public static final String DISABLE_ENV = "THUMBFLOW_TUNED_JVM";

  /** The first of {@link #FLAGS}: C1 only. */
  static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

  /** System property set on the child so it never re-launches again. */
  static final String MARKER = "thumbflow.tunedJvm";

  /**
   * C1 only (a batch of seconds never repays C2's compile time), the serial collector (2 cores; the
   * parallel collectors' threads compete with the workers), a heap that starts small so RSS follows
   * the live set, with headroom for one 50 MP image per worker. C1 compiles a method after 10x the
   * default calls (Tier3*Threshold): start-up code (picocli, Jackson, ImageIO's registry) runs a
   * few hundred times and is not worth compiling, while the image loops pass 20000 calls or
   * back-edges within the first images. No hsperfdata file (-UsePerfData): nothing reads it.
   * Measured with thumbflow bench (--variant, 7 rounds, 69 photos, machine shared with builds): CPU
   * ms/img 36 -> 34-36 at 50x50 and 60 -> 53-55 at 256x256, peak RSS 114/142 -> 101-104/124-128 MB.
   * thumbflow's own image code ({@code io.thumbflow.core}) keeps the JVM's default thresholds
   * (scaling 0.1 of the raised ones), so the decode, blur and resample loops stop being interpreted
   * a few images earlier ({@code quiet}: the JVM otherwise echoes the command on stdout). Measured
   * over the 69 photos, 11 alternating runs: CPU s 4.26 -> 3.94 at 256x256, 3.25 -> 2.97 at 50x50.
   * For boxes of 1024 px and more the child trades {@link #C1_ONLY} for C2 on the blur and resample
   * loops ({@link ImageLoopCompilation}).
   *
   * <p>A young generation of at least 24 MB with larger survivor spaces (a third of it: {@code
   * SurvivorRatio=3}): each image's source file is a byte array of a few MB, and with the default
   * young generation (a third of the 32 MB heap, survivors of 1 MB) the files still being decoded
   * at a young collection overflowed into the old generation, which then needed full collections:
   * 345 photos at 50x50, 67 young and 8 full collections, 313 ms of pauses in which the other
   * worker waits; with these flags 46 young and 2 full, 161 ms. Tuned child, alternating runs,
   * median wall s (peak RSS MB): 345 photos 50x50 4.05 -> 3.93 (111 -> 108), 256x256 5.78 -> 5.52
   * (137 -> 136) (4 pairs); 69 photos 50x50 1.53 -> 1.43 (95 -> 90), 256x256 1.65 -> 1.66 (115 ->
   * 118) (6 pairs).
   *
   * <p>Later, with the DC-only and native decoders holding less of each file for less long, a young
   * generation of 16 MB with survivors of a sixth of it ({@code SurvivorRatio=6}) and a heap that
   * starts at 24 MB keep the same collections (345 photos at 50x50: 42 young and 2 full, 197 ms of
   * pauses, against 49 and 4, 200 ms) in less memory. Tuned child, alternating runs, median wall s
   * (peak RSS MB): 69 photos 50x50 1.23 -> 1.19 (91 -> 86), 256x256 1.52 -> 1.46 (122 -> 118,
   * before {@code -Xms24m}; 117 -> 113 from it) (5 pairs each); 345 photos 50x50 3.40 -> 3.43 (105
   * -> 102), 256x256 5.15 -> 5.12 (135 -> 129) (4 pairs).
   */
  public static final List<String> FLAGS =
      List.of(
          C1_ONLY,
          "-XX:+UseSerialGC",
          "-Xms24m",
          "-Xmx512m",
          "-XX:NewSize=16m",
          "-XX:SurvivorRatio=6",
          "-Xss512k",
          "-XX:Tier3InvocationThreshold=2000",
          "-XX:Tier3MinInvocationThreshold=1000",
          "-XX:Tier3CompileThreshold=20000",
          "-XX:-UsePerfData",
          "-XX:CompileCommand=quiet",
          "-XX:CompileCommand=CompileThresholdScaling,io.thumbflow.core.*::*,0.1");

  /**
   * glibc keeps large freed native buffers (libjpeg-turbo's and ImageIO's decode buffers) once its
   * dynamic mmap threshold has risen; a fixed 128 KiB threshold returns them to the OS: peak RSS
   * over the corpus 231 MB -> 175 MB for about 3 ms more system CPU per image (measured with
   * thumbflow bench). Each such buffer then arrives as fresh pages, one fault per 4 KiB (a
   * progressive JPEG's coefficients at 1024 px are 3 bytes per source px); glibc 2.35+'s {@code
   * hugetlb=1} asks for transparent huge pages on them (older glibc ignores it). Tuned child, 69
   * photos, alternating runs, median CPU s: 1024x1024 7.05 -> 6.09 (minor faults 194k -> 107k),
   * 256x256 2.82 -> 2.64, 50x50 2.14 -> 2.15 (8 runs); peak RSS unchanged within noise.
   */
  public static final Map<String, String> ENV =
      Map.of("MALLOC_MMAP_THRESHOLD_", "131072", "GLIBC_TUNABLES", "glibc.malloc.hugetlb=1");

  /**
   * For boxes of {@value ImageLoopCompilation#MIN_BOX_SIDE} px and more, the Java heap in
   * transparent huge pages too: those runs allocate rasters of several MB per image. Tuned child,
   * 69 photos, 4 alternating runs, median CPU s: 1024x1024 6.16 -> 5.67 at the same peak RSS; at
   * 256x256 2.94 -> 2.83 but peak RSS 117 -> 126 MB, so not for thumbnails. Only where the OS
   * offers them: otherwise the JVM prints a warning on stdout.
   */
  static final String HEAP_IN_HUGE_PAGES = "-XX:+UseTransparentHugePages";

  /** Where Linux says whether transparent huge pages are offered: "[always]" or "[madvise]". */
  static final Path TRANSPARENT_HUGE_PAGES = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

  /**
   * JDK 22+ warns on the first {@code System.load} (the libjpeg-turbo binding) unless native access
   * is enabled; {@code java -jar} gets it from the jar manifest, the child (started with {@code
   * -cp}) from this.
   */
  static final List<String> NATIVE_ACCESS =
      Runtime.version().feature() >= 22 ? List.of("--enable-native-access=ALL-UNNAMED") : List.of();

  /** File name of the class-data archive the build writes next to the jar. */
  public static final String ARCHIVE_NAME = "thumbflow.jsa";

  private TunedJvm() {}

  /**
   * Re-launches {@code mainClass} with {@link #FLAGS} when that is useful and possible.
   *
   * @return the child's exit status, or empty when the caller should carry on in this JVM
   */
  public static OptionalInt relaunch(Class<?> mainClass, String[] args) {
    // This JVM only starts the child, so what it runs first is kept cheap: no lambda, method
    // reference or stream on this path (a cold JVM's first one costs ~15 ms of LambdaMetafactory
    // bootstrap), and the arguments from /proc rather than ProcessHandle (~20 ms on first use).
    boolean alreadyTuned = System.getProperty(MARKER) != null;
    if (alreadyTuned) {
      return OptionalInt.empty(); // the child: nothing to read or decide
    }
    Optional<List<String>> command =
        command(
            mainClass.getName(),
            args,
            System.getenv(),
            jvmFlags(processArguments()),
            alreadyTuned,
            runningJar(mainClass),
            Path.of(System.getProperty("java.home"), "bin", "java"),
            new Supplier<Optional<Path>>() {
              @Override
              public Optional<Path> get() {
                return ImageLoopCompilation.directivesUnlessNativeLoops(System.getProperties());
              }
            },
            transparentHugePagesOffered());
    if (command.isEmpty()) {
      return OptionalInt.empty();
    }
    try {
      ProcessBuilder builder = new ProcessBuilder(command.get()).inheritIO();
      Map<String, String> environment = builder.environment();
      for (Map.Entry<String, String> variable : ENV.entrySet()) {
        environment.putIfAbsent(variable.getKey(), variable.getValue());
      }
      Process child = builder.start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread() {
                @Override
                public void run() {
                  child.destroy(); // Ctrl-C reaches both anyway
                }
              });
      return OptionalInt.of(child.waitFor());
    } catch (IOException e) {
      return OptionalInt.empty(); // cannot start a JVM: run here, untuned
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalInt.of(130);
    }
  }

  /**
   * This process's arguments after the executable: from {@code /proc/self/cmdline} where there is
   * one, else from {@link ProcessHandle}.
   */
  static List<String> processArguments() {
    try (FileInputStream in = new FileInputStream("/proc/self/cmdline")) {
      List<String> all = cmdlineArguments(in.readAllBytes());
      if (!all.isEmpty()) return all.subList(1, all.size());
    } catch (IOException | RuntimeException e) {
      // not Linux: ask the JDK
    }
    Optional<String[]> arguments = ProcessHandle.current().info().arguments();
    return arguments.isPresent() ? Arrays.asList(arguments.get()) : List.of();
  }

  /** The NUL-terminated strings of a {@code /proc/PID/cmdline}, the executable first. */
  static List<String> cmdlineArguments(byte[] cmdline) {
    List<String> arguments = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < cmdline.length; i++) {
      if (cmdline[i] == 0) {
        arguments.add(new String(cmdline, start, i - start, Charset.defaultCharset()));
        start = i + 1;
      }
    }
    return arguments;
  }

  /**
   * The JVM flags before {@code -jar} in this process's arguments (read from the OS, cheaper than
   * JMX); a launch without {@code -jar} counts as flags chosen by the user.
   */
  static List<String> jvmFlags(List<String> processArgs) {
    int jarAt = processArgs.indexOf("-jar");
    return jarAt < 0 ? List.of("(not launched with -jar)") : processArgs.subList(0, jarAt);
  }

  /**
   * The child's command line, or empty when the current JVM should do the work itself.
   *
   * @param imageLoopDirectives writes the compiler directives file that gives the image loops C2;
   *     called only when the command asks for large renditions, and empty means C1 only
   * @param hugePages whether the OS offers transparent huge pages
   */
  static Optional<List<String>> command(
      String mainClass,
      String[] args,
      Map<String, String> env,
      List<String> jvmArgs,
      boolean alreadyTuned,
      Optional<Path> jar,
      Path java,
      Supplier<Optional<Path>> imageLoopDirectives,
      boolean hugePages) {
    String switchValue = env.getOrDefault(DISABLE_ENV, "");
    boolean disabled = switchValue.equals("0") || switchValue.equalsIgnoreCase("false");
    boolean userChoseFlags =
        !jvmArgs.isEmpty()
            || !env.getOrDefault("JAVA_TOOL_OPTIONS", "").isBlank()
            || !env.getOrDefault("JDK_JAVA_OPTIONS", "").isBlank();
    boolean local = args.length > 0 && args[0].equals("local");
    if (disabled
        || alreadyTuned
        || userChoseFlags
        || !local
        || jar.isEmpty()
        || !Files.isExecutable(java)) {
      return Optional.empty();
    }
    Path archive = archiveFor(jar.get());
    // A truncated archive crashes JDK 17 (SIGBUS) instead of falling back: the build only ever
    // renames a checked archive into place. A path separator in the path would split it into two
    // archives.
    boolean archived =
        Files.isRegularFile(archive) && !archive.toString().contains(File.pathSeparator);
    boolean largeBoxes = ImageLoopCompilation.asksForLargeBoxes(Arrays.asList(args), env);
    Optional<Path> directives = largeBoxes ? imageLoopDirectives.get() : Optional.empty();
    List<String> flags = new ArrayList<>(FLAGS);
    if (directives.isPresent()) {
      flags.remove(C1_ONLY);
      flags.addAll(ImageLoopCompilation.flags(directives.get()));
    }
    if (largeBoxes && hugePages) flags.add(HEAP_IN_HUGE_PAGES);
    if (archived) flags.addAll(archiveFlags(archive));
    return Optional.of(commandLine(java, flags, jar.get(), mainClass, Arrays.asList(args)));
  }

  /** Where the jar's class-data archive lives: {@value #ARCHIVE_NAME} in the jar's directory. */
  static Path archiveFor(Path jar) {
    return jar.toAbsolutePath().resolveSibling(ARCHIVE_NAME);
  }

  /**
   * Flags that map {@code archive} when it is usable and otherwise run as if it were absent: {@code
   * -Xshare:auto} falls back to loading classes from the jar when the archive was dumped from
   * another jar (rebuilt, moved: the JVM checks path, size and mtime) or another JDK build, and
   * {@code -Xlog:cds*=off} keeps the JVM from printing that fallback ("Unable to use shared
   * archive") on stdout, where it would mix with the command's output.
   */
  static List<String> archiveFlags(Path archive) {
    return List.of("-Xshare:auto", "-XX:SharedArchiveFile=" + archive, "-Xlog:cds*=off");
  }

  /**
   * {@code java FLAGS [extraFlags] -Dmarker -cp JAR MAIN ARGS}: the tuned child; the build's dump
   * uses it too.
   */
  static List<String> tunedCommand(
      Path java, List<String> extraFlags, Path jar, String mainClass, List<String> args) {
    List<String> flags = new ArrayList<>(FLAGS);
    flags.addAll(extraFlags);
    return commandLine(java, flags, jar, mainClass, args);
  }

  private static List<String> commandLine(
      Path java, List<String> flags, Path jar, String mainClass, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java.toString());
    cmd.addAll(flags);
    cmd.addAll(NATIVE_ACCESS);
    cmd.add("-D" + MARKER + "=true");
    cmd.addAll(List.of("-cp", jar.toString(), mainClass));
    cmd.addAll(args);
    return cmd;
  }

  static boolean transparentHugePagesOffered() {
    try {
      String mode = Files.readString(TRANSPARENT_HUGE_PAGES);
      return mode.contains("[always]") || mode.contains("[madvise]");
    } catch (IOException | RuntimeException e) {
      return false; // not Linux, or no THP
    }
  }

  private static Optional<Path> runningJar(Class<?> mainClass) {
    try {
      Path path = Path.of(mainClass.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isRegularFile(path) && path.toString().endsWith(".jar")
          ? Optional.of(path)
          : Optional.empty();
    } catch (URISyntaxException
        | SecurityException
        | NullPointerException
        | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
