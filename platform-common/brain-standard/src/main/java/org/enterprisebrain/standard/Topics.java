package org.enterprisebrain.standard;

/** Kafka naming conventions of the platform; the platform's own topics named by their schemas (TopicSchemas). */
public final class Topics {

  /** Headers every published record carries, so consumers route and protect it without parsing. */
  public static final String HEADER_RECORD_ID = "brain-record-id";
  public static final String HEADER_SCHEMA_VERSION = "brain-schema-version";
  public static final String HEADER_SOURCE_SYSTEM = "brain-source-system";
  public static final String HEADER_GRADE = "brain-grade";
  public static final String HEADER_PERSONAL = "brain-personal";
  /** The fields graded above L1, by grade: {@code L3=/idNumber,/phone;L2=/name}; unlisted fields are L1. */
  public static final String HEADER_FIELD_GRADES = "brain-field-grades";
  public static final String HEADER_RECEIVED_AT = "brain-received-at";
  public static final String HEADER_INGESTED_BY = "brain-ingested-by";

  /**
   * What ingestion accepted and rejected per batch, entity, plant and source system (with the pointers
   * that failed): the catalog's rejection rates and validity scores. Not a standard topic: three dot
   * segments, so consumers of {@code brain.<domain>.<entity>.v<major>} never see it.
   */
  public static final String INGEST_OUTCOMES = TopicSchemas.topic("ingest-outcomes.v1");

  /** Alerts of the analytics jobs (SPC rules, health and energy anomalies), keyed plant|equipment. */
  public static final String ALERTS = TopicSchemas.topic("alerts.v1");

  /** The registry's model deployments (compacted, keyed by deployment id), read by the score job. */
  public static final String MODEL_DEPLOYMENTS = TopicSchemas.topic("model-deployments.v1");

  /** The other services' audited changes and downloads, keyed by id, which the catalog appends to its chain. */
  public static final String AUDIT = TopicSchemas.topic("audit.v1");

  private Topics() {
  }

  public static String of(String domain, String entity, int major) {
    return "brain." + domain + "." + entity + ".v" + major;
  }
}
