package org.enterprisebrain.analytics.service.alerts;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.enterprisebrain.analytics.service.api.model.Alert;
import org.enterprisebrain.analytics.service.api.model.AlertAction;
import org.enterprisebrain.analytics.service.api.model.AlertActionRecord;
import org.enterprisebrain.analytics.service.results.IndexMappings;
import org.enterprisebrain.analytics.service.results.ResultStore;
import org.enterprisebrain.analytics.service.results.Selection;
import org.enterprisebrain.security.BrainPrincipal;
import org.enterprisebrain.web.Callers;
import org.enterprisebrain.web.ProblemException;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What people did about alerts: each acknowledgement or closing is a document of its own in
 * {@code <prefix>alert-actions} (who, when, why), never updated. They are kept apart from the alerts because
 * the jobs rewrite an alert whenever they replay its cause; an alert's status is read from its actions.
 */
@Service
public class AlertActions {

  static final String INDEX = "alert-actions";
  private static final ObjectNode MAPPINGS = IndexMappings.of(INDEX);
  private final ResultStore store;
  private final Clock clock = Clock.systemUTC();

  public AlertActions(ResultStore store) {
    this.store = store;
  }

  public Alert act(String id, AlertAction request) {
    BrainPrincipal caller = Callers.current();
    if (request.getAction() == null) {
      throw ProblemException.badRequest("action", "action is required: acknowledge or close");
    }
    String comment = request.getComment() == null ? null : request.getComment().strip();
    if (comment != null && comment.length() > 1000) {
      throw ProblemException.badRequest("comment", "at most 1000 characters");
    }
    boolean close = request.getAction() == AlertAction.ActionEnum.CLOSE;
    if (close && (comment == null || comment.isEmpty())) {
      throw ProblemException.badRequest("comment", "say what was found and done (原因与处置) to close an alert");
    }
    JsonNode source = store.get("alerts", id).orElse(null);
    // another plant's alert is answered as absent, like one that does not exist
    if (source == null || !caller.mayActForPlant(source.path("plant").asString())) {
      throw ProblemException.notFound("id", "no alert '" + id + "' of your plants");
    }
    Alert alert = withActions(List.of(store.as(source, Alert.class))).get(0);
    if (alert.getStatus() == Alert.StatusEnum.CLOSED) {
      throw ProblemException.conflict("action", "the alert is closed");
    }
    if (!close && alert.getStatus() == Alert.StatusEnum.ACKNOWLEDGED) {
      throw ProblemException.conflict("action", "the alert is acknowledged already");
    }
    ObjectNode doc = ResultStore.JSON.createObjectNode().put("alertId", id).put("plant", alert.getPlant())
        .put("action", request.getAction().getValue()).put("by", caller.name())
        .put("at", clock.instant().toString());
    if (comment != null && !comment.isEmpty()) {
      doc.put("comment", comment);
    }
    store.create(INDEX, UUID.randomUUID().toString(), doc, MAPPINGS);
    return withActions(List.of(alert.actions(new ArrayList<>()))).get(0);
  }

  /** The alerts with their actions and the status those give. */
  public List<Alert> withActions(List<Alert> alerts) {
    Map<String, List<AlertActionRecord>> byAlert = new HashMap<>();
    if (!alerts.isEmpty()) {
      ObjectNode query = ResultStore.JSON.createObjectNode();
      var ids = query.putObject("terms").putArray("alertId");
      alerts.forEach(a -> ids.add(a.getId()));
      for (JsonNode d : store.search(INDEX, query, "at", true, Selection.MAX_SIZE)) {
        byAlert.computeIfAbsent(d.path("alertId").asString(), k -> new ArrayList<>())
            .add(new AlertActionRecord(AlertActionRecord.ActionEnum.fromValue(d.path("action").asString()),
                d.path("by").asString(), OffsetDateTime.parse(d.path("at").asString()).withOffsetSameInstant(ZoneOffset.UTC))
                .comment(d.path("comment").asString(null)));
      }
    }
    for (Alert a : alerts) {
      List<AlertActionRecord> done = byAlert.getOrDefault(a.getId(), List.of());
      a.actions(new ArrayList<>(done)).status(Alert.StatusEnum.OPEN);
      for (AlertActionRecord r : done) {
        a.status(r.getAction() == AlertActionRecord.ActionEnum.CLOSE ? Alert.StatusEnum.CLOSED
            : a.getStatus() == Alert.StatusEnum.CLOSED ? Alert.StatusEnum.CLOSED : Alert.StatusEnum.ACKNOWLEDGED);
      }
    }
    return alerts;
  }



}
