package org.enterprisebrain.assessment.evaluation;

import java.util.List;
import org.enterprisebrain.assessment.Assessment;
import org.enterprisebrain.assessment.api.EvaluationApi;
import org.enterprisebrain.assessment.catalogue.Catalogue;
import org.enterprisebrain.assessment.scoring.Evaluation;
import org.enterprisebrain.assessment.scoring.Gap;
import org.enterprisebrain.assessment.web.Plants;
import org.enterprisebrain.web.ProblemException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class EvaluationController implements EvaluationApi {

  private final Assessment assessment;
  private final String defaultPlant;

  public EvaluationController(Assessment assessment, @Value("${brain.assessment.plant}") String defaultPlant) {
    this.assessment = assessment;
    this.defaultPlant = defaultPlant;
  }

  @Override
  public ResponseEntity<Evaluation> evaluate(String plant) {
    return ResponseEntity.ok(assessment.evaluate(Plants.checked(plant, defaultPlant)));
  }

  @Override
  public ResponseEntity<Evaluation.ItemResult> getClause(String clauseId, String plant) {
    String p = Plants.checked(plant, defaultPlant);
    Catalogue catalogue = assessment.catalogue();
    if (catalogue.item(clauseId).isEmpty()) {
      throw ProblemException.notFound("clauseId", "no clause " + clauseId + " in catalogue version "
          + catalogue.version());
    }
    return ResponseEntity.ok(assessment.evaluate(p).items().stream().filter(i -> i.id().equals(clauseId))
        .findFirst().orElseThrow());
  }

  @Override
  public ResponseEntity<List<Gap>> listGaps(String plant, Integer limit) {
    int n = limit == null ? 500 : limit;
    if (n < 1 || n > 500) {
      throw ProblemException.badRequest("limit", "must be between 1 and 500");
    }
    Evaluation e = assessment.evaluate(Plants.checked(plant, defaultPlant));
    return ResponseEntity.ok(Gap.of(e, assessment.profile()).stream().limit(n).toList());
  }
}
