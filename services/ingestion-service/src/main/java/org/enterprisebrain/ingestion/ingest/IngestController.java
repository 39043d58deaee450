package org.enterprisebrain.ingestion.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.enterprisebrain.ingestion.api.model.B2mmlResult;
import org.enterprisebrain.ingestion.b2mml.B2mmlImport;
import org.enterprisebrain.standard.FieldError;
import org.enterprisebrain.web.BodyLimitFilter;
import org.springframework.core.io.Resource;
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
  private final B2mmlImport b2mml;
  private final MappingStore mappings;

  public IngestController(IngestionService ingestion, CsvRecords csv, B2mmlImport b2mml, MappingStore mappings) {
    this.ingestion = ingestion;
    this.csv = csv;
    this.b2mml = b2mml;
    this.mappings = mappings;
  }

  @Override
  public ResponseEntity<IngestResult> ingestRecords(String entity, List<JsonNode> records) {
    return ResponseEntity.ok(ingestion.ingest(entity, records, caller()));
  }

  @Override
  public ResponseEntity<IngestResult> ingestCsv(String entity, String body, String mapping, String plant,
      String sourceSystem, String sourceKind, Integer schemaVersion, String mappingName, String fileMapping) {
    if (mappingName != null && fileMapping != null) {
      throw IngestionException.badRequest("send a mapping or name a stored one, not both",
          List.of(new FieldError("mappingName", "not with fileMapping")));
    }
    List<JsonNode> records = csv.toRecords(ingestion.entity(entity), body,
        new CsvRecords.Defaults(mapping, plant, sourceSystem, sourceKind, schemaVersion == null ? 1 : schemaVersion,
            mappingName != null ? MappingsController.named(mappings, mappingName) : FileMappings.parse(fileMapping)));
    return ResponseEntity.ok(ingestion.ingest(entity, records, caller()));
  }

  @Override
  public ResponseEntity<B2mmlResult> ingestB2mml(String plant, Resource body, String sourceSystem, String sourceKind,
      String zone) {
    byte[] xml;
    try (InputStream in = body.getInputStream()) {
      xml = in.readAllBytes();
    } catch (BodyLimitFilter.BodyTooLargeException e) {
      throw IngestionException.tooLarge(e.getMessage() + ": split the document");
    } catch (IOException e) {
      throw IngestionException.badRequest("the body could not be read to its end: " + e.getMessage(),
          List.of(new FieldError("body", "unreadable")));
    }
    return ResponseEntity.ok(b2mml.ingest(xml, new B2mmlImport.Options(plant, sourceSystem, sourceKind, zone), caller()));
  }

  static BrainPrincipal caller() {
    return Callers.current();
  }
}
