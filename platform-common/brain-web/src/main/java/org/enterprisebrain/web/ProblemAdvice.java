package org.enterprisebrain.web;

import static org.enterprisebrain.web.Problems.problem;

import java.io.UncheckedIOException;
import java.util.List;
import org.enterprisebrain.standard.FieldError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as RFC 9457 problem details naming the field, Spring MVC's own (415, 405 …) alike. A service
 * subclasses it as its {@code @RestControllerAdvice}.
 */
public abstract class ProblemAdvice extends ResponseEntityExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemAdvice.class);

  @ExceptionHandler(ProblemException.class)
  ResponseEntity<ProblemDetail> refused(ProblemException e) {
    return ResponseEntity.status(e.status()).body(e.toProblem());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException e) {
    String detail = "'" + e.getValue() + "' is not a valid value for " + e.getName();
    return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Bad request", detail,
        List.of(new FieldError(e.getName(), detail))));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof BodyLimitFilter.BodyTooLargeException) { // a chunked body past the limit
        String detail = cause.getMessage() + ": send less at a time";
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem(HttpStatus.CONTENT_TOO_LARGE,
            "Body too large", detail, List.of(new FieldError("body", detail))));
      }
    }
    String detail = "the body is not readable: " + (e.getMostSpecificCause() == null ? e.getMessage()
        : e.getMostSpecificCause().getMessage());
    return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Malformed request", detail,
        List.of(new FieldError(field(e), detail))));
  }

  /** The field Jackson could not read (a value not in an enum, a date that is none), "" when not one field. */
  static String field(HttpMessageNotReadableException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof tools.jackson.core.JacksonException j && !j.getPath().isEmpty()) {
        StringBuilder path = new StringBuilder();
        for (var ref : j.getPath()) {
          String name = ref.getPropertyName();
          path.append(path.isEmpty() ? "" : "/").append(name != null ? name : Integer.toString(ref.getIndex()));
        }
        return path.toString();
      }
    }
    return "";
  }

  @Override
  protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String detail = "the " + e.getParameterType() + " parameter " + e.getParameterName() + " is required";
    return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Bad request", detail,
        List.of(new FieldError(e.getParameterName(), detail))));
  }

  /** Elasticsearch (or another backing server) unreachable: try again later, as the specs say. */
  @ExceptionHandler(UncheckedIOException.class)
  ResponseEntity<ProblemDetail> unavailable(UncheckedIOException e) {
    // the cause (timeout, refused connection, reset) is what an operator needs: the client only learns "later"
    LOG.warn("backing server unavailable: {}: {}", e.getMessage(), String.valueOf(e.getCause()));
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
        .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Unavailable", e.getMessage() + ": try again shortly",
            List.of()));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    LOG.error("unexpected error", e);
    return ResponseEntity.internalServerError().body(problem(HttpStatus.INTERNAL_SERVER_ERROR,
        "Internal error", "the request could not be processed", List.of()));
  }
}
