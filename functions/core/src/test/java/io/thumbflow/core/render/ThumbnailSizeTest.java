package io.thumbflow.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThumbnailSizeTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");

  /**
   * {source w, h, box w, h, Pillow's thumbnail w, h}. Produced once with Debian's Pillow 9.4.0:
   * {@code im = Image.new('RGB', (w, h)); im.thumbnail((bw, bh)); print(im.size)} for each row.
   */
  private static final int[][] PILLOW_GOLDEN = {
    {4000, 3000, 50, 50, 50, 38},
    {3000, 4000, 50, 50, 37, 50},
    {10, 10, 50, 50, 10, 10},
    {50, 50, 50, 50, 50, 50},
    {100, 50, 50, 50, 50, 25},
    {10000, 10, 50, 50, 50, 1},
    {10, 10000, 50, 50, 1, 50},
    {3, 3, 2, 2, 2, 2},
    {1, 1, 50, 50, 1, 1},
    {2560, 1600, 50, 50, 50, 31},
    {2560, 1600, 256, 256, 256, 160},
    {1365, 1074, 50, 50, 50, 39},
    {451, 300, 50, 50, 50, 33},
    {641, 479, 256, 256, 256, 191},
    {333, 777, 100, 60, 26, 60},
    {1001, 999, 1000, 1000, 1000, 998},
    {6028, 3391, 50, 50, 50, 28},
    {513, 100, 256, 256, 256, 50},
    {99, 1, 10, 10, 10, 1},
    {1, 99, 10, 10, 1, 10},
    {7, 5, 3, 3, 3, 2},
    {5, 7, 3, 2, 1, 2},
    {2126, 1463, 50, 50, 50, 34},
    {1306, 1530, 256, 256, 219, 256},
    {300, 200, 150, 100, 150, 100},
    {301, 200, 150, 100, 150, 100},
    {299, 201, 150, 100, 149, 100},
    {640, 427, 50, 50, 50, 33},
  };

  @Test
  void matchesPillowsThumbnailSizesForDrawnShapes() {
    for (int[] row : PILLOW_GOLDEN) {
      ThumbnailSize size = ThumbnailSize.fit(row[0], row[1], row[2], row[3]);
      assertThat(new int[] {size.width(), size.height()})
          .as("%dx%d in %dx%d", row[0], row[1], row[2], row[3])
          .containsExactly(row[4], row[5]);
    }
  }

  @Test
  void keepsImagesThatAlreadyFitTheBoxAtTheirOwnSize() {
    assertThat(ThumbnailSize.fit(40, 20, 50, 50)).isEqualTo(new ThumbnailSize(40, 20));
    assertThat(ThumbnailSize.fit(50, 50, 50, 50)).isEqualTo(new ThumbnailSize(50, 50));
  }

  @Test
  void neverProducesASideBelowOnePixel() {
    ThumbnailSize size = ThumbnailSize.fit(100_000, 1, 50, 50);
    assertThat(size.width()).isEqualTo(50);
    assertThat(size.height()).isEqualTo(1);
  }

  @Test
  void refusesEmptySourcesAndBoxes() {
    assertThatThrownBy(() -> ThumbnailSize.fit(0, 10, 50, 50))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ThumbnailSize.fit(10, 10, 0, 50))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Compares 500 random sizes with Pillow run live; skipped where Debian's python3 has no Pillow.
   */
  @Test
  void matchesPillowLiveOnHundredsOfRandomSizes() throws Exception {
    assumeTrue(Files.isExecutable(PYTHON), "needs /usr/bin/python3 with Pillow");
    Random random = new Random(20261124);
    List<int[]> cases = new ArrayList<>();
    StringBuilder input = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      int w = 1 + random.nextInt(i % 3 == 0 ? 20 : 8000);
      int h = 1 + random.nextInt(i % 5 == 0 ? 20 : 8000);
      int bw = 1 + random.nextInt(i % 2 == 0 ? 60 : 600);
      int bh = 1 + random.nextInt(i % 2 == 0 ? 60 : 600);
      cases.add(new int[] {w, h, bw, bh});
      input
          .append(w)
          .append(' ')
          .append(h)
          .append(' ')
          .append(bw)
          .append(' ')
          .append(bh)
          .append('\n');
    }
    String script =
        "import sys\n"
            + "from PIL import Image\n"
            + "for line in sys.stdin:\n"
            + "    w, h, bw, bh = map(int, line.split())\n"
            + "    im = Image.new('1', (w, h))\n"
            + "    im.thumbnail((bw, bh))\n"
            + "    print(im.width, im.height)\n";
    List<String> lines = runPython(script, input.toString());
    assumeTrue(lines != null, "needs /usr/bin/python3 with Pillow");
    assertThat(lines).hasSize(cases.size());
    for (int i = 0; i < cases.size(); i++) {
      int[] c = cases.get(i);
      ThumbnailSize size = ThumbnailSize.fit(c[0], c[1], c[2], c[3]);
      assertThat(size.width() + " " + size.height())
          .as("%dx%d in %dx%d", c[0], c[1], c[2], c[3])
          .isEqualTo(lines.get(i).trim());
    }
  }

  /** The script's output lines, or null when Pillow cannot be imported. */
  private static List<String> runPython(String script, String input)
      throws IOException, InterruptedException {
    Process check =
        new ProcessBuilder(PYTHON.toString(), "-c", "import PIL").redirectErrorStream(true).start();
    check.getInputStream().readAllBytes();
    if (!check.waitFor(60, TimeUnit.SECONDS) || check.exitValue() != 0) return null;
    Process p =
        new ProcessBuilder(PYTHON.toString(), "-c", script).redirectErrorStream(true).start();
    p.getOutputStream().write(input.getBytes(StandardCharsets.US_ASCII));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.lines().toList();
  }
}
