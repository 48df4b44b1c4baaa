package io.thumbflow.orchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCorpusTest {
  static final byte[] PNG_HEAD = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13};

  /** SOI, an APP0 segment, then SOF0 (baseline). */
  static final byte[] BASELINE_HEAD = {
    (byte) 0xFF,
    (byte) 0xD8,
    (byte) 0xFF,
    (byte) 0xE0,
    0,
    4,
    'J',
    'F',
    (byte) 0xFF,
    (byte) 0xC0,
    0,
    11,
    8,
    0,
    16,
    0,
    16,
    1,
    1,
    0x11,
    0
  };

  /** SOI, DQT-like segment, then SOF2 (progressive). */
  static final byte[] PROGRESSIVE_HEAD = {
    (byte) 0xFF,
    (byte) 0xD8,
    (byte) 0xFF,
    (byte) 0xDB,
    0,
    3,
    0,
    (byte) 0xFF,
    (byte) 0xC2,
    0,
    11,
    8,
    0,
    16,
    0,
    16,
    1,
    1,
    0x11,
    0
  };

  @TempDir Path dir;

  private Path photos() throws IOException {
    Path photos = Files.createDirectory(dir.resolve("photos"));
    Files.write(photos.resolve("a.jpg"), BASELINE_HEAD);
    Files.write(photos.resolve("b.JPEG"), PROGRESSIVE_HEAD);
    Files.write(photos.resolve("c.png"), PNG_HEAD);
    Files.write(photos.resolve("d.jpg"), BASELINE_HEAD);
    Files.writeString(photos.resolve("README.md"), "not an image");
    return photos;
  }

  @Test
  void theShortBatchIsThePhotosFolderItself() throws IOException {
    Path photos = photos();

    BenchCorpus corpus = BenchCorpus.prepare(photos, dir.resolve("scratch"), 1, false);

    assertThat(corpus.shortBatch().dir()).isEqualTo(photos);
    assertThat(corpus.shortBatch().images()).isEqualTo(4);
    assertThat(corpus.shortBatch().name()).isEqualTo("4 photos");
    assertThat(corpus.longBatch()).isNull();
    assertThat(corpus.all()).containsExactly(corpus.shortBatch());
  }

  @Test
  void theLongBatchHoldsEveryPhotoRepeatTimesUnderDistinctNames() throws IOException {
    BenchCorpus corpus = BenchCorpus.prepare(photos(), dir.resolve("scratch"), 3, false);

    BenchCorpus.Batch batch = corpus.longBatch();
    assertThat(batch.images()).isEqualTo(12);
    assertThat(batch.name()).isEqualTo("12 photos (corpus x3)");
    List<String> names =
        BenchCorpus.images(batch.dir()).stream().map(p -> p.getFileName().toString()).toList();
    assertThat(names)
        .hasSize(12)
        .doesNotHaveDuplicates()
        .contains("r1-a.jpg", "r2-a.jpg", "r3-a.jpg", "r3-c.png");
    assertThat(Files.readAllBytes(batch.dir().resolve("r2-b.JPEG"))).isEqualTo(PROGRESSIVE_HEAD);
  }

  @Test
  void splitsTheRepeatedCorpusByKindOfPhoto() throws IOException {
    BenchCorpus corpus = BenchCorpus.prepare(photos(), dir.resolve("scratch"), 2, true);

    assertThat(corpus.byKind())
        .containsOnlyKeys(PhotoKind.BASELINE_JPEG, PhotoKind.PROGRESSIVE_JPEG, PhotoKind.PNG);
    BenchCorpus.Batch baseline = corpus.byKind().get(PhotoKind.BASELINE_JPEG);
    assertThat(baseline.images()).isEqualTo(4);
    assertThat(baseline.name()).isEqualTo("baseline JPEG x2");
    assertThat(BenchCorpus.images(baseline.dir()).stream().map(p -> p.getFileName().toString()))
        .containsExactly("r1-a.jpg", "r1-d.jpg", "r2-a.jpg", "r2-d.jpg");
    assertThat(corpus.byKind().get(PhotoKind.PNG).images()).isEqualTo(2);
    assertThat(corpus.all()).hasSize(5).startsWith(corpus.shortBatch(), corpus.longBatch());
  }

  @Test
  void preparingTwiceInTheSameScratchFolderIsHarmless() throws IOException {
    Path photos = photos();
    BenchCorpus.prepare(photos, dir.resolve("scratch"), 2, true);

    BenchCorpus again = BenchCorpus.prepare(photos, dir.resolve("scratch"), 2, true);

    assertThat(again.longBatch().images()).isEqualTo(8);
    assertThat(BenchCorpus.images(again.longBatch().dir())).hasSize(8);
  }

  @Test
  void refusesARepeatBelowOne() {
    assertThatThrownBy(() -> BenchCorpus.prepare(dir, dir, 0, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tellsBaselineFromProgressiveJpegAndPng() {
    assertThat(PhotoKind.of(BASELINE_HEAD)).isEqualTo(PhotoKind.BASELINE_JPEG);
    assertThat(PhotoKind.of(PROGRESSIVE_HEAD)).isEqualTo(PhotoKind.PROGRESSIVE_JPEG);
    assertThat(PhotoKind.of(PNG_HEAD)).isEqualTo(PhotoKind.PNG);
    assertThat(PhotoKind.of("GIF89a".getBytes())).isEqualTo(PhotoKind.OTHER);
    // A JPEG cut off before its frame header.
    assertThat(
            PhotoKind.of(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, 0x10, 0}))
        .isEqualTo(PhotoKind.OTHER);
  }
}
