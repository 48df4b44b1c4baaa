package io.thumbflow.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.thumbflow.core.Fit;
import org.junit.jupiter.api.Test;

class GeometryTest {

  @Test
  void coverFillsTheBoxExactlyFromAWideSourceWithACentredCrop() {
    Geometry g = Geometry.cover(4000, 1000, 256, 256);
    assertThat(g.size()).isEqualTo(new ThumbnailSize(256, 256));
    assertThat(g.regionWidth()).isEqualTo(1000);
    assertThat(g.regionHeight()).isEqualTo(1000);
    assertThat(g.x0()).isEqualTo(1500);
    assertThat(g.y0()).isZero();
  }

  @Test
  void coverFillsTheBoxExactlyFromATallSource() {
    Geometry g = Geometry.cover(600, 2400, 300, 200);
    assertThat(g.size()).isEqualTo(new ThumbnailSize(300, 200));
    assertThat(g.regionWidth()).isEqualTo(600);
    assertThat(g.regionHeight()).isEqualTo(400);
    assertThat(g.y0()).isEqualTo(1000);
  }

  @Test
  void coverOfAnExactFitIsTheWholeSourceAtTheBoxSize() {
    Geometry g = Geometry.cover(512, 512, 256, 256);
    assertThat(g.size()).isEqualTo(new ThumbnailSize(256, 256));
    assertThat(g.x0()).isZero();
    assertThat(g.y0()).isZero();
    assertThat(g.regionWidth()).isEqualTo(512);
    Geometry same = Geometry.cover(256, 256, 256, 256);
    assertThat(same.size()).isEqualTo(new ThumbnailSize(256, 256));
    assertThat(same.scaleX()).isEqualTo(1.0);
  }

  @Test
  void coverOfATinySourceCropsToTheBoxsAspectWithoutEnlarging() {
    Geometry g = Geometry.cover(100, 100, 300, 200);
    assertThat(g.size()).isEqualTo(new ThumbnailSize(99, 66));
    assertThat(g.scaleX()).isEqualTo(1.0);
    assertThat(g.scaleY()).isEqualTo(1.0);
    assertThat((double) g.size().width() / g.size().height()).isCloseTo(300 / 200.0, within(1e-12));

    Geometry thin = Geometry.cover(1000, 100, 256, 256);
    assertThat(thin.size()).isEqualTo(new ThumbnailSize(100, 100));
    assertThat(thin.x0()).isEqualTo(450);
  }

  @Test
  void coverOfASourceTooSmallForOneUnitOfTheShapeKeepsWhatFits() {
    Geometry g = Geometry.cover(1, 1, 300, 200);
    assertThat(g.size()).isEqualTo(new ThumbnailSize(1, 1));
  }

  @Test
  void containIsPillowsThumbnailOfTheWholeSource() {
    Geometry g = Geometry.of(Fit.CONTAIN, 400, 300, 50, 50);
    assertThat(g.size()).isEqualTo(ThumbnailSize.fit(400, 300, 50, 50));
    assertThat(g.regionWidth()).isEqualTo(400);
    assertThat(g.regionHeight()).isEqualTo(300);
  }
}
