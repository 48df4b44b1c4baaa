package io.thumbflow.orchestrator.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code thumbflow bench}: runs thumbflow's local mode and the peer programs as whole processes
 * over the same photos, in alternating rounds, and prints images/s, CPU ms/image, peak RSS and
 * ratios.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Runs thumbflow local mode and the peers (../shared/peers) side by side, alternating, as whole "
          + "processes (JVM start included), and prints images/s, CPU ms/image, peak RSS and ratios.",
      "CPU and RSS come from /usr/bin/time (Debian package 'time'); RSS is the largest single process."
    })
public final class BenchCommand implements Callable<Integer> {
  static final String SHARED_ENV = "THUMBFLOW_SHARED";
  private static final String OURS = "thumbflow";

  @Spec CommandSpec spec;

  @Option(
      names = "--photos",
      paramLabel = "DIR",
      description =
          "Input folder (default: $THUMBFLOW_SHARED/corpus/photos, else ../shared/corpus/photos).")
  Path photos;

  @Option(
      names = "--peers-dir",
      paramLabel = "DIR",
      description = "Peer programs (default: $THUMBFLOW_SHARED/peers, else ../shared/peers).")
  Path peersDir;

  @Option(
      names = "--sizes",
      split = ",",
      defaultValue = "50x50,256x256",
      paramLabel = "WxH",
      description = "Bounding boxes, comma-separated (default: ${DEFAULT-VALUE}).")
  List<String> sizes;

  @Option(
      names = "--rounds",
      defaultValue = "3",
      description = "Rounds; the table shows medians (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--peers",
      split = ",",
      defaultValue = "seed,seed_draft,vips_batch,im",
      description = "Peers to run, comma-separated, or 'none' (default: ${DEFAULT-VALUE}).")
  List<String> peers;

  @Option(
      names = "--jar",
      paramLabel = "JAR",
      description =
          "thumbflow jar to run (default: the running jar, else orchestrator/target/thumbflow.jar).")
  Path jar;

  @Option(
      names = "--jvm-flags",
      defaultValue = "",
      paramLabel = "FLAGS",
      description =
          "JVM flags for thumbflow (default: none, i.e. the README's command: the launcher script"
              + " next to the jar, which starts thumbflow with the tuned flags "
              + JvmFlags.RECOMMENDED
              + ", or where there is none a plain java -jar, which re-launches itself with them;"
              + " giving flags runs java FLAGS -jar instead).")
  String jvmFlags;

  @Option(
      names = "--variant",
      paramLabel = "NAME=FLAGS",
      description =
          "Also run thumbflow as NAME with these JVM flags (repeatable), to compare flags side by side.")
  Map<String, String> variants = new LinkedHashMap<>();

  @Option(
      names = "--workers",
      description = "Passed to 'thumbflow local --workers' (default: local mode's own).")
  Integer workers;

  @Option(
      names = "--repeat",
      defaultValue = "1",
      paramLabel = "N",
      description =
          "Also time a long batch: the photos N times over, as distinct files (copies named rK-NAME), "
              + "reported beside the short batch (default: ${DEFAULT-VALUE}, no long batch).")
  int repeat;

