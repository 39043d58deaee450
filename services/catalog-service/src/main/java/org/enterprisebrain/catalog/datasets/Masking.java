package org.enterprisebrain.catalog.datasets;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.enterprisebrain.catalog.protection.Pointers;
import org.enterprisebrain.catalog.scheme.Grade;
import org.enterprisebrain.catalog.scheme.ProtectionPolicy;
import org.enterprisebrain.catalog.standards.EffectiveField;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Masks, in place, every field of a payload graded above the caller's clearance, the way the grade's
 * policy says; reports which pointers it masked and which fields
 * the payload held whose grade's policy audits reads (L3 and above by default).
 */
public final class Masking {

  static final String FULL_MASK = "***";

  /** What masking one payload found: pointers masked, and pointers present whose reads are audited. */
  public record Outcome(SortedSet<String> masked, SortedSet<String> audited) {
  }

  private Masking() {
  }

  public static Outcome apply(ObjectNode payload, List<EffectiveField> fields, Grade clearance,
      Map<Grade, ProtectionPolicy> policies) {
    SortedSet<String> masked = new TreeSet<>();
    SortedSet<String> audited = new TreeSet<>();
    for (EffectiveField field : fields) {
      boolean mask = field.grade().above(clearance);
      ProtectionPolicy policy = policies.get(field.grade());
      ProtectionPolicy.Masking how = policy == null ? ProtectionPolicy.Masking.FULL : policy.masking();
      Pointers.visit(payload, field.pointer(), (value, replace) -> {
        if (policy == null || policy.auditReads()) {
          audited.add(field.pointer());
        }
        if (mask && how != ProtectionPolicy.Masking.NONE) {
          replace.accept(StringNode.valueOf(mask(value, how)));
          masked.add(field.pointer());
        }
      });
    }
    return new Outcome(masked, audited);
  }

  /**
   * Partial masking keeps enough to recognise a value you already know (138****0000), never more than
   * about a third of it: short values show their last two characters at most.
   */
  static String mask(JsonNode value, ProtectionPolicy.Masking how) {
    if (how == ProtectionPolicy.Masking.FULL || !value.isString()) {
      return FULL_MASK;
    }
    String text = value.asString();
    int length = text.codePointCount(0, text.length());
    if (length >= 11) {
      return prefix(text, 3) + "*".repeat(length - 7) + suffix(text, 4);
    }
    if (length >= 6) {
      return "*".repeat(length - 2) + suffix(text, 2);
    }
    return "*".repeat(Math.max(1, length));
  }

  private static String prefix(String text, int codePoints) {
    return text.substring(0, text.offsetByCodePoints(0, codePoints));
  }

  private static String suffix(String text, int codePoints) {
    return text.substring(text.offsetByCodePoints(text.length(), -codePoints));
  }
}
