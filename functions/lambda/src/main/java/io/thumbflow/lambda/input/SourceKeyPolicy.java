package io.thumbflow.lambda.input;

import io.thumbflow.lambda.config.ThumbnailConfig;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Decides whether an {@link ObjectRef} may be processed: an allowed source bucket, a usable key, and an
 * output key that stays under the output prefix. A refusal is a one-line reason; the item then fails.
 */
public final class SourceKeyPolicy {
  /** S3's limit on a key's UTF-8 length (bytes). */
  public static final int MAX_KEY_BYTES = 1024;
  // Room for an extension change by OutputNames (".jpeg" -> ".png" and the like).
  private static final int EXTENSION_SLACK_BYTES = 8;

  private final ThumbnailConfig config;

  public SourceKeyPolicy(ThumbnailConfig config) {
    this.config = config;
  }

  /** Why {@code ref} must not be processed, or empty when it may. */
  public Optional<String> refusal(ObjectRef ref) {
    if (ref.bucket() == null || ref.bucket().isBlank()) {
      return Optional.of("no bucket given (and " + ThumbnailConfig.SOURCE_BUCKETS
          + " lists more than one, so there is no default)");
    }
    if (!config.sourceBuckets().contains(ref.bucket())) {
      return Optional.of("bucket '" + ref.bucket() + "' is not a source bucket (allowed by "
          + ThumbnailConfig.SOURCE_BUCKETS + ": " + String.join(", ", config.sourceBuckets()) + ")");
    }
    String key = ref.key();
    if (key == null || key.isEmpty()) {
      return Optional.of("empty object key");
    }
    int bytes = key.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_KEY_BYTES) {
      return Optional.of("object key is " + bytes + " bytes; S3 keys are at most " + MAX_KEY_BYTES);
    }
    if (config.outputPrefix().getBytes(StandardCharsets.UTF_8).length + bytes + EXTENSION_SLACK_BYTES
        > MAX_KEY_BYTES) {
      return Optional.of("thumbnail key (output prefix + " + bytes + "-byte key) would exceed "
          + MAX_KEY_BYTES + " bytes");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return Optional.of("object key contains control character U+" + String.format("%04X", (int) c));
      }
    }
    if (key.startsWith("/") || key.endsWith("/")) {
      return Optional.of("object key '" + key + "' starts or ends with '/': a folder marker, or a key whose"
          + " thumbnail would escape the output prefix");
    }
    for (String segment : key.split("/", -1)) {
      if (segment.equals("..") || segment.equals(".")) {
        return Optional.of("object key '" + key + "' has a '.' or '..' path segment;"
            + " its thumbnail would escape the output prefix");
      }
    }
    if (config.sharesBucketWithSources() && ref.bucket().equals(config.thumbsBucket())
        && key.startsWith(config.outputPrefix())) {
      return Optional.of("object key '" + key + "' is under the output prefix '" + config.outputPrefix()
          + "' of the thumbs bucket: refusing to thumbnail a thumbnail");
    }
    return Optional.empty();
  }
}
