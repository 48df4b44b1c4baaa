package io.thumbflow.lambda.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thumbflow.lambda.support.SampleEvents;
import org.junit.jupiter.api.Test;

class InvocationParserTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final InvocationParser parser = new InvocationParser(null);

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void decodesTheUrlEncodedKeyOfAnS3Notification() {
    Invocation inv = parser.parse(SampleEvents.load("s3-put.json"));

    assertThat(inv.batch()).isTrue();
    assertThat(inv.items())
        .containsExactly(
            new ObjectRef(
                SampleEvents.SOURCE_BUCKET,
                "uploads/My Trip/café +1.jpg",
                "d41d8cd98f00b204e9800998ecf8427e"));
  }

  @Test
  void takesTheEventBridgeKeyAsIs() {
    Invocation inv = parser.parse(SampleEvents.load("eventbridge-object-created.json"));

    assertThat(inv.batch()).isFalse();
    assertThat(inv.items())
        .containsExactly(
            new ObjectRef(
                SampleEvents.SOURCE_BUCKET,
                "uploads/beach day.jpg",
                "b1946ac92492d2347c6235b4d2611184"));
  }

  @Test
  void readsAMapItem() {
    Invocation inv = parser.parse(SampleEvents.load("map-item.json"));

    assertThat(inv.batch()).isFalse();
    assertThat(inv.items())
        .containsExactly(new ObjectRef(SampleEvents.SOURCE_BUCKET, "photos/harbour.jpg", null));
  }

  @Test
  void readsAnItemBatcherBatchOfListObjectsItemsWithTheBucketFromBatchInput() {
    Invocation inv = parser.parse(SampleEvents.load("map-batch.json"));

    assertThat(inv.batch()).isTrue();
    assertThat(inv.executionId()).endsWith(":example-run");
    assertThat(inv.items()).extracting(ObjectRef::bucket).containsOnly(SampleEvents.SOURCE_BUCKET);
    assertThat(inv.items().get(0).key()).isEqualTo("photos/harbour.jpg");
    assertThat(inv.items().get(0).etag()).isEqualTo("5f1d6b1e2e0c4e34b5c7b1f3c5d1a2b3");
  }

  @Test
  void readsManifestRowsAndBareKeysWithTheDefaultBucket() throws Exception {
    InvocationParser withDefault = new InvocationParser("only-source");

    Invocation inv =
        withDefault.parse(
            json(
                """
        {"Items": [{"key": "a.jpg"}, {"Bucket": "other", "Key": "b.jpg"}, "c d.jpg", 42]}"""));

    assertThat(inv.items())
        .containsExactly(
            new ObjectRef("only-source", "a.jpg", null),
            new ObjectRef("other", "b.jpg", null),
            new ObjectRef("only-source", "c d.jpg", null),
            new ObjectRef("only-source", null, null));
  }

  @Test
  void takesAnEmptyBucketCellOfACsvManifestRowAsTheBatchBucket() throws Exception {
    Invocation inv =
        parser.parse(
            json(
                """
        {"BatchInput": {"bucket": "src"}, "Items": [{"bucket": "", "key": "a.jpg"}, {"bucket": "other", "key": "b.jpg"}]}"""));

    assertThat(inv.items())
        .containsExactly(
            new ObjectRef("src", "a.jpg", null), new ObjectRef("other", "b.jpg", null));
  }

  @Test
  void readsAJsonArrayOfEventBridgeEventsAsABatch() throws Exception {
    JsonNode one = SampleEvents.load("eventbridge-object-created.json");

    Invocation inv = parser.parse(JSON.createArrayNode().add(one).add(one));

    assertThat(inv.batch()).isTrue();
    assertThat(inv.items()).hasSize(2);
  }

  @Test
  void refusesAnEventWithNoRecognisableShape() throws Exception {
    assertThatThrownBy(() -> parser.parse(json("12"))).isInstanceOf(InvalidEventException.class);
    assertThatThrownBy(() -> parser.parse(json("{\"Records\": []}")))
        .isInstanceOf(InvalidEventException.class);
  }
}
