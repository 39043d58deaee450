package org.enterprisebrain.assessment.catalogue;

import java.time.Clock;
import java.util.List;
import org.enterprisebrain.assessment.Assessment;
import org.enterprisebrain.assessment.api.CatalogueApi;
import org.enterprisebrain.assessment.scoring.ProfileStore;
import org.enterprisebrain.assessment.scoring.ScoringProfile;
import org.enterprisebrain.standard.FieldError;
import org.enterprisebrain.web.Callers;
import org.enterprisebrain.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class CatalogueController implements CatalogueApi {

  private final Assessment assessment;
  private final ProfileStore profiles;
  private final Clock clock;

  public CatalogueController(Assessment assessment, ProfileStore profiles, Clock clock) {
    this.assessment = assessment;
    this.profiles = profiles;
    this.clock = clock;
  }

  @Override
  public ResponseEntity<Catalogue> getCatalogue() {
    return ResponseEntity.ok(assessment.catalogue());
  }

  @Override
  public ResponseEntity<Catalogue.ClauseItem> editClause(String clauseId, Catalogue.ClauseItem edit) {
    return ResponseEntity.ok(assessment.catalogues().edit(clauseId, edit, Callers.current().name(), clock.instant()));
  }

  @Override
  public ResponseEntity<List<EvidenceRule>> listRules() {
    return ResponseEntity.ok(List.copyOf(assessment.rules().rules().values()));
  }

  @Override
  public ResponseEntity<ScoringProfile> getProfile() {
    return ResponseEntity.ok(profiles.current());
  }

  @Override
  public ResponseEntity<ScoringProfile> putProfile(ScoringProfile profile) {
    List<String[]> problems = profile.problems(assessment.catalogue().levels().stream()
        .map(Catalogue.Level::id).toList());
    if (!problems.isEmpty()) {
      throw new ProblemException(HttpStatus.BAD_REQUEST, "Invalid scoring profile",
          problems.size() + " problem(s) in the profile; nothing was stored",
          problems.stream().map(p -> new FieldError(p[0], p[1])).toList());
    }
    return ResponseEntity.ok(profiles.store(profile, Callers.current().name(), clock.instant()));
  }
}
