package org.enterprisebrain.ingestion.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.ZoneOffset;
import java.util.List;
import org.enterprisebrain.ingestion.api.MappingsApi;
import org.enterprisebrain.ingestion.api.model.FileMapping;
import org.enterprisebrain.ingestion.api.model.MappingDefinition;
import org.enterprisebrain.ingestion.api.model.StoredMapping;
import org.enterprisebrain.messages.StoredFileMapping;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
public class MappingsController implements MappingsApi {

  /** Absent parts of a mapping stay absent (a null id rule is no IdRule to check). */
  static final JsonMapper JSON = JsonMapper.builder()
      .changeDefaultPropertyInclusion(i -> JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
          JsonInclude.Include.NON_NULL))
      .build();

  private final MappingStore store;

  public MappingsController(MappingStore store) {
    this.store = store;
  }

  @Override
  public ResponseEntity<List<StoredMapping>> listMappings() {
    return ResponseEntity.ok(store.all().stream().map(MappingsController::api).toList());
  }

  @Override
  public ResponseEntity<StoredMapping> getMapping(String name) {
    return ResponseEntity.ok(api(store.required(name, "name")));
  }

  @Override
  public ResponseEntity<StoredMapping> putMapping(String name, MappingDefinition definition) {
    JsonNode mapping = JSON.valueToTree(definition.getMapping());
    FileMappings.of(mapping, "mapping"); // refused here, naming the field, rather than at every upload
    return ResponseEntity.ok(api(store.put(name, definition.getEntity(), definition.getDescription(),
        JSON.treeToValue(mapping, Object.class), IngestController.caller().name())));
  }

  /** The stored mapping an upload names, applied as one sent with it would be. */
  static FileMappings named(MappingStore store, String name) {
    return FileMappings.of(JSON.valueToTree(store.required(name, "mappingName").mapping()), "mappingName");
  }

  private static StoredMapping api(StoredFileMapping m) {
    return new StoredMapping(m.name(), JSON.convertValue(m.mapping(), FileMapping.class),
        m.changedAt().atOffset(ZoneOffset.UTC), m.changedBy()).entity(m.entity()).description(m.description());
  }
}
