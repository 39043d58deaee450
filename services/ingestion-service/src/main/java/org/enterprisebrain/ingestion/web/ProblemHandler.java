package org.enterprisebrain.ingestion.web;

import static org.enterprisebrain.web.Problems.problem;

import java.util.List;
import org.enterprisebrain.ingestion.ingest.IngestionException;
import org.enterprisebrain.ingestion.ingest.IngestionProperties;
import org.enterprisebrain.web.BodyLimitFilter;
import org.enterprisebrain.standard.FieldError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Every error as RFC 9457 problem details naming the offending field ({@code errors[].pointer}); Spring
 * MVC's own exceptions (415, 405, 404 …) come through the base class in the same form.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);
  private final IngestionProperties properties;

  public ProblemHandler(IngestionProperties properties) {
    this.properties = properties;
  }

  @ExceptionHandler(IngestionException.class)
  ResponseEntity<ProblemDetail> ingestion(IngestionException e) {
    ProblemDetail problem = problem(e.status(), e.title(), e.getMessage(), e.errors());
    if (!e.results().isEmpty()) {
      problem.setProperty("results", e.results());
    }
    ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
    if (e.status() == HttpStatus.SERVICE_UNAVAILABLE) {
      response.header(HttpHeaders.RETRY_AFTER, Long.toString(properties.retryAfter().toSeconds()));
    }
    return response.body(problem);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof BodyLimitFilter.BodyTooLargeException) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem(HttpStatus.CONTENT_TOO_LARGE,
            "Batch too large", cause.getMessage() + ": split the batch", List.of()));
      }
    }
    String detail = "the body is not a readable batch: expected a JSON array of records (application/json)"
        + " or one record per line (application/x-ndjson)";
    String pointer = "";
    if (e.getMessage() != null && e.getMessage().startsWith("line ")) {
      detail = "malformed NDJSON: " + e.getMessage();
    } else if (e.getCause() instanceof JacksonException parse) {
      detail = "malformed JSON: " + parse.getOriginalMessage();
      if (parse.getLocation() != null) {
        detail += " (line " + parse.getLocation().getLineNr() + ", column " + parse.getLocation().getColumnNr() + ")";
      }
      pointer = parse.getPath().isEmpty() ? "" : pointerOf(parse);
    }
    return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Malformed request", detail,
        List.of(new FieldError(pointer, detail))));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    LOG.error("unexpected error", e);
    return ResponseEntity.internalServerError().body(problem(HttpStatus.INTERNAL_SERVER_ERROR,
        "Internal error", "the request could not be processed; nothing of it was accepted", List.of()));
  }

  private static String pointerOf(JacksonException e) {
    StringBuilder pointer = new StringBuilder();
    for (JacksonException.Reference ref : e.getPath()) {
      pointer.append('/').append(ref.getPropertyName() != null ? ref.getPropertyName() : ref.getIndex());
    }
    return pointer.toString();
  }
}
