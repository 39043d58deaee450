package org.enterprisebrain.standard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One entity of the data standard (e.g. operation-report): its domain, the natural key that orders
 * its records on Kafka, its versions and the classification of each of its fields.
 *
 * @param versions schema version → JSON Schema text, newest last
 * @param payloadTypes top-level payload field → JSON type of the newest version (for CSV conversion)
 */
public record EntityStandard(
    String entity,
    String title,
    String titleZh,
    String domain,
    String isa95,
    List<String> naturalKey,
    SortedMap<Integer, String> versions,
    List<FieldClassification> classification,
    Map<String, String> payloadTypes) {

  public EntityStandard {
    naturalKey = List.copyOf(naturalKey);
    versions = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(versions));
    classification = List.copyOf(classification);
    payloadTypes = Map.copyOf(payloadTypes);
  }

  public int newestVersion() {
    return versions.lastKey();
  }

  /** Topics carry the major version: brain.&lt;domain&gt;.&lt;entity&gt;.v&lt;major&gt;. */
  public String topic(int version) {
    return Topics.of(domain, entity, version);
  }

  /** The highest grade of any field: drives the protection of the whole record downstream. */
  public FieldClassification.Grade highestGrade() {
    return classification.stream()
        .map(FieldClassification::grade)
        .max(Enum::compareTo)
        .orElse(FieldClassification.Grade.L1);
  }

  /**
   * The value of the {@link Topics#HEADER_FIELD_GRADES} header: pointers graded above L1, highest grade
   * first, so a consumer protects each field without loading the standard.
   */
  public String fieldGrades() {
    Map<FieldClassification.Grade, List<String>> byGrade = new TreeMap<>(Comparator.reverseOrder());
    for (FieldClassification field : classification) {
      if (field.grade() != FieldClassification.Grade.L1) {
        byGrade.computeIfAbsent(field.grade(), g -> new ArrayList<>()).add(field.pointer());
      }
    }
    StringBuilder header = new StringBuilder();
    byGrade.forEach((grade, pointers) -> header.append(header.isEmpty() ? "" : ";").append(grade).append('=')
        .append(String.join(",", pointers)));
    return header.toString();
  }

  public boolean hasPersonalFields() {
    return classification.stream().anyMatch(FieldClassification::personal);
  }
}
