package org.enterprisebrain.registry.web;

import java.util.List;
import org.enterprisebrain.web.PgColumns;
import org.postgresql.util.PGobject;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The API's values in and out of jsonb columns, with the service's one JSON mapper. */
@Component
public class Jsonb {

  private final JsonMapper json;

  public Jsonb(JsonMapper json) {
    this.json = json;
  }

  public PGobject of(Object value) {
    return PgColumns.jsonb(value == null ? null : json.writeValueAsString(value));
  }

  public <T> T read(String text, Class<T> type) {
    return text == null ? null : json.readValue(text, type);
  }

  public <T> T read(String text, TypeReference<T> type) {
    return text == null ? null : json.readValue(text, type);
  }

  public <T> List<T> list(String text, Class<T> element) {
    return text == null ? List.of()
        : json.readValue(text, json.getTypeFactory().constructCollectionType(List.class, element));
  }

  public JsonMapper mapper() {
    return json;
  }
}
