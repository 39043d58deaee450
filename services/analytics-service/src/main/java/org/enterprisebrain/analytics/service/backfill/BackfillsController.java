package org.enterprisebrain.analytics.service.backfill;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.enterprisebrain.analytics.service.api.BackfillsApi;
import org.enterprisebrain.analytics.service.api.model.Backfill;
import org.enterprisebrain.analytics.service.api.model.BackfillRequest;
import org.enterprisebrain.analytics.service.results.IndexMappings;
import org.enterprisebrain.analytics.service.results.ResultStore;
import org.enterprisebrain.analytics.service.results.Selection;
import org.enterprisebrain.security.BrainPrincipal;
import org.enterprisebrain.web.Callers;
import org.enterprisebrain.web.ProblemException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Backfill requests: checked here, stored in {@code <prefix>backfills} (which the analytics runner polls,
 * runs in the order requested and updates) and read back from there. A request the topics can no longer
 * serve (older than their retention) is refused rather than accepted and run on nothing.
 */
@RestController
public class BackfillsController implements BackfillsApi {

  static final String INDEX = "backfills";
  static final List<String> JOBS = List.of("oee", "energy", "health");
  static final Duration LONGEST = Duration.ofDays(31);
  private static final ObjectNode MAPPINGS = IndexMappings.of(INDEX);

  private final ResultStore store;
  private final Duration retention;
  private final Clock clock;

  public BackfillsController(ResultStore store, @Value("${brain.analytics.backfill.retention}") Duration retention) {
    this.store = store;
    this.retention = retention;
    this.clock = Clock.systemUTC();
  }

  @Override
  public ResponseEntity<Backfill> requestBackfill(BackfillRequest request) {
    BrainPrincipal caller = Callers.current();
    String plant = required("plant", request.getPlant());
    Instant from = required("from", request.getFrom()).toInstant();
    Instant to = required("to", request.getTo()).toInstant();
    if (!plant.matches("[a-z0-9-]+")) {
      throw ProblemException.badRequest("plant", "'" + plant + "' is not a plant code (lower case, digits, -)");
    }
    if (!caller.mayActForPlant(plant)) {
      throw ProblemException.forbidden("plant", "you may not act for plant '" + plant + "'");
    }
    Instant now = clock.instant();
    if (!from.isBefore(to)) {
      throw ProblemException.badRequest("to", "to (" + to + ") must be after from (" + from + ")");
    }
    if (to.isAfter(now)) {
      throw ProblemException.badRequest("to", "to (" + to + ") is in the future; the live jobs compute what is to come");
    }
    if (Duration.between(from, to).compareTo(LONGEST) > 0) {
      throw ProblemException.badRequest("to", "a backfill covers at most " + LONGEST.toDays() + " days; split the range");
    }
    if (from.isBefore(now.minus(retention))) {
      throw ProblemException.badRequest("from", "from (" + from + ") is older than the topics retain ("
          + retention.toDays() + " days): its records are gone");
    }
    Set<String> jobs = new LinkedHashSet<>();
    if (request.getJobs() == null || request.getJobs().isEmpty()) {
      jobs.addAll(JOBS);
    } else {
      request.getJobs().forEach(j -> jobs.add(j.getValue()));
    }
    String id = UUID.randomUUID().toString();
    ObjectNode doc = ResultStore.JSON.createObjectNode().put("id", id).put("plant", plant)
        .put("from", from.toString()).put("to", to.toString()).put("status", "requested")
        .put("requestedAt", now.toString()).put("requestedBy", caller.name() == null ? caller.subject() : caller.name());
    jobs.forEach(doc.putArray("jobs")::add);
    store.put(INDEX, id, doc, MAPPINGS);
    return ResponseEntity.accepted().location(URI.create(PATH_GET_BACKFILL.replace("{id}", id)))
        .body(store.as(doc, Backfill.class));
  }

  @Override
  public ResponseEntity<List<Backfill>> listBackfills(String plant, Integer size) {
    // every request ever made is in range: the selection only scopes the plants
    Selection s = Selection.of(plant, OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
        OffsetDateTime.now(clock).plusDays(1));
    return ResponseEntity.ok(store.search(INDEX, s.query("requestedAt"), "requestedAt", false, Selection.size(size))
        .stream().map(d -> store.as(d, Backfill.class)).toList());
  }

  @Override
  public ResponseEntity<Backfill> getBackfill(String id) {
    JsonNode doc = store.get(INDEX, id).orElse(null);
    // another plant's backfill is answered as absent: its existence is that plant's business
    if (doc == null || !Callers.current().mayActForPlant(doc.path("plant").asString())) {
      throw ProblemException.notFound("id", "no backfill '" + id + "' of your plants");
    }
    return ResponseEntity.ok(store.as(doc, Backfill.class));
  }

  private static <T> T required(String field, T value) {
    if (value == null) {
      throw ProblemException.badRequest(field, field + " is required");
    }
    return value;
  }



}
