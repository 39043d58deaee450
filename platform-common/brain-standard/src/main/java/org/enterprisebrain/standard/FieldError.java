package org.enterprisebrain.standard;

/** One violation of the data standard: where (a JSON pointer into the record) and what. */
public record FieldError(String pointer, String message) {
}
