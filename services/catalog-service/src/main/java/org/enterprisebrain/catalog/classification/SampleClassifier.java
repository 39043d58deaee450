package org.enterprisebrain.catalog.classification;

import org.enterprisebrain.web.ProblemException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.enterprisebrain.catalog.protection.Pointers;
import org.enterprisebrain.catalog.scheme.Grade;
import org.enterprisebrain.catalog.standards.EffectiveField;
import org.enterprisebrain.catalog.standards.EffectiveFields;
import org.enterprisebrain.catalog.web.CatalogException;
import org.enterprisebrain.standard.Csv;
import org.enterprisebrain.standard.DataStandard;
import org.enterprisebrain.standard.EntityStandard;
import org.enterprisebrain.standard.FieldError;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Classifies a sample of an entity's data (CSV or JSON) field by field and files what the recognizers
 * find in the review queue. A field the standard already grades at least as high gets no new label;
 * anything else (extension fields, source columns, a standard field holding more than it should) does.
 */
@Service
public class SampleClassifier {

  /** One field of the sample: where it is, how many values it had, the standard's label, what was filed. */
  public record FieldResult(String pointer, int values, EffectiveField standardLabel, List<Label> suggestions) {
    public FieldResult {
      suggestions = List.copyOf(suggestions);
    }
  }

  public record Report(String entity, String source, int records, List<FieldResult> fields) {
    public Report {
      fields = List.copyOf(fields);
    }
  }

  static final String IMPORTANT_DATA_REVIEW = "敏感个人信息: review whether this dataset is important data (重要数据)"
      + " under GB/T 43697-2024 and the sector catalogue; only the authority's recognition makes it so";

  private final DataStandard standard;
  private final EffectiveFields effectiveFields;
  private final LabelRepository labels;
  private final FieldClassifier classifier = new FieldClassifier(Thresholds.DEFAULTS);
  private final int maxRecords;
  private final ApplicationEventPublisher events;

  public SampleClassifier(DataStandard standard, EffectiveFields effectiveFields, LabelRepository labels,
      @Value("${brain.catalog.max-sample-records}") int maxRecords, ApplicationEventPublisher events) {
    this.events = events;
    this.standard = standard;
    this.effectiveFields = effectiveFields;
    this.labels = labels;
    this.maxRecords = maxRecords;
  }

  public Report classifyCsv(String entityName, String source, String csv, String by) {
    EntityStandard entity = entity(entityName);
    List<List<String>> rows;
    try {
      rows = Csv.parse(csv == null ? "" : csv);
    } catch (Csv.FormatException e) {
      throw ProblemException.badRequest("line " + e.line(), "the CSV cannot be read: " + e.getMessage());
    }
    if (rows.isEmpty() || rows.get(0).stream().allMatch(String::isBlank)) {
      throw ProblemException.badRequest("body", "the CSV needs a header row naming its columns");
    }
    List<String> header = rows.get(0).stream().map(String::strip).toList();
    Set<String> seen = new HashSet<>();
    for (int c = 0; c < header.size(); c++) {
      if (header.get(c).isEmpty() || !seen.add(header.get(c))) {
        throw ProblemException.badRequest("column " + (c + 1), "column " + (c + 1) + " of the header is "
            + (header.get(c).isEmpty() ? "empty" : "a duplicate of '" + header.get(c) + "'"));
      }
    }
    List<List<String>> data = rows.subList(1, rows.size()).stream()
        .filter(row -> !(row.size() == 1 && row.get(0).isBlank())).toList();
    limit(data.size());
    Map<String, List<String>> columns = new LinkedHashMap<>();
    for (FieldSample column : FieldSample.columns(header, data)) {
      columns.put(pointerOf(entity, column.name()), column.values());
    }
    return classify(entity, source, data.size(), columns, by);
  }

