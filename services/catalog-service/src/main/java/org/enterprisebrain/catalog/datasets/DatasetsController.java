package org.enterprisebrain.catalog.datasets;

import org.enterprisebrain.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.enterprisebrain.catalog.api.DatasetsApi;
import org.enterprisebrain.catalog.api.model.CatalogRecord;
import org.enterprisebrain.catalog.api.model.DatasetOwner;
import org.enterprisebrain.catalog.api.model.RecordPage;
import org.enterprisebrain.catalog.quality.QualityCounters;
import org.enterprisebrain.catalog.quality.QualityRepository;
import org.enterprisebrain.catalog.scheme.Grade;
import org.enterprisebrain.catalog.standards.EffectiveFields;
import org.enterprisebrain.catalog.web.ApiMapping;
import org.enterprisebrain.security.BrainPrincipal;
import org.enterprisebrain.standard.DataStandard;
import org.enterprisebrain.web.Callers;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class DatasetsController implements DatasetsApi {

  private final DatasetRepository datasets;
  private final RecordQuery records;
  private final DataStandard standard;
  private final EffectiveFields fields;
  private final HttpServletRequest request;
  private final QualityRepository quality;

  public DatasetsController(DatasetRepository datasets, RecordQuery records, DataStandard standard,
      EffectiveFields fields, HttpServletRequest request, QualityRepository quality) {
    this.quality = quality;
    this.datasets = datasets;
    this.records = records;
    this.standard = standard;
    this.fields = fields;
    this.request = request;
  }

  @Override
  public ResponseEntity<List<org.enterprisebrain.catalog.api.model.Dataset>> listDatasets(String entity) {
    BrainPrincipal caller = Callers.current();
    return ResponseEntity.ok(view(datasets.find(entity).stream().filter(d -> caller.mayActForPlant(d.plant()))
        .toList(), entity));
  }

  @Override
  public ResponseEntity<org.enterprisebrain.catalog.api.model.Dataset> setDatasetOwner(String entity,
      DatasetOwner owner) {
    if (owner == null || owner.getPlant() == null || owner.getPlant().isBlank()) {
      throw ProblemException.badRequest("plant", "plant is required");
    }
    if (owner.getSourceSystem() == null || owner.getSourceSystem().isBlank()) {
      throw ProblemException.badRequest("sourceSystem", "sourceSystem is required");
    }
    if (owner.getOwner() == null || owner.getOwner().isBlank() || owner.getOwner().length() > 200) {
      throw ProblemException.badRequest("owner", "owner must name a person or team (1 to 200 characters)");
    }
    if (!Callers.current().mayActForPlant(owner.getPlant())) {
      throw ProblemException.forbidden("plant", "plant '" + owner.getPlant() + "' is outside this token's plants");
    }
    if (!datasets.setOwner(owner.getSourceSystem(), entity, owner.getPlant(), owner.getOwner().strip())) {
      throw ProblemException.notFound("sourceSystem", "no dataset " + owner.getSourceSystem() + " / " + entity
          + " / " + owner.getPlant());
    }
    return ResponseEntity.ok(view(datasets.find(entity).stream()
        .filter(d -> d.sourceSystem().equals(owner.getSourceSystem()) && d.plant().equals(owner.getPlant()))
        .toList(), entity).get(0));
  }

  private List<org.enterprisebrain.catalog.api.model.Dataset> view(List<Dataset> found, String entity) {
    Instant now = Instant.now();
    Map<List<String>, QualityCounters> scores = new java.util.HashMap<>();
    quality.windows(entity, null, null, now.minus(Duration.ofHours(24))).forEach(w -> scores.merge(
        List.of(w.key().sourceSystem(), w.key().entity(), w.key().plant()), w.counters(), QualityCounters::plus));
    Map<String, Grade> grades = new java.util.HashMap<>();
    for (Dataset d : found) {
      grades.computeIfAbsent(d.entity(), e -> standard.entity(e).map(fields::of).map(EffectiveFields::highest)
          .orElse(Grade.L1));
    }
    return found.stream()
        .map(d -> new org.enterprisebrain.catalog.api.model.Dataset(d.sourceSystem(), d.entity(), d.plant(),
            d.topic(), d.records(), ApiMapping.grade(grades.getOrDefault(d.entity(), Grade.L1)))
            .firstSeenAt(ApiMapping.time(d.firstSeenAt()))
            .lastOccurredAt(ApiMapping.time(d.lastOccurredAt()))
            .lastReceivedAt(ApiMapping.time(d.lastReceivedAt()))
            .freshnessSeconds(Optional.ofNullable(d.lastReceivedAt())
                .map(t -> Duration.between(t, now).toSeconds()).orElse(null))
            .owner(d.owner())
            .accepted(d.accepted())
            .rejected(d.rejected())
            .rejectionRate(d.rejectionRate())
            .qualityScore(scores.getOrDefault(List.of(d.sourceSystem(), d.entity(), d.plant()), QualityCounters.NONE)
                .score()))
        .toList();
  }

  @Override
  public ResponseEntity<RecordPage> queryRecords(String entity, String plant, String source, Integer limit) {
    int size = limit == null ? 50 : limit;
    if (size < 1 || size > 500) {
      throw ProblemException.badRequest("limit", "limit must be between 1 and 500");
    }
    RecordQuery.Page page = records.newest(entity, plant, source, size,
        new RecordQuery.Caller(Callers.current(), Callers.clientId(), request.getRemoteAddr()));
    return ResponseEntity.ok(new RecordPage(page.entity(), page.plant(), ApiMapping.grade(page.clearance()),
        List.copyOf(page.masked()), page.records().stream()
            .map(r -> new CatalogRecord(r.id(), r.sourceSystem(), r.plant(), r.occurredAt(), r.payload()))
            .toList()));
  }
}
