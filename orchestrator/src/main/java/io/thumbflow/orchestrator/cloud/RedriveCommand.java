package io.thumbflow.orchestrator.cloud;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import software.amazon.awssdk.services.sfn.model.SfnException;

/** {@code thumbflow redrive --stack NAME EXECUTION}: re-runs only the failed part of a failed execution. */
@Command(name = "redrive", mixinStandardHelpOptions = true,
    description = {
        "Redrive a failed, timed-out or aborted execution of the stack's state machine (Step Functions "
            + "RedriveExecution): steps that succeeded are kept; a Distributed Map run re-runs only its failed "
            + "or unfinished child executions. Then wait and print the run report.",
        "Executions whose items failed but which themselves succeeded (bad images are recorded, not fatal) "
            + "cannot be redriven: run the failed keys again with thumbflow run --manifest."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every image done", "1:some images failed, or the execution did not succeed",
        "2:usage error"})
public final class RedriveCommand implements Callable<Integer> {
  @Option(names = "--stack", paramLabel = "NAME", required = true, defaultValue = "${env:THUMBFLOW_STACK}",
      description = "The thumbflow stack (default: $THUMBFLOW_STACK).")
  String stack;

  @Parameters(paramLabel = "EXECUTION",
      description = "The execution name (as thumbflow run printed it, e.g. run-20261124-181500-a1b2c3) or ARN.")
  String execution;

  @Option(names = "--no-wait", description = "Only redrive (default: wait and print the report).")
  boolean noWait;

  @Option(names = "--poll-seconds", paramLabel = "S", defaultValue = "5",
      description = "Seconds between progress checks (default: ${DEFAULT-VALUE}).")
  int pollSeconds;

  @Option(names = "--timeout-minutes", paramLabel = "M", defaultValue = "60",
      description = "Stop waiting after M minutes (default: ${DEFAULT-VALUE}).")
  int timeoutMinutes;

  @Mixin CloudOptions cloud = new CloudOptions();

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    try {
      return run();
    } catch (CloudCommandException e) {
      return e.report(spec.commandLine().getErr());
    }
  }

  private int run() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (CloudClients clients = CloudClients.create(cloud)) {
      StackResources resources = StackResources.resolve(clients.cloudFormation(), stack);
      String arn = executionArn(resources.stateMachineArn(), execution);
      try {
        clients.sfn().redriveExecution(r -> r.executionArn(arn));
      } catch (SfnException e) {
        throw new CloudCommandException("cannot redrive " + arn + ": " + e.getMessage(), e);
      }
      out.printf("redriving %s%n", arn);
      out.flush();
      if (noWait) {
        return 0;
      }
      return new ExecutionFollower(clients, resources, out, Duration.ofSeconds(Math.max(1, pollSeconds)),
          Duration.ofMinutes(timeoutMinutes)).follow(arn);
    }
  }

  /**
   * The ARN of an execution given by name or ARN: {@code arn:...:stateMachine:M} and name {@code N} give
   * {@code arn:...:execution:M:N}.
   */
  static String executionArn(String stateMachineArn, String execution) {
    if (execution.startsWith("arn:")) {
      return execution;
    }
    int at = stateMachineArn.indexOf(":stateMachine:");
    if (at < 0) {
      throw new CloudCommandException("not a state machine ARN: " + stateMachineArn);
    }
    return stateMachineArn.substring(0, at) + ":execution:"
        + stateMachineArn.substring(at + ":stateMachine:".length()) + ":" + execution;
  }
}
