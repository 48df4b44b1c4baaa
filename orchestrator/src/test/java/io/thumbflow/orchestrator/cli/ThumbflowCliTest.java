package io.thumbflow.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ThumbflowCliTest {

  @Test
  void buildsOnlyTheLocalCommandForALocalRun() {
    CommandLine cli = ThumbflowCli.commandLine(new String[] {"local", "photos", "--out", "thumbs"});

    assertThat(cli.getSubcommands()).containsOnlyKeys("local");
  }

  @Test
  void buildsOnlyTheReportCommandToRebuildAReport() {
    assertThat(ThumbflowCli.commandLine(new String[] {"report", "thumbs"}).getSubcommands())
        .containsOnlyKeys("report");
  }

  @Test
  void buildsEveryCommandForAnythingElse() {
    for (String[] args : new String[][] {{}, {"--help"}, {"run", "--help"}, {"lokal"}}) {
      assertThat(ThumbflowCli.commandLine(args).getSubcommands())
          .containsOnlyKeys("local", "report", "run", "redrive", "manifest", "bench", "help");
    }
  }

  @Test
  void listsEveryCommandInTheTopLevelHelp() {
    StringWriter out = new StringWriter();
    CommandLine cli = ThumbflowCli.commandLine(new String[] {"--help"});
    cli.setOut(new PrintWriter(out));

    assertThat(cli.execute("--help")).isZero();
    assertThat(out.toString()).contains("local", "report", "run", "redrive", "manifest", "bench");
  }
}
