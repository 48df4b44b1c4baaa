package io.thumbflow.lambda.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's {@code events/*.json}, found through the {@code thumbflow.repo} system property.
 */
public final class SampleEvents {
  public static final String SOURCE_BUCKET = "thumbflow-source-example";
  public static final String THUMBS_BUCKET = "thumbflow-thumbs-example";

  private static final ObjectMapper JSON = new ObjectMapper();

  private SampleEvents() {}

  public static Path dir() {
    String repo = System.getProperty("thumbflow.repo");
    Path base = repo != null ? Path.of(repo) : Path.of("../..").toAbsolutePath().normalize();
    return base.resolve("events");
  }

  public static JsonNode load(String fileName) {
    try {
      return JSON.readTree(dir().resolve(fileName).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read events/" + fileName, e);
    }
  }

  public static byte[] bytes(String fileName) {
    try {
      return Files.readAllBytes(dir().resolve(fileName));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read events/" + fileName, e);
    }
  }
}
