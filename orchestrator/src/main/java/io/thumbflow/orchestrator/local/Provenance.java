package io.thumbflow.orchestrator.local;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one source's outputs were made from, as the journal records it after every output is in
 * place: the source file as it was before it was read, and per rendition the recipe hash and the
 * output file as it was written.
 *
 * @param file the source's absolute path as the run named it (the key across runs)
 * @param source the source's stamp before it was read; null when it could not be read
 * @param outputs one per rendition written, in recipe order; empty for a failure
 */
public record Provenance(String file, FileStamp source, List<Output> outputs) {
  public Provenance {
    Objects.requireNonNull(file, "file");
    outputs = outputs == null ? List.of() : List.copyOf(outputs);
  }

  /**
   * One written output.
   *
   * @param rendition the rendition's name
   * @param hash {@link io.thumbflow.core.Rendition#hash()} of the rendition that made it
   * @param path where it is, relative to the output folder, {@code /}-separated
   * @param stamp the output file right after it was renamed into place
   */
  public record Output(String rendition, String hash, String path, FileStamp stamp) {}

  /** The output of rendition {@code name}, if one was recorded. */
  public Optional<Output> output(String name) {
    return outputs.stream().filter(o -> o.rendition().equals(name)).findFirst();
  }
}
