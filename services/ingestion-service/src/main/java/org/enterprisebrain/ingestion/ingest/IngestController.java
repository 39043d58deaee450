package org.enterprisebrain.ingestion.ingest;

import java.util.List;
import org.enterprisebrain.ingestion.api.IngestionApi;
import org.enterprisebrain.ingestion.api.model.IngestResult;
import org.enterprisebrain.security.BrainPrincipal;
import org.enterprisebrain.web.Callers;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Implements the generated interface of api-specs/ingestion.yaml. */
@RestController
public class IngestController implements IngestionApi {

  private final IngestionService ingestion;
  private final CsvRecords csv;

  public IngestController(IngestionService ingestion, CsvRecords csv) {
    this.ingestion = ingestion;
    this.csv = csv;
  }

  @Override
  public ResponseEntity<IngestResult> ingestRecords(String entity, List<JsonNode> records) {
    return ResponseEntity.ok(ingestion.ingest(entity, records, caller()));
  }

  @Override
  public ResponseEntity<IngestResult> ingestCsv(String entity, String body, String mapping, String plant,
      String sourceSystem, String sourceKind, Integer schemaVersion) {
    List<JsonNode> records = csv.toRecords(ingestion.entity(entity), body,
        new CsvRecords.Defaults(mapping, plant, sourceSystem, sourceKind, schemaVersion == null ? 1 : schemaVersion));
    return ResponseEntity.ok(ingestion.ingest(entity, records, caller()));
  }

  static BrainPrincipal caller() {
    return Callers.current();
  }
}
