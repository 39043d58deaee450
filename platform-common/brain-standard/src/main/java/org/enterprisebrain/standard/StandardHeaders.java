package org.enterprisebrain.standard;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The headers every standard record carries on Kafka, whoever put it there (the ingestion API, a device
 * connector): consumers route, protect and trace it without parsing. Names in {@link Topics}.
 */
public final class StandardHeaders {

  private StandardHeaders() {
  }

  /** What differs per record: its id, the standard's version it follows, the system that sent it. */
  public static List<Map.Entry<String, String>> ofRecord(String id, int schemaVersion, String sourceSystem) {
    return List.of(Map.entry(Topics.HEADER_RECORD_ID, id),
        Map.entry(Topics.HEADER_SCHEMA_VERSION, Integer.toString(schemaVersion)),
        Map.entry(Topics.HEADER_SOURCE_SYSTEM, sourceSystem));
  }

  /**
   * What is the same for every record of an entity received together: its grade and personal flag (the catalog
   * protects by them), the graded fields, when and by whom it was received.
   */
  public static List<Map.Entry<String, String>> ofBatch(EntityStandard entity, String fieldGrades, Instant receivedAt,
      String receivedBy) {
    return List.of(Map.entry(Topics.HEADER_GRADE, entity.highestGrade().name()),
        Map.entry(Topics.HEADER_PERSONAL, Boolean.toString(entity.hasPersonalFields())),
        Map.entry(Topics.HEADER_FIELD_GRADES, fieldGrades),
        Map.entry(Topics.HEADER_RECEIVED_AT, receivedAt.toString()),
        Map.entry(Topics.HEADER_INGESTED_BY, receivedBy));
  }
}
