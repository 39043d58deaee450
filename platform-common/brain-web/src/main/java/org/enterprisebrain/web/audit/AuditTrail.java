package org.enterprisebrain.web.audit;

import org.enterprisebrain.messages.AuditedAction;

/**
 * Where a service's audited actions go: the catalog's hash chain, directly (the catalog) or over the audit topic
 * (every other service). Throws when the action could not be handed on.
 */
@FunctionalInterface
public interface AuditTrail {

  void append(AuditedAction action);
}
