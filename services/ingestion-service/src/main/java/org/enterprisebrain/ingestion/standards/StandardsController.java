package org.enterprisebrain.ingestion.standards;

import java.util.Map;
import org.enterprisebrain.ingestion.api.StandardsApi;
import org.enterprisebrain.ingestion.api.model.EntityStandard;
import org.enterprisebrain.ingestion.api.model.StandardCatalog;
import org.enterprisebrain.ingestion.ingest.IngestionException;
import org.enterprisebrain.standard.DataStandard;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The data standard as published: entities, versions, topics, natural keys and JSON Schemas. */
@RestController
public class StandardsController implements StandardsApi {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final DataStandard standard;

  public StandardsController(DataStandard standard) {
    this.standard = standard;
  }

  @Override
  public ResponseEntity<StandardCatalog> listStandards() {
    StandardCatalog catalog = new StandardCatalog().version(standard.entities().stream()
        .mapToInt(org.enterprisebrain.standard.EntityStandard::newestVersion).max().orElse(1));
    standard.entities().forEach(e -> catalog.addEntitiesItem(new EntityStandard().entity(e.entity())
        .title(e.title()).titleZh(e.titleZh()).domain(e.domain()).isa95(e.isa95())
        .topic(e.topic(e.newestVersion())).versions(e.versions().keySet().stream().toList())
        .naturalKey(e.naturalKey())));
    return ResponseEntity.ok(catalog);
  }

  @Override
  public ResponseEntity<Map<String, Object>> getStandardSchema(String entity, Integer version) {
    org.enterprisebrain.standard.EntityStandard found =
        standard.entity(entity).orElseThrow(() -> IngestionException.unknownEntity(entity));
    String schema = found.versions().get(version);
    if (schema == null) {
      throw new IngestionException(org.springframework.http.HttpStatus.NOT_FOUND, "Unknown version",
          "entity '" + entity + "' has versions " + found.versions().keySet(),
          java.util.List.of(new org.enterprisebrain.standard.FieldError("version", "no version " + version)),
          java.util.List.of());
    }
    return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/schema+json"))
        .body(JSON.readValue(schema, new TypeReference<Map<String, Object>>() { }));
  }
}
