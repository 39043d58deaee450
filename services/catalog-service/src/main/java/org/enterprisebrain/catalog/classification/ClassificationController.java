package org.enterprisebrain.catalog.classification;

import org.enterprisebrain.web.ProblemException;
import java.util.List;
import java.util.Locale;
import org.enterprisebrain.catalog.api.ClassificationApi;
import org.enterprisebrain.catalog.api.model.ClassificationReport;
import org.enterprisebrain.catalog.api.model.ClassificationScheme;
import org.enterprisebrain.catalog.api.model.ClassificationSchemeCategoriesInner;
import org.enterprisebrain.catalog.api.model.ClassificationSchemeGradesInner;
import org.enterprisebrain.catalog.api.model.FieldReport;
import org.enterprisebrain.catalog.api.model.LabelDecision;
import org.enterprisebrain.catalog.api.model.LabelState;
import org.enterprisebrain.catalog.api.model.ProtectionPolicy;
import org.enterprisebrain.catalog.scheme.SchemeRepository;
import org.enterprisebrain.catalog.web.ApiMapping;
import org.enterprisebrain.web.Callers;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
public class ClassificationController implements ClassificationApi {

  private final SchemeRepository scheme;
  private final SampleClassifier samples;
  private final LabelRepository labels;
  private final LabelDecisions decisions;

  public ClassificationController(SchemeRepository scheme, SampleClassifier samples, LabelRepository labels,
      LabelDecisions decisions) {
    this.scheme = scheme;
    this.samples = samples;
    this.labels = labels;
    this.decisions = decisions;
  }

  @Override
  public ResponseEntity<ClassificationScheme> getScheme() {
    return ResponseEntity.ok(new ClassificationScheme(
        scheme.categories().stream()
            .map(c -> new ClassificationSchemeCategoriesInner(c.code(), c.nameZh(), c.nameEn(), c.miitDomain()))
            .toList(),
        scheme.grades().stream()
            .map(g -> new ClassificationSchemeGradesInner(ApiMapping.grade(g.code()), g.rank(), g.nameZh(), g.nameEn(),
                g.miit(), g.gbt43697(), g.autoAssignable()))
            .toList(),
        scheme.policies().values().stream()
            .map(p -> new ProtectionPolicy(ApiMapping.grade(p.grade()),
                ProtectionPolicy.MaskingEnum.fromValue(p.masking().name().toLowerCase(Locale.ROOT)), p.auditReads(),
                p.encryptAtRest(), p.backupRetentionDays()))
            .toList()));
  }

  @Override
  public ResponseEntity<ClassificationReport> classifyCsvSample(String entity, String body, String source) {
    return ResponseEntity.ok(report(samples.classifyCsv(entity, source, body, Callers.current().name())));
  }

  @Override
  public ResponseEntity<ClassificationReport> classifyJsonSample(String entity, List<JsonNode> records, String source) {
    return ResponseEntity.ok(report(samples.classifyJson(entity, source, records == null ? List.of() : records,
        Callers.current().name())));
  }

  @Override
  public ResponseEntity<List<org.enterprisebrain.catalog.api.model.Label>> listLabels(LabelState state, String entity) {
    return ResponseEntity.ok(labels.find(ApiMapping.state(state == null ? LabelState.SUGGESTED : state), entity).stream()
        .map(ApiMapping::label).toList());
  }

  @Override
  public ResponseEntity<org.enterprisebrain.catalog.api.model.Label> decideLabel(Long labelId, LabelDecision decision) {
    if (decision == null || decision.getDecision() == null) {
      throw ProblemException.badRequest("decision", "decision is required: confirm, reject or recognize");
    }
    LabelDecisions.Request request = new LabelDecisions.Request(
        LabelDecisions.Decision.valueOf(decision.getDecision().getValue().toUpperCase(Locale.ROOT)),
        decision.getCategory(), ApiMapping.grade(decision.getGrade()), decision.getAuthorityReference(),
        decision.getComment());
    return ResponseEntity.ok(ApiMapping.label(decisions.decide(labelId, request, Callers.current().name())));
  }

  private static ClassificationReport report(SampleClassifier.Report report) {
    return new ClassificationReport(report.entity(), report.records(), report.fields().stream()
        .map(f -> new FieldReport(f.pointer(), f.values(), f.standardLabel() != null,
            f.suggestions().stream().map(ApiMapping::label).toList())
            .standardLabel(f.standardLabel() == null ? null : ApiMapping.field(f.standardLabel())))
        .toList())
        .source(report.source());
  }
}
