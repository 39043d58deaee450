package org.enterprisebrain.web.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One audited call: a change ({@code x-audit: write}) or an attachment served ({@code x-audit: download}) that
 * succeeded. The message of api-specs/topics/audit.v1 (field for field), and what the catalog appends to its
 * audit chain for its own operations.
 *
 * @param id          the auditing service's: an action delivered twice is appended once
 * @param service     the spec the operation is declared in
 * @param clientId    the token's authorized party; null when it names none
 * @param kind        the operation's {@code x-audit}
 */
public record AuditedAction(UUID id, Instant at, String service, String principal, String clientId,
    String clientAddress, String method, String path, String operationId, String kind) {

  public static final String WRITE = "write";
  public static final String DOWNLOAD = "download";

  /** What was acted on, as the audit log names a resource: method and path. */
  public String resource() {
    return method + " " + path;
  }

  /** The audit log's policy: the kind and the operation, e.g. {@code write: createDeployment}. */
  public String policy() {
    return kind + ": " + operationId;
  }
}
