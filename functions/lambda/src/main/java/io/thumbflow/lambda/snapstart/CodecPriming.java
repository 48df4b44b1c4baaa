package io.thumbflow.lambda.snapstart;

import io.thumbflow.core.ImageRejectedException;
import io.thumbflow.core.Rendered;
import io.thumbflow.core.ThumbnailPipeline;
import io.thumbflow.core.decode.heif.HeifDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * SnapStart priming of the imaging code: renders small embedded JPEGs (baseline, progressive) and a
 * PNG through the real pipeline so decoder, blur, resize and encoder classes are loaded and partly
 * compiled in the snapshot
 * (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-best-practices.html).
 */
public final class CodecPriming {
  // The progressive JPEG is large enough (1024x768) for the DC-only 1/8 decode at the default
  // 50x50.
  private static final List<String> SAMPLES =
      List.of("/priming/tiny.jpg", "/priming/progressive.jpg", "/priming/tiny.png");
  // Enough passes for the JIT's first tier on the hot loops; each pass takes well under a
  // millisecond.
  public static final int CHECKPOINT_PASSES = 20;

  private final ThumbnailPipeline pipeline;

  public CodecPriming(ThumbnailPipeline pipeline) {
    this.pipeline = pipeline;
  }

  /** Renders every sample {@code passes} times; returns the last renders (one per sample). */
  public List<Rendered> prime(int passes) {
    // The pipeline links libheif at the first HEIC/AVIF; link it now so that it is in the snapshot.
    HeifDecoder.load();
    List<Rendered> last = new ArrayList<>();
    for (int i = 0; i < passes; i++) {
      last.clear();
      for (String sample : SAMPLES) {
        try {
          last.add(pipeline.render(sample(sample), sample));
        } catch (ImageRejectedException e) {
          throw new IllegalStateException(
              "priming sample " + sample + " was refused: " + e.getMessage(), e);
        }
      }
    }
    return last;
  }

  private static byte[] sample(String resource) {
    try (InputStream in = CodecPriming.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("priming sample missing from the package: " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
