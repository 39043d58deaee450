package org.enterprisebrain.catalog.quality;

/** One data quality rule of an entity (timeliness of whole records, or the range of a field's values). */
public record QualityRule(long id, String entity, String pointer, Dimension dimension, Double min, Double max,
    Integer maxLagSeconds, String description) {

  public enum Dimension { TIMELINESS, RANGE }
}
