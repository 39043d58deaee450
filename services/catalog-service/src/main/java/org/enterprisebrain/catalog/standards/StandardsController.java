package org.enterprisebrain.catalog.standards;

import org.enterprisebrain.web.ProblemException;
import java.util.List;
import java.util.Locale;
import org.enterprisebrain.catalog.api.StandardsApi;
import org.enterprisebrain.catalog.api.model.CompatibilityReport;
import org.enterprisebrain.catalog.api.model.CompatibilityReportChangesInner;
import org.enterprisebrain.catalog.api.model.EntitySummary;
import org.enterprisebrain.catalog.api.model.SearchHit;
import org.enterprisebrain.catalog.api.model.FieldEntry;
import org.enterprisebrain.catalog.scheme.Grade;
import org.enterprisebrain.catalog.web.ApiMapping;
import org.enterprisebrain.standard.DataStandard;
import org.enterprisebrain.standard.EntityStandard;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
public class StandardsController implements StandardsApi {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final DataStandard standard;
  private final EffectiveFields fields;
  private final CatalogSearch search;

  public StandardsController(DataStandard standard, EffectiveFields fields, CatalogSearch search) {
    this.standard = standard;
    this.fields = fields;
    this.search = search;
  }

  @Override
  public ResponseEntity<List<EntitySummary>> listEntities() {
    return ResponseEntity.ok(standard.entities().stream().map(this::summary).toList());
  }

  @Override
  public ResponseEntity<List<FieldEntry>> listFields(String entity) {
    return ResponseEntity.ok(fields.of(entity(entity)).stream().map(ApiMapping::field).toList());
  }

  @Override
  public ResponseEntity<CompatibilityReport> checkCompatibility(String entityName, Object body) {
    EntityStandard entity = entity(entityName);
    // a free-form JSON object arrives as a map: the comparison walks it as a tree
    JsonNode candidate = body == null ? null : JSON.valueToTree(body);
    if (candidate == null || !candidate.isObject() || !candidate.has("properties")) {
      throw ProblemException.badRequest("", "the body must be a JSON Schema of the entity's payload, with properties");
    }
    int current = entity.newestVersion();
    SchemaCompatibility.Report report = SchemaCompatibility.compare(JSON.readTree(entity.versions().get(current)),
        candidate);
    int next = report.verdict() == SchemaCompatibility.Verdict.MAJOR ? current + 1 : current;
    return ResponseEntity.ok(new CompatibilityReport(entity.entity(), current,
        CompatibilityReport.VerdictEnum.fromValue(report.verdict().name().toLowerCase(Locale.ROOT)), next,
        entity.topic(next), report.changes().stream()
            .map(c -> new CompatibilityReportChangesInner(c.pointer(), c.change(), c.breaking(), c.detail()))
            .toList()));
  }

  @Override
  public ResponseEntity<List<SearchHit>> searchCatalog(String q, String kind, Integer limit) {
    int size = limit == null ? 20 : limit;
    if (q == null || q.isBlank() || q.length() > 200) {
      throw ProblemException.badRequest("q", "q must hold 1 to 200 characters");
    }
    if (size < 1 || size > 100) {
      throw ProblemException.badRequest("limit", "limit must be between 1 and 100");
    }
    if (kind != null && !List.of("entity", "field", "dataset").contains(kind)) {
      throw ProblemException.badRequest("kind", "kind is one of entity, field, dataset");
    }
    org.enterprisebrain.security.BrainPrincipal caller = org.enterprisebrain.web.Callers.current();
    return ResponseEntity.ok(search.search(q.strip(), kind, size).stream()
        // datasets of other plants are not the caller's to see, not even by name
        .filter(h -> h.plant() == null || caller.mayActForPlant(h.plant()))
        .map(h -> new SearchHit(SearchHit.KindEnum.fromValue(h.kind()), h.id(), h.entity(), h.title(), h.score())
            .pointer(h.pointer()).description(h.description())
            .grade(h.grade() == null ? null : ApiMapping.grade(h.grade())).personal(h.personal())
            .plant(h.plant()).sourceSystem(h.sourceSystem()))
        .toList());
  }

  private EntitySummary summary(EntityStandard e) {
    List<EffectiveField> effective = fields.of(e);
    Grade highest = EffectiveFields.highest(effective);
    return new EntitySummary(e.entity(), e.title(), e.titleZh(), e.domain(), e.newestVersion(),
        e.topic(e.newestVersion()), effective.size(), ApiMapping.grade(highest),
        effective.stream().anyMatch(EffectiveField::personal))
        .isa95(e.isa95());
  }

  private EntityStandard entity(String name) {
    return standard.entity(name)
        .orElseThrow(() -> ProblemException.notFound("entity", "no entity '" + name + "' in the data standard"));
  }
}
