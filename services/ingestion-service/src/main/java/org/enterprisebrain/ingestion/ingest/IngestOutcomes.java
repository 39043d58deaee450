package org.enterprisebrain.ingestion.ingest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.enterprisebrain.ingestion.api.model.FieldError;
import org.enterprisebrain.ingestion.api.model.RecordResult;
import org.enterprisebrain.messages.IngestOutcome;
import tools.jackson.databind.JsonNode;

/**
 * A batch's accepted and rejected counts per plant and source system, with how often each pointer failed, as
 * messages of api-specs/topics/ingest-outcomes.v1: the catalog turns them into rejection rates and validity scores.
 * Failed records are left out: they are resent and counted then.
 */
final class IngestOutcomes {

  /** A rejected record may lack a readable plant or source: it still counts, under this name. */
  static final String UNKNOWN = "?";

  private IngestOutcomes() {
  }

  static List<IngestOutcome> of(String entity, List<JsonNode> records, RecordResult[] results, Instant at) {
    Map<List<String>, int[]> counts = new LinkedHashMap<>();
    Map<List<String>, Map<String, Integer>> errors = new LinkedHashMap<>();
    for (int i = 0; i < results.length; i++) {
      RecordResult result = results[i];
      boolean accepted = result.getStatus() == RecordResult.StatusEnum.ACCEPTED;
      if (!accepted && result.getStatus() != RecordResult.StatusEnum.REJECTED) {
        continue;
      }
      JsonNode record = records.get(i);
      List<String> key = List.of(text(record.path("plant")), text(record.path("source").path("system")));
      counts.computeIfAbsent(key, k -> new int[2])[accepted ? 0 : 1]++;
      if (!accepted && result.getErrors() != null) {
        Map<String, Integer> byPointer = errors.computeIfAbsent(key, k -> new TreeMap<>());
        for (FieldError error : result.getErrors()) {
          // "/payload/scrap" of record 3 and of record 7 are the same field
          byPointer.merge(error.getPointer(), 1, Integer::sum);
        }
      }
    }
    return counts.entrySet().stream()
        .map(e -> new IngestOutcome(entity, e.getKey().get(0), e.getKey().get(1), e.getValue()[0], e.getValue()[1],
            Map.copyOf(errors.getOrDefault(e.getKey(), Map.of())), at))
        .toList();
  }

  private static String text(JsonNode node) {
    return node.isString() && !node.asString().isBlank() ? node.asString() : UNKNOWN;
  }
}
