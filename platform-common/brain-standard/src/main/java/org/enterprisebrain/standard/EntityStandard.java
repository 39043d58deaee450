package org.enterprisebrain.standard;

import java.util.List;
import java.util.SortedMap;

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
    java.util.Map<String, String> payloadTypes) {

  public EntityStandard {
    naturalKey = List.copyOf(naturalKey);
    versions = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(versions));
    classification = List.copyOf(classification);
    payloadTypes = java.util.Map.copyOf(payloadTypes);
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

  public boolean hasPersonalFields() {
    return classification.stream().anyMatch(FieldClassification::personal);
  }
}
