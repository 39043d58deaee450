package org.enterprisebrain.registry.web;

import java.util.List;
import org.enterprisebrain.standard.FieldError;
import org.enterprisebrain.web.ProblemAdvice;
import org.enterprisebrain.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/** The platform's problem+json answers for every error of the registry API, multipart ones included. */
@RestControllerAdvice
public class ProblemHandler extends ProblemAdvice {

  @Override
  protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String detail = "the multipart part '" + e.getRequestPartName() + "' is required";
    return ResponseEntity.badRequest().body(Problems.problem(HttpStatus.BAD_REQUEST, "Bad request", detail,
        List.of(new FieldError(e.getRequestPartName(), detail))));
  }

  @Override
  protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String detail = "the artifact is larger than BRAIN_REGISTRY_MAX_ARTIFACT (" + e.getMaxUploadSize() + " bytes)";
    return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(Problems.problem(HttpStatus.CONTENT_TOO_LARGE,
        "Artifact too large", detail, List.of(new FieldError("artifact", detail))));
  }
}