  @Option(
      names = "--by-format",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Also time each kind of photo on its own (baseline JPEG, progressive JPEG, PNG; each N times "
              + "over with --repeat N) and say where thumbflow leads and trails each peer (default: on).")
  boolean byFormat;

  @Option(
      names = "--check",
      description =
          "Also compare thumbflow's thumbnails with seed.py's (median PSNR >= 30 dB, sizes within 1 px).")
  boolean check;

  @Option(
      names = "--work",
      paramLabel = "DIR",
      description = "Scratch folder for outputs (default: a temporary folder).")
  Path work;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Path shared = sharedDir();
    Path input = photos != null ? photos : shared.resolve("corpus").resolve("photos");
    Path peerPrograms = peersDir != null ? peersDir : shared.resolve("peers");
    if (!Files.isDirectory(input)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "photos folder not found: " + input + " (use --photos or set " + SHARED_ENV + ")");
    }
    if (rounds < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--rounds must be at least 1");
    }
    if (repeat < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--repeat must be at least 1");
    }
    List<Contender> contenders = contenders(peerPrograms);
    Map<String, String> skipped = new LinkedHashMap<>();
    contenders.stream()
        .filter(c -> c.unavailable().isPresent())
        .forEach(c -> skipped.put(c.name(), c.unavailable().get()));
    List<Contender> runnable = contenders.stream().filter(c -> c.unavailable().isEmpty()).toList();
    if (!TimedProcess.timeAvailable()) {
      out.println(
          "note: /usr/bin/time not found (Debian package 'time'): CPU and RSS columns will be n/a");
    }
    Path scratch =
        work != null
            ? Files.createDirectories(work)
            : Files.createTempDirectory("thumbflow-bench-");
    BenchCorpus corpus = BenchCorpus.prepare(input, scratch, repeat, byFormat);
    out.printf(
        Locale.ROOT,
        "bench: %d images in %s, repeat %d, sizes %s, %d rounds, %d cores; thumbflow flags: %s%n",
        corpus.shortBatch().images(),
        input,
        repeat,
        sizes,
        rounds,
        Runtime.getRuntime().availableProcessors(),
        jvmFlags);
    out.flush();

    List<Sample> samples = new ArrayList<>();
    boolean oursFailed = false;
    for (int round = 1; round <= rounds; round++) {
      for (String size : sizes) {
        for (BenchCorpus.Batch batch : corpus.all()) {
          // Alternate the order each round so no contender always runs first (cache, thermal
          // effects).
          List<Contender> order = rotate(runnable, round - 1);
          for (Contender c : order) {
            Path outDir = outputDir(scratch, size, batch, corpus, c.name());
            deleteTree(outDir);
            Files.createDirectories(outDir);
            TimedProcess.Outcome outcome =
                TimedProcess.run(
                    c.command().build(batch.dir(), outDir, size), c.env(), scratch.resolve("logs"));
            Sample sample = toSample(c, size, batch, round, outcome);
            samples.add(sample);
            out.printf(
                Locale.ROOT,
                "  round %d %-8s %-26s %-20s %6.2f s  %6.1f images/s%s%n",
                round,
                size,
                batch.name(),
                c.name(),
                sample.wallSeconds(),
                sample.imagesPerSecond(),
                outcome.exitCode() == 0
                    ? ""
                    : "  exit " + outcome.exitCode() + ": " + lastLine(outcome.output()));
            out.flush();
            oursFailed |= c.ours() && outcome.exitCode() != 0;
          }
        }
      }
    }

