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
}
