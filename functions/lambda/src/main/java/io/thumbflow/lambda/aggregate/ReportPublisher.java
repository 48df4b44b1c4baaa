package io.thumbflow.lambda.aggregate;

import io.thumbflow.core.ImageResult;
import io.thumbflow.core.report.HtmlReport;
import io.thumbflow.core.report.ReportJson;
import io.thumbflow.core.report.RunReport;
import io.thumbflow.lambda.s3.S3WriteFaultException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Writes {@code report.json} and {@code report.html} for one run to {@code <reportPrefix><runId>/}
 * in the thumbs bucket; the HTML links outputs in the same bucket by relative URL, so the folder
 * can be downloaded and browsed as is. report.json is written to a temporary file first and
 * uploaded from there: it holds every item, and a run may have a hundred thousand.
 */
public final class ReportPublisher {
  private final S3Client s3;
  private final String bucket;
  private int puts;

  public ReportPublisher(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  /**
   * Writes both files under {@code folder} (ending in '/'); returns the key of report.json.
   *
   * @param items every result, for report.json
   * @param sample the results the HTML page draws (see {@link
   *     io.thumbflow.core.report.ReportAccumulator})
   */
  public String publish(
      RunReport summary, Iterable<ImageResult> items, List<ImageResult> sample, String folder)
      throws IOException {
    String jsonKey = folder + "report.json";
    Path json = Files.createTempFile("thumbflow-report", ".json");
    try {
      try (OutputStream out = Files.newOutputStream(json)) {
        ReportJson.write(summary, items, out);
      }
      // No charset parameter: JSON is UTF-8 by definition and the HTML declares <meta
      // charset="utf-8">.
      put(jsonKey, RequestBody.fromFile(json), "application/json");
    } finally {
      Files.deleteIfExists(json);
    }
    String html = HtmlReport.render(summary, sample, output -> link(output, folder));
    put(folder + "report.html", RequestBody.fromString(html, StandardCharsets.UTF_8), "text/html");
    return jsonKey;
  }

  /** PUT requests made so far. */
  public int puts() {
    return puts;
  }

  /** A link from {@code folder} to an output, or null when it is not in this bucket. */
  String link(String output, String folder) {
    String prefix = "s3://" + bucket + "/";
    if (output == null || !output.startsWith(prefix)) {
      return null;
    }
    String key = output.substring(prefix.length());
    long depth = folder.chars().filter(c -> c == '/').count();
    return HtmlReport.href("../".repeat((int) depth) + key);
  }

  private void put(String key, RequestBody body, String contentType) throws S3WriteFaultException {
    puts++;
    try {
      s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), body);
    } catch (SdkException e) {
      throw new S3WriteFaultException(
          "S3 PutObject s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
    }
  }
}
