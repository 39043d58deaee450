package org.enterprisebrain.web.audit;

import java.util.Arrays;
import java.util.Optional;
import org.enterprisebrain.messages.AuditedAction;

/**
 * How the audit log names an {@link AuditedAction} (the message of api-specs/topics/audit.v1, generated): what was
 * acted on and under which policy, the same for the catalog's own actions and those arriving over the topic.
 */
public final class AuditedActions {

  private AuditedActions() {
  }

  /** What was acted on, as the audit log names a resource: method and path. */
  public static String resource(AuditedAction action) {
    return action.method().value() + " " + action.path();
  }

  /** The audit log's policy: the kind and the operation, e.g. {@code write: createDeployment}. */
  public static String policy(AuditedAction action) {
    return action.kind().value() + ": " + action.operationId();
  }

  /** The kind an operation's {@code x-audit} names; none for an operation not audited. */
  public static Optional<AuditedAction.KindEnum> kind(String audit) {
    return Arrays.stream(AuditedAction.KindEnum.values()).filter(k -> k.value().equals(audit)).findFirst();
  }
}
