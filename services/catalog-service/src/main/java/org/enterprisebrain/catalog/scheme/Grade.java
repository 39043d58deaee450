package org.enterprisebrain.catalog.scheme;

import java.util.Locale;
import org.enterprisebrain.standard.FieldClassification;

/**
 * Grades lowest first: the MIIT industrial grades L1 一级 … L3 三级 the standard and the recognizers
 * assign, then 重要 and 核心, which only the authority recognizes.
 */
public enum Grade {
  L1, L2, L3, IMPORTANT, CORE;

  public static Grade of(FieldClassification.Grade grade) {
    return valueOf(grade.name());
  }

  /** The token's clearance claim; missing or unknown means the least clearance, never more. */
  public static Grade clearance(String claim) {
    if (claim == null || claim.isBlank()) {
      return L1;
    }
    try {
      return valueOf(claim.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return L1;
    }
  }

  public boolean above(Grade other) {
    return compareTo(other) > 0;
  }

  public boolean authorityOnly() {
    return this == IMPORTANT || this == CORE;
  }

  public static Grade max(Grade a, Grade b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
