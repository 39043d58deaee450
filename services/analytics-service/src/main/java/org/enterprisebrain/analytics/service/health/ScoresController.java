package org.enterprisebrain.analytics.service.health;

import java.time.OffsetDateTime;
import java.util.List;
import org.enterprisebrain.analytics.service.api.ScoresApi;
import org.enterprisebrain.analytics.service.api.model.ModelScore;
import org.enterprisebrain.analytics.service.results.ResultStore;
import org.enterprisebrain.analytics.service.results.Selection;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/** What the registry's deployed models scored, as the score job wrote it. */
@RestController
public class ScoresController implements ScoresApi {

  private final ResultStore results;

  public ScoresController(ResultStore results) {
    this.results = results;
  }

  @Override
  public ResponseEntity<List<ModelScore>> listScores(String plant, String equipment, String model, String deployment,
      OffsetDateTime from, OffsetDateTime to, Integer size) {
    Selection s = Selection.of(plant, from, to).where("equipment", equipment).where("model", model)
        .where("deployment", deployment);
    return ResponseEntity.ok(results.search("scores", s.query("at"), "at", false, Selection.size(size)).stream()
        .map(d -> results.as(d, ModelScore.class)).toList());
  }
}
