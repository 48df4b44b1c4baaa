package io.thumbflow.orchestrator.cloud;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The list of images one run processes, in the formats the state machine's Distributed Map reads
 * with ItemReader: a JSON array of {@code {"bucket","key"}} objects, or a CSV file whose first row
 * is the header ({@code bucket,key}, or {@code key} alone when no entry names a bucket: the state
 * machine then reads from the stack's source bucket).
 *
 * @param entries the images, in a stable order (sorted by key for folders and listings)
 */
public record Manifest(List<Entry> entries) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One image.
   *
   * @param bucket the bucket, or null for the stack's source bucket
   * @param key the object key
   */
  public record Entry(String bucket, String key) {
    public Entry {
      if (key == null || key.isEmpty()) {
        throw new IllegalArgumentException("a manifest entry needs a key");
      }
    }
  }

  public Manifest {
    entries = List.copyOf(entries);
  }

  /** The file format, chosen by the file name: {@code .csv} is CSV, anything else JSON. */
  public enum Format {
    JSON,
    CSV;

    public static Format of(String fileName) {
      return fileName.toLowerCase(Locale.ROOT).endsWith(".csv") ? CSV : JSON;
    }

    /** The file name suffix the state machine's Choice recognises. */
    public String suffix() {
      return this == CSV ? ".csv" : ".json";
    }
  }

  /**
   * Every regular, non-hidden file below {@code dir}, keyed {@code keyPrefix + relative/path}.
   *
   * @param bucket the bucket the files are (or will be) in, or null for the stack's source bucket
   * @param keyPrefix prepended to each relative path; empty for none
   */
  public static Manifest fromDirectory(Path dir, String bucket, String keyPrefix)
      throws IOException {
    List<Entry> entries = new ArrayList<>();
    for (Path file : imageFiles(dir)) {
      entries.add(new Entry(bucket, keyPrefix + relativeName(dir, file)));
    }
    return new Manifest(entries);
  }

  /** Every object under {@code prefix} (folder markers ending in {@code /} left out). */
  public static Manifest fromPrefix(S3Client s3, S3Uri prefix) {
    List<Entry> entries = new ArrayList<>();
    for (S3Object o :
        s3.listObjectsV2Paginator(r -> r.bucket(prefix.bucket()).prefix(prefix.key())).contents()) {
      if (!o.key().endsWith("/")) {
        entries.add(new Entry(prefix.bucket(), o.key()));
      }
    }
    return new Manifest(entries);
  }

  /** The regular, non-hidden files below {@code dir}, sorted by relative name. */
  public static List<Path> imageFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new CloudCommandException(dir + " is not a folder");
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> !isHidden(dir.relativize(f)))
          .sorted((a, b) -> relativeName(dir, a).compareTo(relativeName(dir, b)))
          .toList();
    }
  }

  /** The {@code /}-separated path of {@code file} below {@code dir}. */
  public static String relativeName(Path dir, Path file) {
    return dir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
  }

  private static boolean isHidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  public byte[] toBytes(Format format) {
    return format == Format.CSV
        ? toCsv().getBytes(StandardCharsets.UTF_8)
        : toJson().getBytes(StandardCharsets.UTF_8);
  }

  /** A JSON array of {@code {"bucket","key"}} objects ({@code bucket} left out when null). */
  public String toJson() {
    ArrayNode array = JSON.createArrayNode();
    for (Entry e : entries) {
      ObjectNode o = array.addObject();
      if (e.bucket() != null) {
        o.put("bucket", e.bucket());
      }
      o.put("key", e.key());
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * CSV (RFC 4180 quoting, LF line ends) with a header row; a {@code bucket} column only when some
   * entry names one.
   */
  public String toCsv() {
    boolean buckets = entries.stream().anyMatch(e -> e.bucket() != null);
    // LF line ends: AWS does not document whether the CSV ItemReader strips a CR, which would end
    // up in the header ("key\r") and every last value (the thumbnail function tolerates one
    // anyway).
    StringBuilder csv = new StringBuilder(buckets ? "bucket,key\n" : "key\n");
    for (Entry e : entries) {
      if (buckets) {
        csv.append(csvField(e.bucket() == null ? "" : e.bucket())).append(',');
      }
      csv.append(csvField(e.key())).append("\n");
    }
    return csv.toString();
  }

  private static String csvField(String value) {
    if (value.indexOf(',') < 0
        && value.indexOf('"') < 0
        && value.indexOf('\n') < 0
        && value.indexOf('\r') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
