package io.thumbflow.orchestrator.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
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
  void folderInputIsRecursiveSortedAndSkipsHiddenFilesDocumentsAndTheNestedOutputFolder()
      throws Exception {
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
    assertThat(r.items())
        .extracting(WorkItem::relativeName)
        .containsExactly("a.png", "b.jpg", "no-extension", "sub/c.JPG");
    assertThat(r.items().get(3).file()).isEqualTo(in.resolve("sub/c.JPG").toAbsolutePath());
    assertThat(r.ignored())
        .extracting(IgnoredEntry::entry, IgnoredEntry::reason)
        .containsExactly(
            tuple(".git/", "hidden folder: not searched"),
            tuple(".hidden.jpg", "hidden file"),
            tuple("MANIFEST.tsv", "sidecar document (.tsv): not an image"),
            tuple("README.md", "sidecar document (.md): not an image"),
            tuple("out/", "the output folder: not searched"));
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
  void linksToFilesInsideTheFolderAreFollowedAndEveryOtherLinkOrSpecialFileIsListedWithItsReason()
      throws Exception {
    Path in = dir.resolve("in");
    touch("in/a.jpg");
    touch("in/sub/b.jpg");
    touch("outside.jpg");
    Files.createSymbolicLink(in.resolve("inside.jpg"), in.resolve("sub/b.jpg"));
    Files.createSymbolicLink(in.resolve("relative.jpg"), Path.of("a.jpg"));
    Files.createSymbolicLink(in.resolve("escape.jpg"), dir.resolve("outside.jpg"));
    Files.createSymbolicLink(in.resolve("escape-by-dots.jpg"), Path.of("../outside.jpg"));
    Files.createSymbolicLink(in.resolve("folder"), in.resolve("sub"));
    Files.createSymbolicLink(in.resolve("sub/loop"), in);
    Files.createSymbolicLink(in.resolve("broken.jpg"), in.resolve("gone.jpg"));
    Path pipe = in.resolve("pipe.jpg");
    assumeTrue(
        new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor() == 0, "needs mkfifo");
    Files.createSymbolicLink(in.resolve("to-pipe.jpg"), pipe);
    try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      socket.bind(UnixDomainSocketAddress.of(in.resolve("socket.jpg")));

      InputResolver.Resolved r = InputResolver.resolve(in, null, null);

      assertThat(sources(r)).containsExactly("a.jpg", "inside.jpg", "relative.jpg", "sub/b.jpg");
      assertThat(r.items().get(1).file()).isEqualTo(in.resolve("inside.jpg").toAbsolutePath());
      assertThat(r.ignored())
          .extracting(IgnoredEntry::entry, IgnoredEntry::reason)
          .containsExactly(
              tuple("broken.jpg", "broken symbolic link"),
              tuple(
                  "escape-by-dots.jpg",
                  "symbolic link leading outside the input folder: not followed"),
              tuple("escape.jpg", "symbolic link leading outside the input folder: not followed"),
              tuple("folder", "symbolic link to a folder: not followed"),
              tuple("pipe.jpg", "named pipe (FIFO)"),
              tuple("socket.jpg", "socket"),
              tuple("sub/loop", "symbolic link to a folder: not followed"),
              tuple("to-pipe.jpg", "symbolic link to a named pipe (FIFO): not followed"));
      assertThat(r.ignored().get(0).file()).isEqualTo(in.resolve("broken.jpg").toAbsolutePath());
    }
  }

  @Test
  void jsonManifestTakesStringsAndKeyOrPathObjectsRelativeToItsFolder() throws Exception {
    touch("photos/a.jpg");
    touch("photos/b c.png");
    Path manifest = dir.resolve("m.json");
    Files.writeString(
        manifest,
        "[\"photos/a.jpg\", {\"key\": \"photos/b c.png\"}, {\"bucket\": \"x\", \"path\": \"photos/a.jpg\"}]");

    InputResolver.Resolved r = InputResolver.resolve(manifest, null, null);

    assertThat(r.kind()).isEqualTo("json-manifest");
    assertThat(sources(r)).containsExactly("photos/a.jpg", "photos/b c.png", "photos/a.jpg");
    assertThat(r.items()).allSatisfy(i -> assertThat(i.isRefused()).isFalse());
    assertThat(r.items().get(1).file()).isEqualTo(dir.resolve("photos/b c.png").toAbsolutePath());
  }

  @Test
  void csvManifestAcceptsAHeaderQuotedFieldsAndCrlf() throws Exception {
    Path manifest = dir.resolve("m.csv");
    Files.writeString(
        manifest,
        "bucket,key\r\nsrc,a.jpg\r\nsrc,\"with, comma.jpg\"\r\nsrc,\"say \"\"hi\"\".png\"\r\n\r\n");

    InputResolver.Resolved r = InputResolver.resolve(manifest, null, null);

    assertThat(r.kind()).isEqualTo("csv-manifest");
    assertThat(sources(r)).containsExactly("a.jpg", "with, comma.jpg", "say \"hi\".png");
  }

  @Test
  void csvManifestWithoutHeaderIsOnePathPerLine() throws Exception {
    Path manifest = dir.resolve("list.csv");
    Files.writeString(manifest, "a.jpg\nsub/b.png\n");
    assertThat(sources(InputResolver.resolve(manifest, null, null)))
        .containsExactly("a.jpg", "sub/b.png");
  }

  @Test
  void s3NotificationKeysAreUrlDecodedAndReadBelowTheBucketDir() throws Exception {
    Path bucket = Files.createDirectories(dir.resolve("bucket"));
    Path event = dir.resolve("event.json");
    Files.writeString(
        event,
        """
        {"Records":[
          {"eventSource":"aws:s3","s3":{"bucket":{"name":"src"},"object":{"key":"uploads/my+photo%2B1.jpg","size":3}}},
          {"eventSource":"aws:s3","s3":{"bucket":{"name":"src"},"object":{"key":"uploads/caf%C3%A9.png"}}}
        ]}""");

    InputResolver.Resolved r = InputResolver.resolve(event, bucket, null);

    assertThat(r.kind()).isEqualTo("s3-event");
    assertThat(sources(r)).containsExactly("uploads/my photo+1.jpg", "uploads/café.png");
    assertThat(r.items().get(0).file())
        .isEqualTo(bucket.resolve("uploads/my photo+1.jpg").toAbsolutePath());
  }

  @Test
  void eventBridgeKeysAreTakenLiterallyBecauseTheyAreNotEncoded() throws Exception {
    Path event = dir.resolve("eb.json");
    Files.writeString(
        event,
        """
        {"version":"0","detail-type":"Object Created","source":"aws.s3",
         "detail":{"bucket":{"name":"src"},"object":{"key":"a+b%20c.jpg","size":10}}}""");

    assertThat(sources(InputResolver.resolve(event, dir, null))).containsExactly("a+b%20c.jpg");
  }

  @Test
  void anS3EventNeedsABucketDir() throws IOException {
    Path event = dir.resolve("eb.json");
    Files.writeString(event, "{\"detail\":{\"object\":{\"key\":\"a.jpg\"}}}");
    assertThatThrownBy(() -> InputResolver.resolve(event, null, null))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("--bucket-dir");
  }

  @Test
  void manifestEntriesThatLeaveTheFolderAreRefusedWithoutBeingRead() throws Exception {
    Path base = Files.createDirectories(dir.resolve("base"));
    Path secret = touch("secret.jpg");
    touch("base/ok.jpg");
    Files.createSymbolicLink(base.resolve("link.jpg"), secret);
    Path manifest = base.resolve("m.json");
    Files.writeString(
        manifest,
        "[\"../secret.jpg\", \"sub/../../secret.jpg\", \""
            + secret.toAbsolutePath()
            + "\", \"\", \"link.jpg\", \""
            + base.resolve("ok.jpg").toAbsolutePath()
            + "\", \"./ok.jpg\"]");

    List<WorkItem> items = InputResolver.resolve(manifest, null, null).items();

    assertThat(items.subList(0, 5))
        .allSatisfy(
            i -> {
              assertThat(i.isRefused()).as(i.source()).isTrue();
              assertThat(i.file()).isNull();
              assertThat(i.refusal().type()).isEqualTo("ReadFailed");
            });
    assertThat(items.get(0).refusal().message()).isEqualTo("../secret.jpg: " + InputFolder.ESCAPES);
    assertThat(items.get(3).refusal().message()).contains("empty");
    assertThat(items.subList(5, 7))
        .allSatisfy(i -> assertThat(i.relativeName()).isEqualTo("ok.jpg"));
  }

  @Test
  void aMissingInputIsAUsageError() {
    assertThatThrownBy(() -> InputResolver.resolve(dir.resolve("nope"), null, null))
        .isInstanceOf(InputException.class)
        .hasMessage("INPUT not found: " + dir.resolve("nope"));
  }

  @Test
  void malformedJsonIsAUsageErrorNamingTheProblem() throws IOException {
    Path manifest = dir.resolve("m.json");
    Files.writeString(manifest, "[\"a.jpg\", ");
    assertThatThrownBy(() -> InputResolver.resolve(manifest, null, null))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void aSingleImageFileIsItsOwnInput() throws Exception {
    Path photo = touch("one.jpg");
    InputResolver.Resolved r = InputResolver.resolve(photo, null, null);
    assertThat(r.kind()).isEqualTo("file");
    assertThat(sources(r)).containsExactly("one.jpg");
  }
}
