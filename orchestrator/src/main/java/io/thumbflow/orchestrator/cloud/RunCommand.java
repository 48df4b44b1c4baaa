package io.thumbflow.orchestrator.cloud;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code thumbflow run --stack NAME (--manifest | --prefix | --dir)}: one run on the deployed
 * stack.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run thumbflow in AWS on a stack deployed with sam deploy: start one execution of its state machine "
          + "(Step Functions fans the images out to the thumbnail Lambda), show its progress, wait, download "
          + "the run report from the thumbs bucket and print the same summary as thumbflow local.",
      "",
      "Cloud commands (NAME: the stack, SOURCE: its source bucket):",
      "  thumbflow run --stack NAME --manifest s3://SOURCE/manifests/list.json",
      "  thumbflow run --stack NAME --prefix s3://SOURCE/backfill/2026/",
      "  thumbflow run --stack NAME --dir ./photos",
      "  thumbflow redrive --stack NAME run-20261124-181500-a1b2c3",
      "  thumbflow manifest ./photos --out list.json",
      "",
      "Resources (source bucket, thumbs bucket, state machine) come from the stack's outputs. Credentials "
          + "and region come from the usual AWS chain (AWS_PROFILE, AWS_REGION, ...). Uploads to the "
          + "source bucket under uploads/ start runs by themselves (EventBridge -> SQS -> Pipe)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every image done",
      "1:some images failed, or the execution did not succeed",
      "2:usage error"
    })
public final class RunCommand implements Callable<Integer> {
  @Mixin CloudRunOptions options = new CloudRunOptions();

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!options.isCloud()) {
      return new CloudUsageException(
              "run needs --stack NAME (for a run on this machine use thumbflow local)")
          .report(spec.commandLine().getErr());
    }
    return CloudRun.execute(options, spec.commandLine().getOut(), spec.commandLine().getErr());
  }
}
