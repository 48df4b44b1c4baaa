package io.thumbflow.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thumbflow.core.ImageResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportJsonTest {
  private static final ObjectMapper PLAIN = new ObjectMapper();

  private static ByteArrayInputStream utf8(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void imageResultsSurviveARoundTripThroughTheReport() throws IOException {
    List<ImageResult> items =
        List.of(
            RunReportTest.ok(
                "dir/a b.jpg", 12.5, "worker-1", 1_700_000_000_000L, 1_700_000_000_030L),
            RunReportTest.failed("c.jpg", "Truncated"));
    RunReport report = RunReport.of(items, 40, Map.of("mode", "local", "workers", 2));

    String json = ReportJson.toJson(report);
    List<ImageResult> back = ReportJson.readItems(utf8(json));

    assertThat(back).isEqualTo(items);
  }

  @Test
  void reportJsonHasTheDocumentedFieldsAndOmitsHelperPredicates() throws IOException {
    RunReport report =
        RunReport.of(
            List.of(
                RunReportTest.ok("a.jpg", 1, "w", 1, 2), RunReportTest.failed("c.jpg", "Corrupt")),
            10,
            Map.of("mode", "local"));
    JsonNode root = PLAIN.readTree(ReportJson.toJson(report));

    assertThat(root.fieldNames())
        .toIterable()
        .contains(
            "images",
            "succeeded",
            "failed",
            "skipped",
            "wallMs",
            "sumMs",
            "speedup",
            "imagesPerSecond",
            "stages",
            "errors",
            "items",
            "run");
    assertThat(root.at("/stages/decode/p95").isNumber()).isTrue();
    assertThat(root.at("/errors/Corrupt/count").asInt()).isEqualTo(1);
    JsonNode failed = root.at("/items/1");
    assertThat(failed.path("status").asText()).isEqualTo("failed");
    assertThat(failed.at("/error/type").asText()).isEqualTo("Corrupt");
    assertThat(failed.has("output")).as("null fields are left out").isFalse();
    assertThat(root.at("/items/0").has("ok")).isFalse();
    assertThat(root.at("/items/0/timingsMs/decode").asDouble()).isEqualTo(1.0);
  }

  @Test
  void writesPrettyJsonCreatingParentFolders(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("nested/report.json");
    ReportJson.write(RunReport.of(List.of(), 0, Map.of()), file);
    String text = Files.readString(file);
    assertThat(text).contains("\n  \"images\" : 0");
  }

  @Test
  void readsItemsFromABareArrayOrALambdaBatchAnswer() throws IOException {
    String one =
        "{\"source\":\"k.jpg\",\"status\":\"ok\",\"renditions\":[{\"name\":\"thumb\","
            + "\"output\":\"s3://t/k.jpg\",\"width\":50,\"height\":33}],"
            + "\"timingsMs\":{\"read\":1,\"decode\":2,\"blur\":3,\"resize\":4,\"encode\":5,\"write\":6},"
            + "\"worker\":\"req-1\",\"startMs\":10,\"endMs\":31,\"futureField\":true}";
    assertThat(ReportJson.readItems(utf8("[" + one + "]")))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.source()).isEqualTo("k.jpg");
              assertThat(i.height()).isEqualTo(33);
              assertThat(i.timingsMs().total()).isEqualTo(21.0);
            });
    assertThat(ReportJson.readItems(utf8("{\"results\":[" + one + "," + one + "]}"))).hasSize(2);
  }

  @Test
  void refusesJsonThatHoldsNoResults() {
    assertThatThrownBy(() -> ReportJson.readItems(utf8("{\"foo\":1}")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("array of image results");
    assertThatThrownBy(() -> ReportJson.readItems(utf8("[{\"sourceWidth\":\"wide\"}]")))
        .isInstanceOf(IOException.class);
  }
}
