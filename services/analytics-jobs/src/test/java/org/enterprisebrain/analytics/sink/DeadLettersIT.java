package org.enterprisebrain.analytics.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.http.HttpHost;
import org.apache.http.util.EntityUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.enterprisebrain.analytics.stream.KafkaConnection;
import org.enterprisebrain.analytics.RealServers;
import org.enterprisebrain.analytics.alerts.Alert;
import org.enterprisebrain.analytics.alerts.AlertSink;
import org.enterprisebrain.analytics.stream.Envelope;
import org.enterprisebrain.elasticsearch.ElasticsearchConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sinks against a real broker and a real Elasticsearch node that refuse some records for good: the
 * refused ones land in the dead-letter topic with the target's reason, every other record is delivered,
 * and the job finishes instead of failing.
 */
@org.junit.jupiter.api.Timeout(180)
class DeadLettersIT {

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  static String kafka;
  static RestClient es;

  @BeforeAll
  static void servers() throws Exception {
    kafka = RealServers.kafka();
    es = RestClient.builder(HttpHost.create(RealServers.elasticsearch())).build();
  }

  @AfterAll
  static void close() throws Exception {
    es.close();
  }

  @Test
  void alertsAboutTheFutureAreStampedWhenRaisedAndTheBrokerKeepsThem() throws Exception {
    // an alert two hours ahead in event time: Kafka 4 refuses record timestamps more than an hour ahead
    String topic = "it.alerts.ahead." + UUID.randomUUID();
    String deadLetterTopic = topic + ".dead";
    Instant ahead = Instant.now().plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    Instant before = Instant.now();
    run(List.of(alert("A-AHEAD", ahead, "主轴温度超限")), topic, deadLetterTopic);
    Instant after = Instant.now();

    // the premise: the broker refuses a record stamped with that event time
    try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(Map.<String, Object>of("bootstrap.servers",
        kafka, "acks", "all"), new org.apache.kafka.common.serialization.StringSerializer(),
        new org.apache.kafka.common.serialization.StringSerializer())) {
      var refused = producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, null,
          ahead.toEpochMilli(), "it-01|M1", "{}"));
      assertThat(org.assertj.core.api.Assertions.catchThrowable(refused::get)).hasRootCauseInstanceOf(
          org.apache.kafka.common.errors.InvalidTimestampException.class);
    }
    List<ConsumerRecord<String, String>> delivered = read(topic, 1);
    assertThat(delivered).hasSize(1);
    assertThat(Instant.ofEpochMilli(delivered.get(0).timestamp())).as("Kafka timestamp: when it was sent")
        .isBetween(before.minusSeconds(1), after.plusSeconds(1));
    JsonNode alert = Envelope.JSON.readTree(delivered.get(0).value());
    assertThat(alert.path("at").asText()).as("the event time stays in the alert").isEqualTo(ahead.toString());
    assertThat(delivered.get(0).key()).isEqualTo("it-01|M1");
  }

  @Test
  void anAlertTheBrokerRefusesGoesToTheDeadLettersAndTheOthersAreDelivered() throws Exception {
    String topic = "it.alerts.small." + UUID.randomUUID();
    String deadLetterTopic = topic + ".dead";
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
      // above the producer's batch.size (16 KiB): a smaller limit sends Kafka's producer into endless batch
      // splitting (KAFKA-8350), which no sink can help
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("max.message.bytes", "20000"))))
          .all().get();
    }
    Instant at = Instant.parse("2026-03-02T00:00:00Z");
    List<Alert> alerts = List.of(alert("A-1", at, "短"), alert("A-HUGE", at.plusSeconds(60), "长".repeat(10_000)),
        alert("A-2", at.plusSeconds(120), "短"));
    run(alerts, topic, deadLetterTopic);

    assertThat(read(topic, 2)).extracting(r -> Envelope.JSON.readTree(r.value()).path("id").asText())
        .containsExactly("A-1", "A-2");
    List<ConsumerRecord<String, String>> letters = read(deadLetterTopic, 1);
    assertThat(letters).hasSize(1);
    JsonNode letter = Envelope.JSON.readTree(letters.get(0).value());
    assertThat(letter.path("job").asText()).isEqualTo("it");
    assertThat(letter.path("target").asText()).isEqualTo("kafka:" + topic);
    assertThat(letter.path("id").asText()).isEqualTo("A-HUGE");
    assertThat(letter.path("plant").asText()).isEqualTo("it-01");
    assertThat(letter.path("reason").asText()).startsWith("RecordTooLargeException");
    assertThat(letter.path("truncated").asBoolean()).isFalse();
    assertThat(Envelope.JSON.readTree(letter.path("record").asText()).path("message").asText()).hasSize(10_000);
    assertThat(letters.get(0).key()).isEqualTo("it-01|A-HUGE");
  }

  @Test
  void aDocumentElasticsearchRefusesGoesToTheDeadLettersAndTheOthersAreStored() throws Exception {
    String index = "brain-dlq-" + UUID.randomUUID().toString().substring(0, 8);
    String deadLetterTopic = "it.dead." + index;
    // the index says unit is a number: a document that says "Cel" is refused (a mapping conflict)
    Request create = new Request("PUT", "/" + index);
    create.setJsonEntity("{\"mappings\":{\"properties\":{\"unit\":{\"type\":\"long\"}}}}");
    es.performRequest(create);
    List<EsDocument> documents = List.of(new EsDocument(index, "d1", "{\"plant\":\"it-01\",\"unit\":1}"),
        new EsDocument(index, "d2", "{\"plant\":\"it-01\",\"unit\":\"Cel\"}"),
        new EsDocument(index, "d3", "{\"plant\":\"it-01\",\"unit\":3}"));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    env.fromData(documents).sinkTo(new ElasticsearchSink(ElasticsearchConnection.open(RealServers.elasticsearch()),
        "brain-dlq-", 100, 200, 2, "1s", new DeadLetters.Target(KafkaConnection.plaintext(kafka), deadLetterTopic, "it")));
    env.execute("refused-documents");

    es.performRequest(new Request("POST", "/" + index + "/_refresh"));
    JsonNode count = Envelope.JSON.readTree(EntityUtils.toString(
        es.performRequest(new Request("GET", "/" + index + "/_count")).getEntity()));
    assertThat(count.path("count").asLong()).as("d1 and d3 stored").isEqualTo(2);
    List<ConsumerRecord<String, String>> letters = read(deadLetterTopic, 1);
    assertThat(letters).hasSize(1);
    JsonNode letter = Envelope.JSON.readTree(letters.get(0).value());
    assertThat(letter.path("target").asText()).isEqualTo("elasticsearch:" + index);
    assertThat(letter.path("id").asText()).isEqualTo("d2");
    assertThat(letter.path("reason").asText()).startsWith("HTTP 400").contains("unit");
    assertThat(letter.path("record").asText()).contains("Cel");
  }

  static Alert alert(String id, Instant at, String message) {
    return new Alert(id, "health-anomaly", "warning", "it-01", "M1", "spindle.temperature", "ewma", message,
        "spindle temperature", at.toEpochMilli(), 71.5, 60);
  }

  static void run(List<Alert> alerts, String topic, String deadLetterTopic) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    env.fromData(alerts).sinkTo(new AlertSink(topic, new DeadLetters.Target(KafkaConnection.plaintext(kafka), deadLetterTopic, "it")));
    env.execute("alerts");
  }

  /** The topic's records from its start, until {@code expected} arrived and no more came for a second. */
  static List<ConsumerRecord<String, String>> read(String topic, int expected) {
    Properties p = new Properties();
    p.put("bootstrap.servers", kafka);
    p.put("group.id", "dead-letters-it-" + UUID.randomUUID());
    p.put("auto.offset.reset", "earliest");
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.currentTimeMillis() + 20_000;
      while (System.currentTimeMillis() < deadline) {
        var polled = consumer.poll(Duration.ofMillis(1000));
        polled.forEach(records::add);
        if (polled.isEmpty() && records.size() >= expected) {
          break;
        }
      }
    }
    return records;
  }
}
