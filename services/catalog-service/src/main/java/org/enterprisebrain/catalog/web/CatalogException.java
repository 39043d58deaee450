package org.enterprisebrain.catalog.web;

import java.util.List;
import org.enterprisebrain.standard.FieldError;
import org.springframework.http.HttpStatus;

/** A request the catalog refuses, answered as problem+json naming the field. */
public class CatalogException extends RuntimeException {

  private final HttpStatus status;
  private final String title;
  private final List<FieldError> errors;

  public CatalogException(HttpStatus status, String title, String detail, List<FieldError> errors) {
    super(detail);
    this.status = status;
    this.title = title;
    this.errors = List.copyOf(errors);
  }

  public static CatalogException badRequest(String field, String message) {
    return new CatalogException(HttpStatus.BAD_REQUEST, "Bad request", message, List.of(new FieldError(field, message)));
  }

  public static CatalogException notFound(String field, String message) {
    return new CatalogException(HttpStatus.NOT_FOUND, "Not found", message, List.of(new FieldError(field, message)));
  }

  public static CatalogException forbidden(String field, String message) {
    return new CatalogException(HttpStatus.FORBIDDEN, "Forbidden", message, List.of(new FieldError(field, message)));
  }

  public static CatalogException conflict(String field, String message) {
    return new CatalogException(HttpStatus.CONFLICT, "Conflict", message, List.of(new FieldError(field, message)));
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
}
