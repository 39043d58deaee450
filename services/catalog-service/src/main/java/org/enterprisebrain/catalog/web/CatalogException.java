package org.enterprisebrain.catalog.web;

import java.util.List;
import org.enterprisebrain.standard.FieldError;
import org.enterprisebrain.web.ProblemException;
import org.springframework.http.HttpStatus;

/** A request the catalog refuses, answered as problem+json naming the field. */
public class CatalogException extends ProblemException {

  public CatalogException(HttpStatus status, String title, String detail, List<FieldError> errors) {
    super(status, title, detail, errors);
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
}
