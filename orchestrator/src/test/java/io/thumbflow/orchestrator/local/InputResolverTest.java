package io.thumbflow.orchestrator.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputResolverTest {
  @TempDir Path dir;

  private Path touch(String relative) throws IOException {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.write(p, new byte[] {1, 2, 3});
    return p;
  }

  private static List<String> sources(InputResolver.Resolved r) {
    return r.items().stream().map(WorkItem::source).toList();
  }

  @Test
  void folderInputIsRecursiveSortedAndSkipsHiddenFilesDocumentsAndTheNestedOutputFolder() throws Exception {
    Path in = dir.resolve("in");
    touch("in/b.jpg");
    touch("in/a.png");
    touch("in/sub/c.JPG");
    touch("in/no-extension");
    touch("in/.hidden.jpg");
    touch("in/.git/x.jpg");
    touch("in/README.md");
    touch("in/MANIFEST.tsv");
    touch("in/out/old-thumb.jpg");

    InputResolver.Resolved r = InputResolver.resolve(in, null, in.resolve("out"));

    assertThat(r.kind()).isEqualTo("folder");
    assertThat(sources(r)).containsExactly("a.png", "b.jpg", "no-extension", "sub/c.JPG");
    assertThat(r.items()).extracting(WorkItem::relativeName).containsExactly("a.png", "b.jpg", "no-extension", "sub/c.JPG");
    assertThat(r.items().get(3).file()).isEqualTo(in.resolve("sub/c.JPG").toAbsolutePath());
    assertThat(r.ignored()).containsExactly("MANIFEST.tsv", "README.md");
  }

  @Test
  void theNestedOutputFolderIsSkippedWhenSpelledThroughALink() throws Exception {
    touch("real/a.jpg");
    touch("real/out/a.jpg");
    Path link = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("real"));

    InputResolver.Resolved r = InputResolver.resolve(link, null, dir.resolve("real/out"));

    assertThat(sources(r)).containsExactly("a.jpg");
  }

  @Test
  void jsonManifestTakesStringsAndKeyOrPathObjectsRelativeToItsFolder() throws Exception {
    touch("photos/a.jpg");
    touch("photos/b c.png");
    Path manifest = dir.resolve("m.json");
    Files.writeString(manifest, "[\"photos/a.jpg\", {\"key\": \"photos/b c.png\"}, {\"bucket\": \"x\", \"path\": \"photos/a.jpg\"}]");

    InputResolver.Resolved r = InputResolver.resolve(manifest, null, null);

    assertThat(r.kind()).isEqualTo("json-manifest");
    assertThat(sources(r)).containsExactly("photos/a.jpg", "photos/b c.png", "photos/a.jpg");
    assertThat(r.items()).allSatisfy(i -> assertThat(i.isRefused()).isFalse());
    assertThat(r.items().get(1).file()).isEqualTo(dir.resolve("photos/b c.png").toAbsolutePath());
  }

  @Test
  void csvManifestAcceptsAHeaderQuotedFieldsAndCrlf() throws Exception {
    Path manifest = dir.resolve("m.csv");
    Files.writeString(manifest, "bucket,key\r\nsrc,a.jpg\r\nsrc,\"with, comma.jpg\"\r\nsrc,\"say \"\"hi\"\".png\"\r\n\r\n");

    InputResolver.Resolved r = InputResolver.resolve(manifest, null, null);

    assertThat(r.kind()).isEqualTo("csv-manifest");
    assertThat(sources(r)).containsExactly("a.jpg", "with, comma.jpg", "say \"hi\".png");
  }

  @Test
  void csvManifestWithoutHeaderIsOnePathPerLine() throws Exception {
    Path manifest = dir.resolve("list.csv");
    Files.writeString(manifest, "a.jpg\nsub/b.png\n");
    assertThat(sources(InputResolver.resolve(manifest, null, null))).containsExactly("a.jpg", "sub/b.png");
  }

  @Test
  void s3NotificationKeysAreUrlDecodedAndReadBelowTheBucketDir() throws Exception {
    Path bucket = Files.createDirectories(dir.resolve("bucket"));
    Path event = dir.resolve("event.json");
    Files.writeString(event, """
        {"Records":[
          {"eventSource":"aws:s3","s3":{"bucket":{"name":"src"},"object":{"key":"uploads/my+photo%2B1.jpg","size":3}}},
          {"eventSource":"aws:s3","s3":{"bucket":{"name":"src"},"object":{"key":"uploads/caf%C3%A9.png"}}}
        ]}""");

    InputResolver.Resolved r = InputResolver.resolve(event, bucket, null);

    assertThat(r.kind()).isEqualTo("s3-event");
    assertThat(sources(r)).containsExactly("uploads/my photo+1.jpg", "uploads/café.png");
    assertThat(r.items().get(0).file()).isEqualTo(bucket.resolve("uploads/my photo+1.jpg").toAbsolutePath());
  }

  @Test
  void eventBridgeKeysAreTakenLiterallyBecauseTheyAreNotEncoded() throws Exception {
    Path event = dir.resolve("eb.json");
    Files.writeString(event, """
        {"version":"0","detail-type":"Object Created","source":"aws.s3",
         "detail":{"bucket":{"name":"src"},"object":{"key":"a+b%20c.jpg","size":10}}}""");

    assertThat(sources(InputResolver.resolve(event, dir, null))).containsExactly("a+b%20c.jpg");
  }

  @Test
  void anS3EventNeedsABucketDir() throws IOException {
    Path event = dir.resolve("eb.json");
    Files.writeString(event, "{\"detail\":{\"object\":{\"key\":\"a.jpg\"}}}");
    assertThatThrownBy(() -> InputResolver.resolve(event, null, null))
        .isInstanceOf(InputException.class).hasMessageContaining("--bucket-dir");
  }

  @Test
  void manifestEntriesThatLeaveTheFolderAreRefusedWithoutBeingRead() throws Exception {
    Path base = Files.createDirectories(dir.resolve("base"));
    Path secret = touch("secret.jpg");
    touch("base/ok.jpg");
    Files.createSymbolicLink(base.resolve("link.jpg"), secret);
    Path manifest = base.resolve("m.json");
    Files.writeString(manifest, "[\"../secret.jpg\", \"sub/../../secret.jpg\", \"" + secret.toAbsolutePath()
        + "\", \"\", \"link.jpg\", \"" + base.resolve("ok.jpg").toAbsolutePath() + "\", \"./ok.jpg\"]");

    List<WorkItem> items = InputResolver.resolve(manifest, null, null).items();

    assertThat(items.subList(0, 5)).allSatisfy(i -> {
      assertThat(i.isRefused()).as(i.source()).isTrue();
      assertThat(i.file()).isNull();
      assertThat(i.refusal().type()).isEqualTo("ReadFailed");
    });
    assertThat(items.get(0).refusal().message()).isEqualTo("../secret.jpg: " + InputFolder.ESCAPES);
    assertThat(items.get(3).refusal().message()).contains("empty");
    assertThat(items.subList(5, 7)).allSatisfy(i -> assertThat(i.relativeName()).isEqualTo("ok.jpg"));
  }

  @Test
  void aMissingInputIsAUsageError() {
    assertThatThrownBy(() -> InputResolver.resolve(dir.resolve("nope"), null, null))
        .isInstanceOf(InputException.class).hasMessage("INPUT not found: " + dir.resolve("nope"));
  }

  @Test
  void malformedJsonIsAUsageErrorNamingTheProblem() throws IOException {
    Path manifest = dir.resolve("m.json");
    Files.writeString(manifest, "[\"a.jpg\", ");
    assertThatThrownBy(() -> InputResolver.resolve(manifest, null, null))
        .isInstanceOf(InputException.class).hasMessageContaining("not valid JSON");
  }

  @Test
  void aSingleImageFileIsItsOwnInput() throws Exception {
    Path photo = touch("one.jpg");
    InputResolver.Resolved r = InputResolver.resolve(photo, null, null);
    assertThat(r.kind()).isEqualTo("file");
    assertThat(sources(r)).containsExactly("one.jpg");
  }
}
