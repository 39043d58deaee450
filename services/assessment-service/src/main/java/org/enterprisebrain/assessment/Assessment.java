package org.enterprisebrain.assessment;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.enterprisebrain.assessment.attestations.AttestationStore;
import org.enterprisebrain.assessment.catalogue.Catalogue;
import org.enterprisebrain.assessment.catalogue.CatalogueLoader;
import org.enterprisebrain.assessment.catalogue.CatalogueStore;
import org.enterprisebrain.assessment.catalogue.RuleSet;
import org.enterprisebrain.assessment.evidence.EvidenceGatherer;
import org.enterprisebrain.assessment.evidence.LiveEvidence;
import org.enterprisebrain.assessment.scoring.Evaluation;
import org.enterprisebrain.assessment.scoring.ProfileStore;
import org.enterprisebrain.assessment.scoring.Scorer;
import org.enterprisebrain.assessment.scoring.ScoringProfile;

/**
 * Evaluates the guideline for a plant now: the rules' latest results over the live platform (see
 * {@link LiveEvidence}), the attestations in force now, scored by the profile in force. The catalogue and rules are checked against each other at start:
 * an inconsistent pair stops the service rather than scoring wrongly.
 */
public class Assessment {

  private final CatalogueStore catalogues;
  private final RuleSet rules;
  private final LiveEvidence evidence;
  private final AttestationStore attestations;
  private final ProfileStore profiles;
  private final Clock clock;

  public Assessment(Catalogue bundled, CatalogueStore catalogues, RuleSet rules, LiveEvidence evidence,
      AttestationStore attestations, ProfileStore profiles, Clock clock) {
    List<String> problems = CatalogueLoader.problems(bundled, rules, EvidenceGatherer.CHECKS);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("the clause catalogue is inconsistent: " + problems);
    }
    this.catalogues = catalogues;
    this.rules = rules;
    this.evidence = evidence;
    this.attestations = attestations;
    this.profiles = profiles;
    this.clock = clock;
  }

  public Evaluation evaluate(String plant) {
    long t0 = System.nanoTime();
    LiveEvidence.Gathered gathered = evidence.current(plant);
    Instant now = clock.instant();
    ScoringProfile profile = profiles.current();
    Evaluation e = new Scorer(catalogues.current(), rules, profile).evaluate(plant, now, gathered.results(),
        attestations.status(plant, now));
    return e.took((System.nanoTime() - t0) / 1_000_000, gathered.at(), gathered.ms());
  }

  /** The catalogue in force (the bundled file, or the newest version an admin edited). */
  public Catalogue catalogue() {
    return catalogues.current();
  }

  public CatalogueStore catalogues() {
    return catalogues;
  }

  public RuleSet rules() {
    return rules;
  }

  public ScoringProfile profile() {
    return profiles.current();
  }
}
