package io.thumbflow.orchestrator.local;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes {@link Manifest#parse} on what local mode hands it: a UTF-8 document (InputResolver
 * refuses others first) that is a JSON manifest, an S3 or EventBridge event, or CSV. It ends in
 * entries (none null) or an {@link InputException} with a message; never another exception. Seeded
 * with {@code events/*.json} and small manifests of each kind.
 */
class ManifestFuzzTest {
  static Stream<Arguments> seeds() throws IOException {
    Path events = Path.of(System.getProperty("thumbflow.repo", "..")).resolve("events");
    Stream<Arguments> eventSeeds = Stream.empty();
    if (Files.isDirectory(events)) {
      try (Stream<Path> files = Files.list(events)) {
        eventSeeds =
            files
                .filter(f -> f.toString().endsWith(".json"))
                .sorted()
                .map(f -> seed("events/" + f.getFileName(), read(f)))
                .toList()
                .stream();
      }
    }
    return Stream.concat(
        eventSeeds,
        Stream.of(
            seed("paths.json", "[\"a.jpg\", \"dir/b.png\"]"),
            seed(
                "objects.json",
                "[{\"key\": \"a.jpg\"}, {\"path\": \"b.png\"}, {\"Key\": \"c.gif\"}]"),
            seed("plain.csv", "a.jpg\ndir/b.png\r\n\n\"c, d.jpg\"\n"),
            seed("header.csv", "\uFEFFbucket,key\nb,\"x \"\"y\"\".jpg\"\nb,z.png\n")));
  }

  @MethodSource("seeds")
  @DictionaryEntries({
    "\"Records\"",
    "\"s3\"",
    "\"object\"",
    "\"key\"",
    "\"Key\"",
    "\"path\"",
    "\"detail\"",
    "key,",
    "path,",
    "file",
    "source",
    "%",
    "+",
    "\"\""
  })
  @FuzzTest
  void parse(byte[] data) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(data)).toString();
    } catch (CharacterCodingException e) {
      return; // InputResolver refuses a document that is not UTF-8 before parsing it
    }
    Manifest.Entries entries;
    try {
      entries = Manifest.parse(text);
    } catch (InputException e) {
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        throw new AssertionError("InputException without a message", e);
      }
      return;
    }
    if (entries.kind() == null || entries.entries().stream().anyMatch(e -> e == null)) {
      throw new AssertionError("incomplete entries " + entries);
    }
  }

  private static Arguments seed(String name, String text) {
    return seed(name, text.getBytes(StandardCharsets.UTF_8));
  }

  private static Arguments seed(String name, byte[] data) {
    return Arguments.of(Named.of(name, data));
  }

  private static byte[] read(Path f) {
    try {
      return Files.readAllBytes(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