  public Report classifyJson(String entityName, String source, List<JsonNode> records, String by) {
    EntityStandard entity = entity(entityName);
    limit(records.size());
    Map<String, List<String>> fields = new LinkedHashMap<>();
    for (int i = 0; i < records.size(); i++) {
      JsonNode record = records.get(i);
      if (record == null || !record.isObject()) {
        throw ProblemException.badRequest("/" + i, "sample record " + i + " is not a JSON object");
      }
      // whole envelopes are welcome: their payload is the entity's data
      JsonNode payload = record.path("payload").isObject() && record.has("entity") ? record.get("payload") : record;
      flatten(payload, "", fields, entity);
    }
    return classify(entity, source, records.size(), fields, by);
  }

  /** Classifies fields already collected by pointer (the ingestion path's extension sampler uses this). */
  public Report classify(EntityStandard entity, String source, int records, Map<String, List<String>> fields,
      String by) {
    Map<String, EffectiveField> standardFields = new LinkedHashMap<>();
    for (EffectiveField field : effectiveFields.of(entity)) {
      if (field.origin() == EffectiveField.Origin.STANDARD) {
        standardFields.put(field.pointer(), field);
      }
    }
    List<FieldResult> results = new ArrayList<>();
    for (Map.Entry<String, List<String>> field : fields.entrySet()) {
      FieldSample sample = new FieldSample(field.getKey(), field.getValue());
      EffectiveField declared = standardFields.get(field.getKey());
      Optional<Suggestion> best = classifier.best(sample);
      List<Label> filed = new ArrayList<>();
      if (best.isPresent() && raisesProtection(best.get(), declared)) {
        Suggestion s = best.get();
        filed.add(labels.suggest(new Label.Proposal(entity.entity(), source, field.getKey(), s.category(),
            Grade.valueOf(s.grade()), s.personal(), s.sensitive(), s.recognizer().name(), s.sampled(), s.matched(),
            s.matchedShare(), s.confidence(), s.reason(), s.sensitive() ? IMPORTANT_DATA_REVIEW : null, by)));
      }
      if (!filed.isEmpty()) {
        events.publishEvent(new LabelsChanged(entity.entity()));
      }
      int values = (int) field.getValue().stream().filter(v -> v != null && !v.isBlank()).count();
      results.add(new FieldResult(field.getKey(), values, declared, filed));
    }
    return new Report(entity.entity(), source, records, results);
  }

  /** A recognizer only files a label where it would protect more than the standard already does. */
  private static boolean raisesProtection(Suggestion s, EffectiveField declared) {
    return declared == null || Grade.valueOf(s.grade()).above(declared.grade()) || (s.personal() && !declared.personal());
  }

  /** Source column names become standard pointers where they match, else extension fields if the entity has them. */
  private static String pointerOf(EntityStandard entity, String column) {
    String escaped = Pointers.escape(column);
    if (entity.payloadTypes().containsKey(column) || !entity.payloadTypes().containsKey("extensions")) {
      return "/" + escaped;
    }
    return "/extensions/" + escaped;
  }

  private static void flatten(JsonNode node, String pointer, Map<String, List<String>> out, EntityStandard entity) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> property : node.properties()) {
        String child = pointer.isEmpty()
            ? pointerOf(entity, property.getKey())
            : pointer + "/" + Pointers.escape(property.getKey());
        flatten(property.getValue(), child, out, entity);
      }
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        flatten(element, pointer + "/-", out, entity);
      }
    } else if (!pointer.isEmpty()) {
      out.computeIfAbsent(pointer, p -> new ArrayList<>()).add(node.isNull() ? null : node.asString());
    }
  }

  private void limit(int records) {
    if (records > maxRecords) {
      throw new CatalogException(HttpStatus.CONTENT_TOO_LARGE, "Sample too large", "a sample may hold at most "
          + maxRecords + " records; " + records + " sent", List.of(new FieldError("body", "at most " + maxRecords
          + " records")));
    }
  }

  private EntityStandard entity(String name) {
    return standard.entity(name)
        .orElseThrow(() -> ProblemException.notFound("entity", "no entity '" + name + "' in the data standard"));
  }
}
