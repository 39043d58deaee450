package org.enterprisebrain.analytics.service.spc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.NewTopic;
import org.enterprisebrain.analytics.service.api.model.SpcChartSettings;
import org.enterprisebrain.analytics.service.api.model.SpcChartSettingsVersion;
import org.enterprisebrain.analytics.service.results.ResultStore;
import org.enterprisebrain.analytics.service.results.Selection;
import org.enterprisebrain.security.BrainPrincipal;
import org.enterprisebrain.web.Callers;
import org.enterprisebrain.web.ProblemException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Versions of a chart's settings: each change is checked, stored as the next version in
 * {@code <prefix>spc-settings} (who, when, why: the chart's history of limits) and sent on the compacted
 * settings topic, where the SPC job reads it as a broadcast stream. The version is claimed in Elasticsearch
 * first (two engineers changing one chart at once: the second gets 409); if Kafka does not acknowledge, the
 * version is withdrawn and the caller gets 503: nothing half-done stays.
 */
@Configuration
public class ChartSettingsService {

  static final String INDEX = "spc-settings";
  /** How far back "from here" may reach: the job keeps about this much of a chart to plot again. */
  static final Duration REACH = Duration.ofDays(7);
  private static final ObjectNode MAPPINGS = mappings();

  private final ResultStore store;
  private final KafkaTemplate<String, String> kafka;
  private final String topic;
  private final int replication;
  private final Clock clock = Clock.systemUTC();

  public ChartSettingsService(ResultStore store, KafkaTemplate<String, String> kafka,
      @Value("${brain.analytics.spc-settings-topic}") String topic,
      @Value("${brain.analytics.topic-replication}") int replication) {
    this.store = store;
    this.kafka = kafka;
    this.topic = topic;
    this.replication = replication;
  }

  @Bean
  NewTopic spcSettingsTopic() {
    return TopicBuilder.name(topic).partitions(1).replicas(replication).compact().build();
  }

  public SpcChartSettingsVersion change(SpcChartSettings change) {
    BrainPrincipal caller = Callers.current();
    String plant = required("plant", change.getPlant());
    Selection.of(plant, null, null); // the plant's code and the caller's scope
    String product = required("product", change.getProduct());
    String characteristic = required("characteristic", change.getCharacteristic());
    String reason = required("reason", change.getReason());
    if (reason.length() > 500) {
      throw ProblemException.badRequest("reason", "at most 500 characters");
    }
    if (change.getEquipment() != null && change.getEquipment().isBlank()) {
      throw ProblemException.badRequest("equipment", "leave it out for a chart that names no machine");
    }
    Integer baseline = change.getBaselineSubgroups();
    if (baseline != null && (baseline < 2 || baseline > 500)) {
      throw ProblemException.badRequest("baselineSubgroups", "between 2 and 500 subgroups, was " + baseline);
    }
    if (change.getLimits() != null) {
      if (baseline != null) {
        throw ProblemException.badRequest("limits", "limits are given or estimated from a phase I: not both");
      }
      Double center = change.getLimits().getCenter(), sigma = change.getLimits().getSigma();
      if (center == null || !Double.isFinite(center)) {
        throw ProblemException.badRequest("limits/center", "a number is required");
      }
      if (sigma == null || !Double.isFinite(sigma) || sigma <= 0) {
        throw ProblemException.badRequest("limits/sigma", "a σ above 0 is required");
      }
    }
    Instant now = clock.instant();
    Instant from = change.getEffectiveFrom() == null ? now : change.getEffectiveFrom().toInstant();
    if (from.isBefore(now.minus(REACH))) {
      throw ProblemException.badRequest("effectiveFrom", "at most " + REACH.toDays() + " days back: the job keeps no "
          + "more of a chart to plot again");
    }
    String chart = chart(plant, change.getEquipment(), product, characteristic);
    int version = latest(chart) + 1;
    ObjectNode message = ResultStore.JSON.createObjectNode().put("plant", plant);
    if (change.getEquipment() != null) {
      message.put("equipment", change.getEquipment());
    }
    message.put("product", product).put("characteristic", characteristic).put("version", version)
        .put("effectiveFrom", from.toString());
    if (baseline != null) {
      message.put("baselineSubgroups", baseline);
    }
    if (change.getLimits() != null) {
      message.putObject("limits").put("center", change.getLimits().getCenter())
          .put("sigma", change.getLimits().getSigma());
    }
    message.put("reason", reason).put("changedAt", now.toString()).put("changedBy", caller.name());
    ObjectNode stored = message.deepCopy().put("chart", chart);
    String id = chart + '|' + version;
    if (!store.create(INDEX, id, stored, MAPPINGS)) {
      throw ProblemException.conflict("version", "the chart's settings changed meanwhile (version " + version
          + " exists): read them again");
    }
    try {
      kafka.send(topic, id, message.toString()).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw withdrawn(id, e);
    } catch (ExecutionException | TimeoutException e) {
      throw withdrawn(id, e);
    }
    return store.as(message, SpcChartSettingsVersion.class);
  }

  public List<SpcChartSettingsVersion> history(String plant, String equipment, String product, String characteristic) {
    Selection.of(plant, null, null);
    ObjectNode query = ResultStore.JSON.createObjectNode();
    query.putObject("term").put("chart", chart(plant, equipment, product, characteristic));
    return store.search(INDEX, query, "version", false, Selection.MAX_SIZE).stream()
        .map(d -> store.as(d, SpcChartSettingsVersion.class)).toList();
  }

  private int latest(String chart) {
    ObjectNode query = ResultStore.JSON.createObjectNode();
    query.putObject("term").put("chart", chart);
    List<JsonNode> newest = store.search(INDEX, query, "version", false, 1);
    return newest.isEmpty() ? 0 : newest.get(0).path("version").asInt();
  }

  private ProblemException withdrawn(String id, Exception e) {
    store.delete(INDEX, id);
    return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Unavailable",
        "Kafka did not acknowledge the settings (" + e.getMessage() + "): nothing was changed, try again", List.of());
  }

  /** As the SPC job keys its charts (plant|equipment|product|characteristic, equipment empty when none). */
  static String chart(String plant, String equipment, String product, String characteristic) {
    return plant + '|' + (equipment == null ? "" : equipment) + '|' + product + '|' + characteristic;
  }

  private static String required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw ProblemException.badRequest(field, field + " is required");
    }
    return value;
  }

  private static ObjectNode mappings() {
    ObjectNode properties = ResultStore.JSON.createObjectNode();
    for (String keyword : List.of("chart", "plant", "equipment", "product", "characteristic", "changedBy")) {
      properties.putObject(keyword).put("type", "keyword");
    }
    properties.putObject("version").put("type", "integer");
    properties.putObject("baselineSubgroups").put("type", "integer");
    properties.putObject("effectiveFrom").put("type", "date");
    properties.putObject("changedAt").put("type", "date");
    properties.putObject("reason").put("type", "text");
    ObjectNode limits = properties.putObject("limits").putObject("properties");
    limits.putObject("center").put("type", "double");
    limits.putObject("sigma").put("type", "double");
    ObjectNode mappings = ResultStore.JSON.createObjectNode();
    mappings.set("properties", properties);
    return mappings;
  }
}
