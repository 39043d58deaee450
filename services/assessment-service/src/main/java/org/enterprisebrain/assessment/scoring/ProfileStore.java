package org.enterprisebrain.assessment.scoring;

import java.util.Optional;
import static org.enterprisebrain.web.PgColumns.jsonb;
import static org.enterprisebrain.web.PgColumns.utc;

import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** The scoring profile's versions: the bundled file is version 1, each admin change the next one. */
@Repository
public class ProfileStore {

  private final JdbcClient db;
  private final JsonMapper json;
  private final ScoringProfile bundled = ScoringProfile.bundled();

  public ProfileStore(JdbcClient db, JsonMapper json) {
    this.db = db;
    this.json = json;
  }

  public ScoringProfile current() {
    return db.sql("select body::text from profile_version order by version desc limit 1")
        .query((rs, n) -> json.readValue(rs.getString(1), ScoringProfile.class)).optional().orElse(bundled);
  }

  /** The profile of that version (the bundled one is version {@code bundled.version()}). */
  public Optional<ScoringProfile> version(int version) {
    if (version == bundled.version()) {
      return Optional.of(bundled);
    }
    return db.sql("select body::text from profile_version where version = ?").param(version)
        .query((rs, n) -> json.readValue(rs.getString(1), ScoringProfile.class)).optional();
  }

  /** Stores {@code profile} as the next version; the table lock keeps two admins from taking one number. */
  @Transactional
  public ScoringProfile store(ScoringProfile profile, String by, Instant at) {
    db.sql("lock table profile_version in exclusive mode").update();
    int next = Math.max(bundled.version(),
        db.sql("select coalesce(max(version), 0) from profile_version").query(Integer.class).single()) + 1;
    ScoringProfile stored = new ScoringProfile(profile.profile() == null ? bundled.profile() : profile.profile(), next,
        profile.scale(), profile.passThreshold(), profile.target(), profile.scenarioWeights(),
        profile.attestationValidity() == null ? bundled.attestationValidity() : profile.attestationValidity());
    db.sql("insert into profile_version (version, body, created_by, created_at) values (?,?,?,?)")
        .params(next, jsonb(json.writeValueAsString(stored)), by, utc(at)).update();
    return stored;
  }
}
