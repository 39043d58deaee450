package org.enterprisebrain.catalog.classification;

/** Labels of an entity were filed or decided: what is stored of it may need more protection now. */
public record LabelsChanged(String entity) {
}
