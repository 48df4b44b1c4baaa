package io.thumbflow.lambda.input;

import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageError;
import io.thumbflow.lambda.config.ThumbnailConfig;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Decides whether an {@link ObjectRef} may be processed: an allowed source bucket, a usable key,
 * and an output key that stays under the output prefix. A refusal is a one-line reason; the item
 * then fails.
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

  /**
   * Why an object is not processed: the error type its failed result gets and a one-line reason.
   *
   * @param type {@link ErrorType#ReadFailed} for a source that must not be read, {@link
   *     ErrorType#WriteFailed} for one whose outputs could not be written
   * @param reason without the key (the result names it)
   */
  public record Refusal(ErrorType type, String reason) {
    static Refusal read(String reason) {
      return new Refusal(ErrorType.ReadFailed, reason);
    }
  }

  /** The longest output key a source key of {@code keyBytes} bytes can get (bytes). */
  private int outputKeyBytes(int keyBytes) {
    int folder = 0;
    if (config.recipe().layout() == io.thumbflow.core.Recipe.Layout.BY_NAME) {
      for (io.thumbflow.core.Rendition r : config.recipe().renditions())
        folder = Math.max(folder, r.name().length() + 1);
    }
    return config.outputPrefix().getBytes(StandardCharsets.UTF_8).length
        + folder
        + keyBytes
        + EXTENSION_SLACK_BYTES;
  }

  /** Why {@code ref} must not be processed, or empty when it may. */
  public Optional<Refusal> refusal(ObjectRef ref) {
    if (ref.bucket() == null || ref.bucket().isBlank()) {
      return Optional.of(
          Refusal.read(
              "no bucket given (and "
                  + ThumbnailConfig.SOURCE_BUCKETS
                  + " lists more than one, so there is no default)"));
    }
    if (!config.sourceBuckets().contains(ref.bucket())) {
      return Optional.of(
          Refusal.read(
              "bucket '"
                  + ref.bucket()
                  + "' is not a source bucket (allowed by "
                  + ThumbnailConfig.SOURCE_BUCKETS
                  + ": "
                  + String.join(", ", config.sourceBuckets())
                  + ")"));
    }
    String key = ref.key();
    if (key == null || key.isEmpty()) {
      return Optional.of(Refusal.read("empty object key"));
    }
    int bytes = key.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_KEY_BYTES) {
      return Optional.of(
          Refusal.read("object key is " + bytes + " bytes; S3 keys are at most " + MAX_KEY_BYTES));
    }
    if (outputKeyBytes(bytes) > MAX_KEY_BYTES) {
      return Optional.of(
          new Refusal(
              ErrorType.WriteFailed,
              "output keys (output prefix, rendition folder and the "
                  + bytes
                  + "-byte key) would exceed S3's "
                  + MAX_KEY_BYTES
                  + " bytes"));
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return Optional.of(
            Refusal.read(
                "object key contains control character U+" + String.format("%04X", (int) c)));
      }
    }
    if (key.startsWith("/")) {
      return Optional.of(
          Refusal.read(
              "object key '"
                  + ImageError.shortName(key)
                  + "' starts with '/': its thumbnail key would"
                  + " escape the output prefix"));
    }
    for (String segment : key.split("/", -1)) {
      if (segment.equals("..") || segment.equals(".")) {
        return Optional.of(
            Refusal.read(
                "object key '"
                    + ImageError.shortName(key)
                    + "' has a '.' or '..' path segment;"
                    + " its thumbnail would escape the output prefix"));
      }
    }
    if (config.sharesBucketWithSources()
        && ref.bucket().equals(config.thumbsBucket())
        && key.startsWith(config.outputPrefix())) {
      return Optional.of(
          Refusal.read(
              "object key '"
                  + ImageError.shortName(key)
                  + "' is under the output prefix '"
                  + config.outputPrefix()
                  + "' of the thumbs bucket: refusing to thumbnail a thumbnail"));
    }
    return Optional.empty();
  }
}
