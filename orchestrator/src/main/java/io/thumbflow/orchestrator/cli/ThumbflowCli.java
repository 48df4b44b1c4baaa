package io.thumbflow.orchestrator.cli;

import io.thumbflow.orchestrator.launch.TunedJvm;
import io.thumbflow.orchestrator.local.StartupWarmUp;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code thumbflow} command: {@code local} runs the pipeline on this machine; the cloud and
 * bench commands plug in as further subcommands. Exit codes: 0 every image done, 1 some images
 * failed, 2 usage error.
 */
@Command(
    name = "thumbflow",
    mixinStandardHelpOptions = true,
    versionProvider = ThumbflowCli.Version.class,
    description = "Blurred thumbnails at scale: locally, or on AWS Step Functions + Lambda.")
public final class ThumbflowCli implements Runnable {
  /**
   * The subcommands, in help order: one line each. Lambdas rather than constructor references,
   * which would load (and verify) every command class as soon as this list is built; in a holder
   * class so that the JVM that only re-launches {@code local} ({@link TunedJvm}) never builds it.
   */
  private static final class Subcommands {
    static final List<Supplier<Object>> ALL =
        List.of(
            () -> new LocalCommand(),
            () -> new ReportCommand(),
            () -> new io.thumbflow.orchestrator.cloud.RunCommand(),
            () -> new io.thumbflow.orchestrator.cloud.RedriveCommand(),
            () -> new io.thumbflow.orchestrator.cloud.ManifestCommand(),
            () -> new io.thumbflow.orchestrator.bench.BenchCommand(),
            () -> new CommandLine.HelpCommand());
  }

  /** Every image succeeded (or was already up to date). */
  public static final int EXIT_OK = 0;

  /** The run finished but some images failed. */
  public static final int EXIT_SOME_FAILED = 1;

  /** The command line was wrong; nothing was processed. */
  public static final int EXIT_USAGE = CommandLine.ExitCode.USAGE;

  private static final String LOCAL = "local";
  private static final String REPORT = "report";

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "missing command: try 'thumbflow local INPUT --out DIR'");
  }

  public static void main(String[] args) {
    // `java -jar thumbflow.jar local ...` re-runs itself once in a JVM tuned for a short batch job
    // (see TunedJvm: measured here ~30% less CPU and about half the RSS of the JVM's defaults);
    // THUMBFLOW_TUNED_JVM=0 opts out. The launcher script next to the jar starts that JVM directly.
    OptionalInt tuned = TunedJvm.relaunch(ThumbflowCli.class, args);
    if (tuned.isPresent()) {
      System.exit(tuned.getAsInt());
    }
    if (args.length > 0 && args[0].equals(LOCAL)) {
      StartupWarmUp.start();
    }
    System.exit(commandLine(args).execute(args));
  }

  /**
   * The configured command line with every subcommand: a usage error prints its one-line reason,
   * the synopsis and a pointer to {@code --help} rather than the whole help page.
   */
  public static CommandLine commandLine() {
    return commandLine(new String[0]);
  }

  /**
   * The command line {@link #main} runs for {@code args}: with only the {@code local} (or {@code
   * report}) subcommand when that is what {@code args} start with, since building the cloud and
   * bench commands' models loads their classes and 22 of the AWS SDK's, which a local run never
   * uses; with all of them otherwise.
   */
  static CommandLine commandLine(String[] args) {
    CommandLine cli = new CommandLine(new ThumbflowCli());
    String first = args.length > 0 ? args[0] : "";
    List<Supplier<Object>> needed =
        first.equals(LOCAL)
            ? Subcommands.ALL.subList(0, 1)
            : first.equals(REPORT) ? Subcommands.ALL.subList(1, 2) : Subcommands.ALL;
    for (Supplier<Object> subcommand : needed) {
      cli.addSubcommand(subcommand.get());
    }
    return cli.setParameterExceptionHandler(ThumbflowCli::usageError);
  }

  private static int usageError(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    java.io.PrintWriter err = cmd.getErr();
    err.println(e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    CommandLine.Help help = cmd.getHelp();
    err.print(help.synopsisHeading() + help.synopsis(help.synopsisHeadingLength()));
    err.printf("Try '%s --help' for more information.%n", cmd.getCommandSpec().qualifiedName());
    err.flush();
    return cmd.getCommandSpec().exitCodeOnInvalidInput();
  }

  /** The version from the jar manifest, or a development marker when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = ThumbflowCli.class.getPackage().getImplementationVersion();
      return new String[] {"thumbflow " + (v == null ? "(development build)" : v)};
    }
  }
}
