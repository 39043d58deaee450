package org.enterprisebrain.connector.web;

import org.enterprisebrain.web.ProblemAdvice;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The platform's problem+json answers for every error of the connector API. */
@RestControllerAdvice
public class ProblemHandler extends ProblemAdvice {
}
