package org.enterprisebrain.web;

import java.util.List;
import org.enterprisebrain.standard.FieldError;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** A request a service refuses as a whole, with the fields at fault: rendered as RFC 9457 problem details. */
public class ProblemException extends RuntimeException {

  private final HttpStatus status;
  private final String title;
  private final List<FieldError> errors;

  public ProblemException(HttpStatus status, String title, String detail, List<FieldError> errors) {
    super(detail);
    this.status = status;
    this.title = title;
    this.errors = List.copyOf(errors);
  }

  public static ProblemException badRequest(String field, String message) {
    return new ProblemException(HttpStatus.BAD_REQUEST, "Bad request", message, List.of(new FieldError(field, message)));
  }

  public static ProblemException notFound(String field, String message) {
    return new ProblemException(HttpStatus.NOT_FOUND, "Not found", message, List.of(new FieldError(field, message)));
  }

  public static ProblemException forbidden(String field, String message) {
    return new ProblemException(HttpStatus.FORBIDDEN, "Forbidden", message, List.of(new FieldError(field, message)));
  }

  public static ProblemException conflict(String field, String message) {
    return new ProblemException(HttpStatus.CONFLICT, "Conflict", message, List.of(new FieldError(field, message)));
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }

  public List<FieldError> errors() {
    return errors;
  }

  public ProblemDetail toProblem() {
    return Problems.problem(status, title, getMessage(), errors);
  }
}
