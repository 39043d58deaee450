package org.enterprisebrain.analytics.service.health;

import java.time.OffsetDateTime;
import java.util.List;
import org.enterprisebrain.analytics.service.api.HealthApi;
import org.enterprisebrain.analytics.service.api.model.HealthWindow;
import org.enterprisebrain.analytics.service.results.ResultStore;
import org.enterprisebrain.analytics.service.results.Selection;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class HealthController implements HealthApi {

  private final ResultStore results;

  public HealthController(ResultStore results) {
    this.results = results;
  }

  @Override
  public ResponseEntity<List<HealthWindow>> listHealth(String plant, String equipment, String signal,
      OffsetDateTime from, OffsetDateTime to, Integer size) {
    Selection s = Selection.of(plant, from, to).where("equipment", equipment).where("signal", signal);
    return ResponseEntity.ok(results.search("health", s.query("start"), "start", false, Selection.size(size)).stream()
        .map(d -> results.as(d, HealthWindow.class)).toList());
  }
}
