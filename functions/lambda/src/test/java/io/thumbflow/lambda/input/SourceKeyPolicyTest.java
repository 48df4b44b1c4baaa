package io.thumbflow.lambda.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.thumbflow.core.Limits;
import io.thumbflow.core.Recipe;
import io.thumbflow.lambda.config.ThumbnailConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceKeyPolicyTest {
  private final SourceKeyPolicy separate =
      new SourceKeyPolicy(
          new ThumbnailConfig(
              "thumbs", List.of("src"), "thumbs/", Recipe.DEFAULT, Limits.DEFAULT, null, false));
  private final SourceKeyPolicy shared =
      new SourceKeyPolicy(
          new ThumbnailConfig(
              "src", List.of("src"), "thumbs/", Recipe.DEFAULT, Limits.DEFAULT, null, true));

  @Test
  void acceptsOrdinaryKeysIncludingSpacesPlusAndUnicode() {
    assertThat(separate.refusal(new ObjectRef("src", "a/My Trip/café +1.jpg", null))).isEmpty();
  }

  @Test
  void refusesMissingBucketsForeignBucketsAndEmptyKeys() {
    assertThat(separate.refusal(new ObjectRef(null, "a.jpg", null)))
        .get()
        .asString()
        .contains("no bucket");
    assertThat(separate.refusal(new ObjectRef("thumbs", "a.jpg", null)))
        .get()
        .asString()
        .contains("not a source bucket");
    assertThat(separate.refusal(new ObjectRef("src", "", null))).get().asString().contains("empty");
  }

  @Test
  void refusesKeysOverTheS3LimitOnceThePrefixIsAdded() {
    assertThat(separate.refusal(new ObjectRef("src", "k".repeat(1025), null)))
        .get()
        .asString()
        .contains("1024");
    assertThat(separate.refusal(new ObjectRef("src", "k".repeat(1010), null)))
        .get()
        .asString()
        .contains("would exceed");
  }

  @Test
  void refusesKeysThatWouldEscapeTheOutputPrefix() {
    assertThat(separate.refusal(new ObjectRef("src", "../x.jpg", null))).isPresent();
    assertThat(separate.refusal(new ObjectRef("src", "a/./x.jpg", null))).isPresent();
    assertThat(separate.refusal(new ObjectRef("src", "/x.jpg", null))).isPresent();
    assertThat(separate.refusal(new ObjectRef("src", "a\u0000.jpg", null))).isPresent();
  }

  @Test
  void refusesThumbnailsOfThumbnailsWhenTheBucketIsShared() {
    assertThat(shared.refusal(new ObjectRef("src", "thumbs/a.jpg", null)))
        .get()
        .asString()
        .contains("refusing to thumbnail a thumbnail");
    assertThat(shared.refusal(new ObjectRef("src", "photos/a.jpg", null))).isEmpty();
  }
}
