package io.thumbflow.orchestrator.cloud;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code thumbflow manifest (DIR | s3://bucket/prefix/) --out FILE}: writes the manifest a cloud
 * run reads.
 */
@Command(
    name = "manifest",
    mixinStandardHelpOptions = true,
    description = {
      "Write a manifest for thumbflow run --manifest: every file below a local folder, or every object "
          + "under an S3 prefix. FILE ending in .csv gives CSV (header bucket,key), anything else a JSON "
          + "array of {\"bucket\",\"key\"} objects.",
      "Upload it to the stack's source bucket (aws s3 cp FILE s3://SOURCE/manifests/) and run "
          + "thumbflow run --stack NAME --manifest s3://SOURCE/manifests/FILE."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:manifest written", "2:usage error"})
public final class ManifestCommand extends AwsCommand {
  @Parameters(
      paramLabel = "DIR|s3://BUCKET/PREFIX/",
      description = "A local folder (keys are the relative paths) or an S3 prefix to list.")
  String source;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      required = true,
      description = "The manifest to write (.json or .csv).")
  Path out;

  @Option(
      names = "--bucket",
      paramLabel = "BUCKET",
      description =
          "For a folder: the bucket the files are uploaded to (default: none, i.e. the stack's "
              + "source bucket).")
  String bucket;

  @Option(
      names = "--key-prefix",
      paramLabel = "PREFIX",
      defaultValue = "",
      description =
          "For a folder: prepended to each relative path, where the files are uploaded "
              + "(e.g. uploads/2026-11-24/).")
  String keyPrefix;

  @Override
  int run() throws Exception {
    Manifest manifest;
    if (source.startsWith("s3://")) {
      S3Uri prefix;
      try {
        prefix = S3Uri.parse(source);
      } catch (IllegalArgumentException e) {
        throw new CloudUsageException(e.getMessage());
      }
      try (CloudClients clients = CloudClients.create(cloud)) {
        manifest = Manifest.fromPrefix(clients.s3(), prefix);
      }
    } else {
      Path dir = Path.of(source);
      if (!Files.isDirectory(dir)) {
        throw new CloudUsageException(source + " is neither a folder nor an s3:// prefix");
      }
      manifest = Manifest.fromDirectory(dir, bucket, keyPrefix);
    }
    Manifest.Format format = Manifest.Format.of(out.getFileName().toString());
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.write(out, manifest.toBytes(format));
    PrintWriter pw = spec.commandLine().getOut();
    pw.printf(
        "wrote %s: %d entries (%s)%n", out, manifest.entries().size(), format.name().toLowerCase());
    pw.flush();
    return 0;
  }
}
