package org.enterprisebrain.catalog.scheme;

/** What the platform does with data of one grade: how it masks it, whether reads are audited, and so on. */
public record ProtectionPolicy(Grade grade, Masking masking, boolean auditReads, boolean encryptAtRest,
    int backupRetentionDays) {

  public enum Masking { NONE, PARTIAL, FULL }

  /** How the policy reads in the audit log. */
  public String describe() {
    return grade + ": " + masking.name().toLowerCase(java.util.Locale.ROOT) + " masking below clearance "
        + grade + (auditReads ? ", reads audited" : "");
  }
}
