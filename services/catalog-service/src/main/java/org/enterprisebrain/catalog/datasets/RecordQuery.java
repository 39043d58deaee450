package org.enterprisebrain.catalog.datasets;

import org.enterprisebrain.web.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.enterprisebrain.catalog.audit.AuditEvent;
import org.enterprisebrain.catalog.audit.AuditLog;
import org.enterprisebrain.catalog.protection.FieldProtection;
import org.enterprisebrain.catalog.scheme.Grade;
import org.enterprisebrain.catalog.scheme.ProtectionPolicy;
import org.enterprisebrain.catalog.scheme.SchemeRepository;
import org.enterprisebrain.catalog.standards.EffectiveField;
import org.enterprisebrain.catalog.standards.EffectiveFields;
import org.enterprisebrain.security.BrainPrincipal;
import org.enterprisebrain.standard.DataStandard;
import org.enterprisebrain.standard.EntityStandard;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Record reads with protection by grade enforced: fields above the caller's clearance are masked by their
 * grade's policy, and every read that returns (masked or not) a field whose policy audits reads, or is refused,
 * is in the audit log before the answer leaves.
 */
@Service
public class RecordQuery {

  /** A page of masked records, and what the caller did not get to see. */
  public record Page(String entity, String plant, Grade clearance, List<Record> records, SortedSet<String> masked) {
  }

  public record Record(String id, String sourceSystem, String plant, String occurredAt, ObjectNode payload) {
  }

  /** Who asks, from where. */
  public record Caller(BrainPrincipal principal, String clientId, String address) {
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final DataStandard standard;
  private final RecordStore store;
  private final EffectiveFields fields;
  private final SchemeRepository scheme;
  private final AuditLog audit;
  private final FieldProtection protection;

  public RecordQuery(DataStandard standard, RecordStore store, EffectiveFields fields, SchemeRepository scheme,
      AuditLog audit, FieldProtection protection) {
    this.protection = protection;
    this.standard = standard;
    this.store = store;
    this.fields = fields;
    this.scheme = scheme;
    this.audit = audit;
  }

  public Page newest(String entityName, String plant, String source, int limit, Caller caller) {
    EntityStandard entity = standard.entity(entityName)
        .orElseThrow(() -> ProblemException.notFound("entity", "no entity '" + entityName + "' in the data standard"));
    List<EffectiveField> effective = fields.of(entity);
    Map<Grade, ProtectionPolicy> policies = scheme.policies();
    String resource = "dataset " + entityName + " plant " + plant + (source == null ? "" : " source " + source);
    if (!caller.principal().mayActForPlant(plant)) {
      List<String> graded = effective.stream().filter(f -> audited(policies, f)).map(EffectiveField::pointer).toList();
      Grade highest = EffectiveFields.highest(effective);
      audit.record(caller.principal().name(), caller.clientId(), caller.address(), resource, graded, highest,
          "plant scope " + caller.principal().plants(), AuditEvent.Decision.DENIED);
      throw ProblemException.forbidden("plant", "plant '" + plant + "' is outside this token's plants "
          + caller.principal().plants());
    }
    Grade clearance = Grade.clearance(caller.principal().clearance());
    List<Record> records = new ArrayList<>();
    SortedSet<String> masked = new TreeSet<>();
    SortedSet<String> graded = new TreeSet<>();
    for (Map<String, Object> doc : store.newest(entityName, plant, source, limit)) {
      ObjectNode payload = doc.get("payload") instanceof Map<?, ?> map ? JSON.valueToTree(map) : JSON.createObjectNode();
      protection.decrypt(payload);
      Masking.Outcome outcome = Masking.apply(payload, effective, clearance, policies);
      masked.addAll(outcome.masked());
      graded.addAll(outcome.audited());
      records.add(new Record(String.valueOf(doc.get("id")), String.valueOf(doc.get("sourceSystem")),
          String.valueOf(doc.get("plant")), String.valueOf(doc.get("occurredAt")), payload));
    }
    if (!graded.isEmpty()) {
      Grade highest = effective.stream().filter(f -> graded.contains(f.pointer())).map(EffectiveField::grade)
          .max(Enum::compareTo).orElse(Grade.L3);
      boolean anyMasked = graded.stream().anyMatch(masked::contains);
      ProtectionPolicy policy = policies.get(highest);
      audit.record(caller.principal().name(), caller.clientId(), caller.address(), resource, List.copyOf(graded),
          highest, policy == null ? highest.name() : policy.describe(),
          anyMasked ? AuditEvent.Decision.MASKED : AuditEvent.Decision.ALLOWED);
    }
    return new Page(entityName, plant, clearance, records, masked);
  }

  private static boolean audited(Map<Grade, ProtectionPolicy> policies, EffectiveField field) {
    ProtectionPolicy policy = policies.get(field.grade());
    return policy == null || policy.auditReads();
  }
}
