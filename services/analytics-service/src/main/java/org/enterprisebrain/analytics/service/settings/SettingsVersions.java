package org.enterprisebrain.analytics.service.settings;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.enterprisebrain.analytics.service.results.IndexMappings;
import org.enterprisebrain.analytics.service.results.ResultStore;
import org.enterprisebrain.web.Callers;
import org.enterprisebrain.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Versions of one kind of configuration the jobs read as a broadcast stream (SPC chart settings, work
 * calendars): each change is the next version of what it configures (its scope), stored in
 * {@code <prefix><index>} with who, when and why, and sent on a compacted topic keyed {@code scope|version}.
 * The version is claimed in Elasticsearch first (two people changing one scope at once: the second gets 409);
 * if Kafka does not acknowledge, the version is withdrawn and the caller gets 503: nothing half-done stays.
 */
public final class SettingsVersions {

  /** How far back a change may take effect: the jobs keep about this much to compute again. */
  public static final Duration REACH = Duration.ofDays(7);

  private final ResultStore store;
  private final KafkaTemplate<String, String> kafka;
  private final String topic;
  private final String index;
  private final String what;
  private final String scopeField;
  private final ObjectNode mappings;
  private final Clock clock = Clock.systemUTC();

  /**
   * @param what       what a version configures, for messages ("the chart's settings")
   * @param scopeField the stored field that names the scope
   */
  public SettingsVersions(ResultStore store, KafkaTemplate<String, String> kafka, String topic, String index,
      String what, String scopeField) {
    this.store = store;
    this.kafka = kafka;
    this.topic = topic;
    this.index = index;
    this.what = what;
    this.scopeField = scopeField;
    this.mappings = IndexMappings.of(index);
  }

  /** When a change takes effect: the one asked for (at most {@link #REACH} back) or now. */
  public Instant effectiveFrom(java.time.OffsetDateTime asked) {
    Instant now = clock.instant();
    Instant from = asked == null ? now : asked.toInstant();
    if (from.isBefore(now.minus(REACH))) {
      throw ProblemException.badRequest("effectiveFrom", "at most " + REACH.toDays() + " days back: the jobs keep no "
          + "more to compute again");
    }
    return from;
  }

  /** A change's reason, required and at most 500 characters. */
  public static String reason(String reason) {
    if (reason == null || reason.isBlank()) {
      throw ProblemException.badRequest("reason", "reason is required");
    }
    if (reason.length() > 500) {
      throw ProblemException.badRequest("reason", "at most 500 characters");
    }
    return reason;
  }

  /** The compacted topic of one kind of settings: one partition, so a reader meets the versions in order. */
  public static org.apache.kafka.clients.admin.NewTopic topic(String name, int replication) {
    return org.springframework.kafka.config.TopicBuilder.name(name).partitions(1).replicas(replication).compact()
        .build();
  }

  /** The plant a change is for: required, a plant code, in the caller's scope. */
  public static String plant(String plant) {
    if (plant == null || plant.isBlank()) {
      throw ProblemException.badRequest("plant", "plant is required");
    }
    org.enterprisebrain.analytics.service.results.Selection.of(plant, null, null);
    return plant;
  }

  /** HH:MM. */
  public static final java.util.regex.Pattern MINUTE = java.util.regex.Pattern.compile("^([01][0-9]|2[0-3]):[0-5][0-9]$");
  /** The plants' zone when a change names none. */
  public static final String DEFAULT_ZONE = "Asia/Shanghai";

  /** The zone asked for (default Asia/Shanghai), an IANA zone a whole number of hours from UTC (results are hourly). */
  public static String zone(String asked) {
    String zone = asked == null ? DEFAULT_ZONE : asked;
    try {
      if (java.time.ZoneId.of(zone).getRules().getStandardOffset(Instant.now()).getTotalSeconds() % 3600 != 0) {
        throw ProblemException.badRequest("zone", zone + " is not a whole number of hours from UTC: results are hourly");
      }
    } catch (java.time.DateTimeException e) {
      throw ProblemException.badRequest("zone", "not an IANA time zone: " + zone);
    }
    return zone;
  }

  /** Minutes of the day of a time the pattern allows, else a 400 naming the field. */
  public static int minutes(String field, String value, java.util.regex.Pattern pattern, String expected) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw ProblemException.badRequest(field, expected + ", was " + value);
    }
    java.time.LocalTime t = java.time.LocalTime.parse(value);
    return t.getHour() * 60 + t.getMinute();
  }

  /** What every version carries besides its settings: which it is, from when, why, when and by whom. */
  public record Stamp(int version, Instant effectiveFrom, String reason, Instant changedAt, String changedBy) {
  }

  /**
   * Makes the scope's next version, in force from {@code effectiveFrom}, with why, when and by whom — the message
   * of the topic's generated type that {@code message} builds with that stamp — then stores it and sends it keyed
   * {@code scope|version}.
   *
   * @return the message as sent
   */
  public <M> ObjectNode record(String scope, Function<Stamp, M> message, Instant effectiveFrom, String reason) {
    List<JsonNode> newest = store.search(index, byScope(scope), "version", false, 1);
    int version = newest.isEmpty() ? 1 : newest.get(0).path("version").asInt() + 1;
    ObjectNode sent = (ObjectNode) ResultStore.JSON.valueToTree(message.apply(
        new Stamp(version, effectiveFrom, reason, clock.instant(), Callers.current().name())));
    String id = scope + '|' + version;
    if (!store.create(index, id, sent.deepCopy().put(scopeField, scope), mappings)) {
      throw ProblemException.conflict("version", what + " changed meanwhile (version " + version
          + " exists): read them again");
    }
    try {
      kafka.send(topic, id, sent.toString()).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw withdrawn(id, e);
    } catch (ExecutionException | TimeoutException e) {
      throw withdrawn(id, e);
    }
    return sent;
  }

  /** Every version of the scope, newest first. */
  public List<JsonNode> history(String scope) {
    return store.search(index, byScope(scope), "version", false, org.enterprisebrain.analytics.service.results.Selection.MAX_SIZE);
  }

  private ObjectNode byScope(String scope) {
    ObjectNode query = ResultStore.JSON.createObjectNode();
    query.putObject("term").put(scopeField, scope);
    return query;
  }

  private ProblemException withdrawn(String id, Exception e) {
    store.delete(index, id);
    return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Unavailable",
        "Kafka did not acknowledge " + what + " (" + e.getMessage() + "): nothing was changed, try again", List.of());
  }
}