    out.println();
    List<BenchCorpus.Batch> kinds = new ArrayList<>(corpus.byKind().values());
    for (String size : sizes) {
      out.println(BenchTable.render(samples, size, corpus.shortBatch().name(), OURS, skipped));
      if (corpus.longBatch() != null) {
        out.println(BenchTable.render(samples, size, corpus.longBatch().name(), OURS, skipped));
      }
      if (!kinds.isEmpty()) {
        out.println(FormatBreakdown.render(samples, size, kinds, OURS));
      }
    }
    boolean checkFailed = false;
    if (check) {
      Contender seed =
          runnable.stream().filter(c -> c.name().equals("seed")).findFirst().orElse(null);
      for (String size : sizes) {
        Path seedOut = outputDir(scratch, size, corpus.shortBatch(), corpus, "seed");
        Path oursOut = outputDir(scratch, size, corpus.shortBatch(), corpus, OURS);
        if (seed == null && !skipped.containsKey("seed")) {
          // seed.py was not timed: run it once, untimed, for its reference thumbnails.
          Contender reference = new Contenders(peerPrograms).peer("seed");
          if (reference.unavailable().isEmpty()) {
            Files.createDirectories(seedOut);
            TimedProcess.run(
                reference.command().build(corpus.shortBatch().dir(), seedOut, size),
                reference.env(),
                scratch.resolve("logs"));
          }
        }
        if (!Files.isDirectory(seedOut) || skipped.containsKey("seed")) {
          out.printf("fidelity %s: n/a (seed.py did not run)%n", size);
          continue;
        }
        Fidelity fidelity = Fidelity.compare(seedOut, oursOut);
        out.printf("fidelity %s vs seed.py: %s%n", size, fidelity.describe());
        checkFailed |= !fidelity.passes();
      }
    }
    if (work == null) {
      deleteTree(scratch);
    }
    out.flush();
    return oursFailed || checkFailed ? 1 : 0;
  }

  private List<Contender> contenders(Path peerPrograms) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path thumbflowJar = jar != null ? jar : defaultJar();
    List<String> extra = workers == null ? List.of() : List.of("--workers", workers.toString());
    List<Contender> list = new ArrayList<>();
    list.add(Contenders.ours(OURS, java, JvmFlags.split(jvmFlags), thumbflowJar, extra));
    variants.forEach(
        (name, flags) ->
            list.add(Contenders.ours(name, java, JvmFlags.split(flags), thumbflowJar, extra)));
    Contenders known = new Contenders(peerPrograms);
    for (String peer : peers) {
      if (!peer.isBlank() && !peer.equalsIgnoreCase("none")) {
        try {
          list.add(known.peer(peer.trim()));
        } catch (IllegalArgumentException e) {
          throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
      }
    }
    return list;
  }

  /** Where a contender writes one batch at one size: {@code scratch/SIZE/BATCH/CONTENDER}. */
  static Path outputDir(
      Path scratch, String size, BenchCorpus.Batch batch, BenchCorpus corpus, String contender) {
    String folder = batch == corpus.shortBatch() ? "short" : batch.dir().getFileName().toString();
    return scratch.resolve(size).resolve(folder).resolve(contender);
  }

  static Sample toSample(
      Contender c, String size, BenchCorpus.Batch batch, int round, TimedProcess.Outcome outcome) {
    Optional<TimeOutput> time = outcome.time();
    int images = batch.images();
    int count =
        c.ours()
            ? images
            : ResultLine.find(outcome.output())
                .flatMap(
                    r ->
                        r.images().isPresent()
                            ? Optional.of(r.images().getAsInt())
                            : Optional.empty())
                .orElse(images);
    // time(1)'s %e has 10 ms resolution; prefer it when present since it excludes our own overhead.
    double wall =
        time.map(TimeOutput::wallSeconds).filter(w -> w > 0).orElse(outcome.wallSeconds());
    return new Sample(
        c.name(),
        size,
        batch.name(),
        round,
        count,
        wall,
        time.map(TimeOutput::cpuSeconds).orElse(Double.NaN),
        time.map(TimeOutput::maxRssKb).orElse(-1L),
        outcome.exitCode());
  }

  static <T> List<T> rotate(List<T> list, int by) {
    if (list.isEmpty()) {
      return list;
    }
    int shift = Math.floorMod(by, list.size());
    List<T> rotated = new ArrayList<>(list.subList(shift, list.size()));
    rotated.addAll(list.subList(0, shift));
    return rotated;
  }

  private static Path sharedDir() {
    String env = System.getenv(SHARED_ENV);
    return env != null && !env.isBlank() ? Path.of(env) : Path.of("..", "shared");
  }

  private static Path defaultJar() {
    try {
      Path running =
          Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(running) && running.toString().endsWith(".jar")) {
        return running;
      }
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      // fall through to the build output
    }
    return Path.of("orchestrator", "target", "thumbflow.jar");
  }

  private static String lastLine(String output) {
    List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }

  /** Runs the bench without the rest of the CLI: {@code java -cp thumbflow.jar ...BenchCommand}. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchCommand()).execute(args));
  }
}
