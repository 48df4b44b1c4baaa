package io.thumbflow.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutputNamesTest {

  @Test
  void replacesTheExtensionWhenTheFormatChanges() {
    assertThat(OutputNames.forSource("a.png", ImageFormat.JPEG)).isEqualTo("a.jpg");
    assertThat(OutputNames.forSource("dir/sub/photo.gif", ImageFormat.PNG))
        .isEqualTo("dir/sub/photo.png");
  }

  @Test
  void keepsTheNameWhenItsExtensionAlreadyNamesTheFormat() {
    assertThat(OutputNames.forSource("b.JPG", ImageFormat.JPEG)).isEqualTo("b.JPG");
    assertThat(OutputNames.forSource("c.jpeg", ImageFormat.JPEG)).isEqualTo("c.jpeg");
    assertThat(OutputNames.forSource("x/d.png", ImageFormat.PNG)).isEqualTo("x/d.png");
  }

  @Test
  void addsAnExtensionWhenThereIsNone() {
    assertThat(OutputNames.forSource("uploads/photo", ImageFormat.JPEG))
        .isEqualTo("uploads/photo.jpg");
    assertThat(OutputNames.forSource("dir.v2/photo", ImageFormat.PNG))
        .isEqualTo("dir.v2/photo.png");
    assertThat(OutputNames.forSource(".hidden", ImageFormat.PNG)).isEqualTo(".hidden.png");
  }

  @Test
  void namesWebpOutputsWithTheWebpExtension() {
    assertThat(OutputNames.forSource("photos/a.jpg", ImageFormat.WEBP)).isEqualTo("photos/a.webp");
    assertThat(OutputNames.forSource("b.WEBP", ImageFormat.WEBP)).isEqualTo("b.WEBP");
    Rendition card = Rendition.parse("card:256x256:cover:webp", 0);
    assertThat(
            OutputNames.forRendition(Recipe.Layout.BY_NAME, card.name(), "x/c.png", card.format()))
        .isEqualTo("card/x/c.webp");
  }
}
