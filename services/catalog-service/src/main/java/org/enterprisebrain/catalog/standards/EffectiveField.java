package org.enterprisebrain.catalog.standards;

import org.enterprisebrain.catalog.classification.Label;
import org.enterprisebrain.catalog.scheme.Grade;

/** A field's label as the platform enforces it: the standard's, raised by any label that protects it. */
public record EffectiveField(String pointer, String category, Grade grade, boolean personal, Origin origin,
    Long labelId, Label.State state) {

  public enum Origin { STANDARD, LABEL }
}
