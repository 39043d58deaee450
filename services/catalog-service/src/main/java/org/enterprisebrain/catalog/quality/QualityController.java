package org.enterprisebrain.catalog.quality;

import org.enterprisebrain.web.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.enterprisebrain.catalog.api.QualityApi;
import org.enterprisebrain.catalog.api.model.QualityWindow;
import org.enterprisebrain.catalog.web.ApiMapping;
import org.enterprisebrain.security.BrainPrincipal;
import org.enterprisebrain.standard.DataStandard;
import org.enterprisebrain.web.Callers;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class QualityController implements QualityApi {

  private final QualityRepository quality;
  private final DataStandard standard;

  public QualityController(QualityRepository quality, DataStandard standard) {
    this.quality = quality;
    this.standard = standard;
  }

  @Override
  public ResponseEntity<List<QualityWindow>> datasetQuality(String entity, String plant, String source, Integer hours) {
    if (standard.entity(entity).isEmpty()) {
      throw ProblemException.notFound("entity", "no entity '" + entity + "' in the data standard");
    }
    int span = hours == null ? 24 : hours;
    if (span < 1 || span > 2160) {
      throw ProblemException.badRequest("hours", "hours must be between 1 and 2160");
    }
    BrainPrincipal caller = Callers.current();
    // a plant named outside the token's scope is refused, as every plant-scoped read is, not answered empty
    if (plant != null && !caller.mayActForPlant(plant)) {
      throw ProblemException.forbidden("plant", "you may not see plant '" + plant + "'");
    }
    Instant since = Instant.now().minus(Duration.ofHours(span));
    return ResponseEntity.ok(quality.windows(entity, plant, source, since).stream()
        .filter(w -> caller.mayActForPlant(w.key().plant()))
        .map(w -> {
          QualityCounters c = w.counters();
          return new QualityWindow(w.key().sourceSystem(), w.key().plant(), ApiMapping.time(w.key().windowStart()),
              c.records())
              .duplicates(c.duplicates()).accepted(c.accepted()).rejected(c.rejected())
              .completeness(c.completeness()).uniqueness(c.uniqueness()).timeliness(c.timeliness())
              .validity(c.validity()).range(c.range()).score(c.score());
        })
        .toList());
  }

  @Override
  public ResponseEntity<List<org.enterprisebrain.catalog.api.model.QualityRule>> listQualityRules() {
    return ResponseEntity.ok(quality.rules().stream()
        .map(r -> new org.enterprisebrain.catalog.api.model.QualityRule(r.id(), r.entity(),
            org.enterprisebrain.catalog.api.model.QualityRule.DimensionEnum.fromValue(
                r.dimension().name().toLowerCase(Locale.ROOT)), r.description())
            .pointer(r.pointer()).min(r.min()).max(r.max()).maxLagSeconds(r.maxLagSeconds()))
        .toList());
  }
}
