package org.enterprisebrain.catalog.audit;

import java.time.Instant;
import java.util.List;
import org.enterprisebrain.catalog.scheme.Grade;

/**
 * One decision on a graded read, with what Apache Ranger records: who (user and client), from where,
 * which resource and fields, the grade, the policy applied and the decision; and its link in the chain
 * ({@link AuditChain}, hex; null only before it is written).
 */
public record AuditEvent(long id, Instant at, String principal, String clientId, String clientAddress,
    String resource, List<String> fields, Grade grade, String policy, Decision decision, String hash) {

  public enum Decision { ALLOWED, MASKED, DENIED, WRITTEN }

  public AuditEvent {
    fields = List.copyOf(fields);
  }
}
