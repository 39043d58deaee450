package org.enterprisebrain.ingestion.ingest;

import java.util.List;
import org.enterprisebrain.ingestion.api.model.RecordResult;
import org.enterprisebrain.standard.FieldError;
import org.enterprisebrain.web.ProblemException;
import org.springframework.http.HttpStatus;

/** A request the API refuses as a whole; rendered as RFC 9457 problem details. */
public class IngestionException extends ProblemException {

  private final List<RecordResult> results;

  public IngestionException(HttpStatus status, String title, String detail, List<FieldError> errors,
      List<RecordResult> results) {
    super(status, title, detail, errors);
    this.results = List.copyOf(results);
  }

  public static IngestionException unknownEntity(String entity) {
    return new IngestionException(HttpStatus.NOT_FOUND, "Unknown entity",
        "the data standard has no entity '" + entity + "' (GET /api/v1/standards lists them)",
        List.of(new FieldError("entity", "unknown entity '" + entity + "'")), List.of());
  }

  public static IngestionException tooLarge(String detail) {
    return new IngestionException(HttpStatus.CONTENT_TOO_LARGE, "Batch too large", detail, List.of(), List.of());
  }

  public static IngestionException badRequest(String detail, List<FieldError> errors) {
    return new IngestionException(HttpStatus.BAD_REQUEST, "Malformed request", detail, errors, List.of());
  }

  public static IngestionException notFound(String detail, List<FieldError> errors) {
    return new IngestionException(HttpStatus.NOT_FOUND, "Not found", detail, errors, List.of());
  }

  public static IngestionException unavailable(String detail) {
    return new IngestionException(HttpStatus.SERVICE_UNAVAILABLE, "Kafka unavailable", detail, List.of(), List.of());
  }

  public List<RecordResult> results() {
    return results;
  }
}
