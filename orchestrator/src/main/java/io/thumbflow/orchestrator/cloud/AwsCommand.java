package io.thumbflow.orchestrator.cloud;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that talks to AWS with the shared {@link CloudOptions}: a {@link CloudCommandException}
 * it throws is printed as one line, {@code thumbflow: ...}, and becomes the command's exit code.
 */
abstract class AwsCommand implements Callable<Integer> {
  @Mixin CloudOptions cloud = new CloudOptions();

  @Spec CommandSpec spec;

  @Override
  public final Integer call() throws Exception {
    try {
      return run();
    } catch (CloudCommandException e) {
      return e.report(spec.commandLine().getErr());
    }
  }

  /** The command's work; returns its exit code. */
  abstract int run() throws Exception;
}
