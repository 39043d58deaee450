package org.enterprisebrain.assessment.evidence;

import org.enterprisebrain.assessment.catalogue.EvidenceRule;

/**
 * One kind of automatic evidence: what a rule's {@code check} names, judged from the platform's live answers. The
 * checks are grouped by where their evidence lives (DataChecks, AnalyticsChecks, ModelChecks, SecurityChecks); a new
 * one is a method there and an entry in its group's map.
 */
@FunctionalInterface
interface EvidenceCheck {

  RuleResult evaluate(EvidenceReads reads, EvidenceRule rule);
}
