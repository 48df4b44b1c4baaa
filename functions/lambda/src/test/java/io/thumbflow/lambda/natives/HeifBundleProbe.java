package io.thumbflow.lambda.natives;

import io.thumbflow.core.Limits;
import io.thumbflow.core.decode.DecodedImage;
import io.thumbflow.core.decode.ImageDecoder;
import io.thumbflow.core.decode.heif.HeifDecoder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link HeifNativesBundleTest}: decodes one HEIC/AVIF the way the Lambda
 * handler does (no explicit libheif setting, so $LAMBDA_TASK_ROOT/native/linux-ARCH/ is looked at
 * first), then prints where libheif came from, the decoded size, and the mapped libraries from
 * /proc/self/maps.
 */
public final class HeifBundleProbe {
  private HeifBundleProbe() {}

  public static void main(String[] args) throws Exception {
    HeifDecoder heif = HeifDecoder.load();
    System.out.println(
        "origin "
            + heif.origin()
            + " version "
            + heif.version()
            + " problem "
            + heif.unavailableReason());
    DecodedImage d =
        new ImageDecoder(Limits.DEFAULT, heif)
            .decode(Files.readAllBytes(Path.of(args[0])), args[0], 64, 64);
    System.out.println(
        "decoded "
            + d.header().uprightWidth()
            + "x"
            + d.header().uprightHeight()
            + " -> "
            + d.image().getWidth()
            + "x"
            + d.image().getHeight());
    for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
      int slash = line.indexOf('/');
      if (slash >= 0 && line.contains(".so")) {
        System.out.println("mapped " + line.substring(slash));
      }
    }
  }
}
