package org.enterprisebrain.ingestion.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads application/x-ndjson (one record per line, blank lines ignored) as a list of records. */
@Component
public class NdjsonMessageConverter extends AbstractHttpMessageConverter<List<JsonNode>> {

  public static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  public NdjsonMessageConverter() {
    super(StandardCharsets.UTF_8, NDJSON);
  }

  @Override
  protected boolean supports(Class<?> clazz) {
    return List.class.isAssignableFrom(clazz);
  }

  @Override
  protected boolean canWrite(MediaType mediaType) {
    return false;
  }

  @Override
  protected List<JsonNode> readInternal(Class<? extends List<JsonNode>> clazz, HttpInputMessage input)
      throws IOException {
    List<JsonNode> records = new ArrayList<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(input.getBody(), StandardCharsets.UTF_8));
    int line = 0;
    for (String text; (text = reader.readLine()) != null; ) {
      line++;
      if (text.isBlank()) {
        continue;
      }
      try {
        records.add(JSON.readTree(text));
      } catch (JacksonException e) {
        throw new HttpMessageNotReadableException("line " + line + " is not valid JSON: "
            + e.getOriginalMessage(), e, input);
      }
    }
    return records;
  }

  @Override
  protected void writeInternal(List<JsonNode> records, HttpOutputMessage output) {
    throw new UnsupportedOperationException("NDJSON is only read");
  }
}
