package org.enterprisebrain.analytics.service.alerts;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.enterprisebrain.analytics.service.api.AlertsApi;
import org.enterprisebrain.analytics.service.api.model.Alert;
import org.enterprisebrain.analytics.service.api.model.AlertAction;
import org.enterprisebrain.analytics.service.results.ResultStore;
import org.enterprisebrain.analytics.service.results.Selection;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class AlertsController implements AlertsApi {

  private final ResultStore results;
  private final AlertActions actions;

  public AlertsController(ResultStore results, AlertActions actions) {
    this.results = results;
    this.actions = actions;
  }

  @Override
  public ResponseEntity<List<Alert>> listAlerts(String plant, String equipment, String kind, String severity,
      String status, OffsetDateTime from, OffsetDateTime to, Integer size) {
    Selection s = Selection.of(plant, from, to).where("equipment", equipment)
        .where("kind", Selection.oneOf("kind", kind, Set.of("spc-rule", "health-anomaly", "energy-anomaly", "model-score")))
        .where("severity", Selection.oneOf("severity", severity, Set.of("info", "warning", "critical")));
    Selection.oneOf("status", status, Set.of("open", "acknowledged", "closed"));
    List<Alert> alerts = actions.withActions(results.search("alerts", s.query("at"), "at", false, Selection.size(size))
        .stream().map(d -> results.as(d, Alert.class)).toList());
    return ResponseEntity.ok(status == null ? alerts
        : alerts.stream().filter(a -> a.getStatus().getValue().equals(status)).toList());
  }

  @Override
  public ResponseEntity<Alert> actOnAlert(String id, AlertAction action) {
    return ResponseEntity.ok(actions.act(id, action));
  }
}
