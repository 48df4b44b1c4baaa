package io.thumbflow.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thumbflow.orchestrator.statemachine.MapSettings;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code thumbflow local} in-process on images drawn into a temporary folder. */
class LocalCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  record Run(int exitCode, String out, String err) {}

  static Run thumbflow(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = ThumbflowCli.commandLine(args);
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  static void draw(Path file, int w, int h, String format) throws IOException {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setColor(Color.RED);
    g.fillOval(w / 4, h / 4, w / 2, h / 2);
    g.dispose();
    Files.createDirectories(file.getParent());
    assertThat(ImageIO.write(img, format, file.toFile())).isTrue();
  }

  /** A folder with 3 good images (one nested) and one file that is not an image. */
  private Path photos() throws IOException {
    Path in = dir.resolve("in");
    draw(in.resolve("wide.jpg"), 200, 100, "jpeg");
    draw(in.resolve("tall.png"), 60, 120, "png");
    draw(in.resolve("sub/dir/nested.jpg"), 80, 80, "jpeg");
    return in;
  }

  private static JsonNode report(Path file) throws IOException {
    return JSON.readTree(file.toFile());
  }

  /** The files below {@code root}, leaving out the run state folder (.thumbflow). */
  private static List<String> filesBelow(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString())
          .filter(p -> !p.startsWith(".thumbflow/"))
          .sorted()
          .toList();
    }
  }

  @Test
  void oneCorruptFileAmongGoodOnesExitsOneAndReportsItTyped() throws IOException {
    Path in = photos();
    Files.writeString(
        in.resolve("broken.jpg"), "this is not an image, just text pretending to be one");
    Path out = dir.resolve("out");

    Run run =
        thumbflow(
            "local", in.toString(), "--out", out.toString(), "--size", "32x32", "--workers", "2");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    JsonNode r = report(out.resolve("report.json"));
    assertThat(r.path("images").asInt()).isEqualTo(4);
    assertThat(r.path("succeeded").asInt()).isEqualTo(3);
    assertThat(r.path("failed").asInt()).isEqualTo(1);
    JsonNode broken = null;
    for (JsonNode item : r.path("items")) {
      if (item.path("source").asText().equals("broken.jpg")) broken = item;
      else assertThat(item.path("status").asText()).as(item.toString()).isEqualTo("ok");
    }
    assertThat(broken).isNotNull();
    assertThat(broken.path("status").asText()).isEqualTo("failed");
    assertThat(broken.at("/error/type").asText()).isEqualTo("NotAnImage");
    assertThat(broken.at("/error/message").asText()).startsWith("broken.jpg: ");
    assertThat(r.at("/errors/NotAnImage/count").asInt()).isEqualTo(1);
    assertThat(run.out())
        .contains("Thumbnailed 3 of 4 images")
        .contains("report: " + out.resolve("report.json"))
        .contains("NotAnImage")
        .contains("broken.jpg");
    int tolerated = MapSettings.fromDefinition().toleratedFailurePercentage();
    assertThat(r.at("/run/toleratedFailurePercentage").asInt()).isEqualTo(tolerated);
    assertThat(run.out())
        .contains("1 failed (25.0%, over the state machine's tolerated " + tolerated + "%)");
  }

  @Test
  void outputsMirrorRelativePathsAndBothReportsAreWritten() throws IOException {
    Path in = photos();
    Path out = dir.resolve("out");

    Run run =
        thumbflow(
            "local",
            in.toString(),
            "--out",
            out.toString(),
            "--size",
            "40x40",
            "--blur-radius",
            "1");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(filesBelow(out))
        .containsExactly(
            "report.html", "report.json", "sub/dir/nested.jpg", "tall.png", "wide.jpg");
    BufferedImage wide = ImageIO.read(out.resolve("wide.jpg").toFile());
    assertThat(wide.getWidth()).isEqualTo(40);
    assertThat(wide.getHeight()).isEqualTo(20);
    JsonNode r = report(out.resolve("report.json"));
    assertThat(r.at("/run/mode").asText()).isEqualTo("local");
    assertThat(r.at("/items/0/renditions/0/output").asText())
        .isEqualTo(out.resolve("sub/dir/nested.jpg").toString());
    String html = Files.readString(out.resolve("report.html"));
    assertThat(html)
        .contains("src=\"sub/dir/nested.jpg\"")
        .contains("src=\"wide.jpg\"")
        .contains("id=\"timeline\"");
    assertThat(run.out()).startsWith("Thumbnailed 3 of 3 images in ");
  }

  @Test
  void sourcesAreNeverModified() throws IOException {
    Path in = photos();
    byte[] before = Files.readAllBytes(in.resolve("wide.jpg"));
    thumbflow("local", in.toString(), "--out", dir.resolve("out").toString());
    assertThat(in.resolve("wide.jpg")).hasBinaryContent(before);
    assertThat(filesBelow(in)).containsExactly("sub/dir/nested.jpg", "tall.png", "wide.jpg");
  }

  @Test
  void reportGoesWhereAskedWithTheHtmlBesideIt() throws IOException {
    Path in = photos();
    Path reportFile = dir.resolve("reports/run-1.json");
    Run run =
        thumbflow(
            "local",
            in.toString(),
            "--out",
            dir.resolve("out").toString(),
            "--report",
            reportFile.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(reportFile).exists();
    String html = Files.readString(dir.resolve("reports/run-1.html"));
    assertThat(html).contains("src=\"../out/wide.jpg\"");
  }

  @Test
  void aReportNamedHtmlIsNotOverwrittenByTheHtmlReport() {
    assertThat(LocalReport.htmlBeside(Path.of("r", "report.json")))
        .isEqualTo(Path.of("r", "report.html"));
    assertThat(LocalReport.htmlBeside(Path.of("r", "report.html")))
        .isEqualTo(Path.of("r", "report.html.html"));
    assertThat(LocalReport.htmlBeside(Path.of("r", "report")))
        .isEqualTo(Path.of("r", "report.html"));
  }

  @Test
  void jsonManifestEntriesThatEscapeFailWhileTheOthersAreDone() throws IOException {
    Path in = photos();
    Path secret = dir.resolve("secret.jpg");
    draw(secret, 10, 10, "jpeg");
    Path manifest = in.resolve("manifest.json");
    Files.writeString(
        manifest, "[\"wide.jpg\", \"../secret.jpg\", {\"key\": \"sub/dir/nested.jpg\"}]");
    Path out = dir.resolve("out");

    Run run = thumbflow("local", manifest.toString(), "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    JsonNode r = report(out.resolve("report.json"));
    assertThat(r.at("/items/1/error/type").asText()).isEqualTo("ReadFailed");
    assertThat(r.at("/items/1/error/message").asText())
        .isEqualTo("../secret.jpg: path escapes the input folder");
    assertThat(filesBelow(out))
        .containsExactly("report.html", "report.json", "sub/dir/nested.jpg", "wide.jpg");
    assertThat(filesBelow(dir)).doesNotContain("out/../secret.jpg").contains("secret.jpg");
  }

  @Test
  void csvManifestAndS3EventInputsResolveAndRun() throws IOException {
    Path in = photos();
    Path csv = dir.resolve("list.csv");
    Files.writeString(csv, "path\nwide.jpg\n\"sub/dir/nested.jpg\"\n");
    Run fromCsv =
        thumbflow(
            "local",
            csv.toString(),
            "--out",
            dir.resolve("out-csv").toString(),
            "--bucket-dir",
            in.toString());
    assertThat(fromCsv.exitCode()).as(fromCsv.err()).isZero();
    assertThat(filesBelow(dir.resolve("out-csv"))).contains("wide.jpg", "sub/dir/nested.jpg");

    Files.move(in.resolve("tall.png"), in.resolve("tall copy.png"));
    Path event = dir.resolve("event.json");
    Files.writeString(
        event,
        "{\"Records\":[{\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"tall+copy.png\"}}}]}");
    Run fromEvent =
        thumbflow(
            "local",
            event.toString(),
            "--out",
            dir.resolve("out-ev").toString(),
            "--bucket-dir",
            in.toString());
    assertThat(fromEvent.exitCode()).as(fromEvent.err()).isZero();
    assertThat(filesBelow(dir.resolve("out-ev"))).contains("tall copy.png");
  }

  @Test
  void formatOptionChangesTheOutputExtension() throws IOException {
    Path in = photos();
    Path out = dir.resolve("out");
    Run run = thumbflow("local", in.toString(), "--out", out.toString(), "--format", "png");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(filesBelow(out)).contains("wide.png", "tall.png", "sub/dir/nested.png");
  }

  // ---- usage errors: exit 2, one clear line first, nothing processed

  private void assertUsageError(Run run, String expectedMessage) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err().lines().findFirst().orElse("")).contains(expectedMessage);
    assertThat(run.err()).contains("Usage: thumbflow").contains("Try 'thumbflow");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aZeroSizeIsAUsageError() throws IOException {
    Path in = photos();
    Run run =
        thumbflow("local", in.toString(), "--out", dir.resolve("out").toString(), "--size", "0x5");
    assertUsageError(run, "invalid --size '0x5': use WxH with positive whole numbers");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void aMissingOutIsAUsageError() throws IOException {
    assertUsageError(
        thumbflow("local", photos().toString()), "Missing required option: '--out=DIR'");
  }

  @Test
  void anUnknownFormatIsAUsageError() throws IOException {
    assertUsageError(
        thumbflow(
            "local", photos().toString(), "--out", dir.resolve("o").toString(), "--format", "bmpx"),
        "unknown --format 'bmpx'");
  }

  @Test
  void aFormatWithoutAWriterIsAUsageErrorBeforeTheOutputFolderIsMade() throws IOException {
    Path out = dir.resolve("o");

    assertUsageError(
        thumbflow("local", photos().toString(), "--out", out.toString(), "--format", "tga"),
        "--format: rendition thumb: no TGA writer available");
    assertThat(out).doesNotExist();
  }

  @Test
  void aMissingInputIsAUsageError() {
    assertUsageError(
        thumbflow("local", dir.resolve("nope").toString(), "--out", dir.resolve("o").toString()),
        "INPUT not found");
    assertUsageError(
        thumbflow("local", "--out", dir.resolve("o").toString()),
        "Missing required parameter: 'INPUT'");
  }

  @Test
  void outEqualToTheInputFolderIsRefused() throws IOException {
    Path in = photos();
    assertUsageError(
        thumbflow("local", in.toString(), "--out", in.toString()),
        "--out must not be the input folder");
    assertThat(filesBelow(in)).containsExactly("sub/dir/nested.jpg", "tall.png", "wide.jpg");
  }

  @Test
  void badNumbersAreUsageErrors() throws IOException {
    String in = photos().toString();
    String out = dir.resolve("o").toString();
    assertUsageError(
        thumbflow("local", in, "--out", out, "--workers", "0"), "--workers must be at least 1");
    assertUsageError(
        thumbflow("local", in, "--out", out, "--blur-radius", "-1"), "blur radius must be");
    assertUsageError(
        thumbflow("local", in, "--out", out, "--deadline", "soon"),
        "--deadline must be a positive duration");
    assertUsageError(
        thumbflow("local", in, "--out", out, "--max-pixels", "0"),
        "--max-pixels must be a positive pixel count");
  }

  @Test
  void helpDocumentsEveryOptionWithDefaultsAndEnvironmentVariables() {
    Run run = thumbflow("local", "--help");
    assertThat(run.exitCode()).isZero();
    List<String> expected =
        new ArrayList<>(
            List.of(
                "--out=DIR",
                "--size=WxH",
                "--blur-radius=R",
                "--workers=N",
                "--report=FILE",
                "--format=F",
                "--bucket-dir=DIR",
                "--max-pixels=N",
                "--deadline=TIME",
                "Default: 50x50",
                "THUMBFLOW_WORKERS",
                "Exit codes:"));
    assertThat(run.out()).contains(expected);
  }

  @Test
  void topCommandHasVersionAndListsLocal() {
    Run run = thumbflow("--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("local").contains("--version");
    Run bare = thumbflow();
    assertThat(bare.exitCode()).isEqualTo(2);
    assertThat(bare.err()).contains("missing command");
  }

  @Test
  void realPhotosListedInAManifestAreReadInPlaceBelowTheBucketDir() throws IOException {
    Path photos = Path.of(System.getProperty("thumbflow.shared", "../shared"), "corpus", "photos");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isDirectory(photos), "needs ../shared/corpus/photos");
    List<String> two;
    try (Stream<Path> s = Files.list(photos)) {
      two =
          s.map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".jpg"))
              .sorted()
              .limit(2)
              .toList();
    }
    Path manifest = dir.resolve("two.json");
    Files.writeString(manifest, JSON.writeValueAsString(two));
    Path out = dir.resolve("out");

    Run run =
        thumbflow(
            "local",
            manifest.toString(),
            "--bucket-dir",
            photos.toString(),
            "--out",
            out.toString());

    assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
    for (String name : two) {
      BufferedImage thumb = ImageIO.read(out.resolve(name).toFile());
      assertThat(Math.max(thumb.getWidth(), thumb.getHeight())).as(name).isEqualTo(50);
    }
  }
}
