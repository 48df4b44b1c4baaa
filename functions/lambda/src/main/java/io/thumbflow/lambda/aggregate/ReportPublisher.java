package io.thumbflow.lambda.aggregate;

import io.thumbflow.core.ImageResult;
import io.thumbflow.core.report.HtmlReport;
import io.thumbflow.core.report.ReportJson;
import io.thumbflow.core.report.RunReport;
import io.thumbflow.lambda.s3.S3FaultException;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Writes {@code report.json} and {@code report.html} for one run to {@code <reportPrefix><runId>/} in the
 * thumbs bucket; the HTML links thumbnails in the same bucket by relative URL, so the folder can be
 * downloaded and browsed as is.
 */
public final class ReportPublisher {
  private final S3Client s3;
  private final String bucket;

  public ReportPublisher(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  /** Writes both files under {@code folder} (ending in '/'); returns the key of report.json. */
  public String publish(RunReport report, String folder) throws S3FaultException {
    String jsonKey = folder + "report.json";
    String html = HtmlReport.render(report, r -> thumbLink(r, folder));
    // No charset parameter: JSON is UTF-8 by definition and the HTML declares <meta charset="utf-8">.
    put(jsonKey, ReportJson.toJson(report), "application/json");
    put(folder + "report.html", html, "text/html");
    return jsonKey;
  }

  /** A link from {@code folder} to the result's thumbnail, or null when it is not in this bucket. */
  String thumbLink(ImageResult r, String folder) {
    String prefix = "s3://" + bucket + "/";
    if (r.output() == null || !r.output().startsWith(prefix)) {
      return null;
    }
    String key = r.output().substring(prefix.length());
    long depth = folder.chars().filter(c -> c == '/').count();
    return HtmlReport.href("../".repeat((int) depth) + key);
  }

  private void put(String key, String body, String contentType) throws S3FaultException {
    try {
      s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType),
          RequestBody.fromString(body, StandardCharsets.UTF_8));
    } catch (SdkException e) {
      throw new S3FaultException("S3 PutObject s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
    }
  }
}
