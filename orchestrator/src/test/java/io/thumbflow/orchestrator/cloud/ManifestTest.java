package io.thumbflow.orchestrator.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {
  @TempDir Path dir;

  @Test
  void folderManifestKeysAreRelativePathsUnderThePrefixWithoutHiddenFiles() throws Exception {
    Files.createDirectories(dir.resolve("a/.cache"));
    Files.write(dir.resolve("a/one.jpg"), new byte[] {1});
    Files.write(dir.resolve("a/.cache/x.jpg"), new byte[] {1});
    Files.write(dir.resolve("two.png"), new byte[] {1});

    Manifest manifest = Manifest.fromDirectory(dir, null, "uploads/day/");

    assertThat(manifest.entries())
        .extracting(Manifest.Entry::key)
        .containsExactly("uploads/day/a/one.jpg", "uploads/day/two.png");
  }

  @Test
  void jsonManifestLeavesOutAnUnknownBucket() throws Exception {
    Manifest manifest =
        new Manifest(
            java.util.List.of(
                new Manifest.Entry(null, "k 1.jpg"), new Manifest.Entry("b", "k2.jpg")));

    JsonNode json = new ObjectMapper().readTree(manifest.toJson());

    assertThat(json.get(0).has("bucket")).isFalse();
    assertThat(json.get(0).path("key").asText()).isEqualTo("k 1.jpg");
    assertThat(json.get(1).path("bucket").asText()).isEqualTo("b");
  }

  @Test
  void csvWithoutBucketsHasOnlyAKeyColumnAndQuotesWhatNeedsIt() {
    Manifest manifest =
        new Manifest(
            java.util.List.of(
                new Manifest.Entry(null, "say \"cheese\".jpg"),
                new Manifest.Entry(null, "plain.jpg")));

    assertThat(manifest.toCsv()).isEqualTo("key\n\"say \"\"cheese\"\".jpg\"\nplain.jpg\n");
  }

  @Test
  void formatFollowsTheFileName() {
    assertThat(Manifest.Format.of("list.CSV")).isEqualTo(Manifest.Format.CSV);
    assertThat(Manifest.Format.of("list.json")).isEqualTo(Manifest.Format.JSON);
  }

  @Test
  void s3UriSplitsBucketAndKey() {
    assertThat(S3Uri.parse("s3://bucket/a/b c.jpg")).isEqualTo(new S3Uri("bucket", "a/b c.jpg"));
    assertThat(S3Uri.parse("s3://bucket")).isEqualTo(new S3Uri("bucket", ""));
  }
}
