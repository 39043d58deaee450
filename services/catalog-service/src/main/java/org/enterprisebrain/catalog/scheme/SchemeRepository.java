package org.enterprisebrain.catalog.scheme;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The classification scheme and protection policies, as rows (see V1__catalog.sql). */
@Repository
public class SchemeRepository {

  public record Category(String code, String nameZh, String nameEn, String miitDomain) {
  }

  public record GradeRow(Grade code, int rank, String nameZh, String nameEn, String miit, String gbt43697,
      boolean autoAssignable) {
  }

  private final JdbcClient jdbc;

  public SchemeRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<Category> categories() {
    return jdbc.sql("select code, name_zh, name_en, miit_domain from classification_category order by code")
        .query((rs, i) -> new Category(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();
  }

  public Set<String> categoryCodes() {
    return new TreeSet<>(categories().stream().map(Category::code).toList());
  }

  public List<GradeRow> grades() {
    return jdbc.sql("select code, rank, name_zh, name_en, miit, gbt43697, auto_assignable from classification_grade order by rank")
        .query((rs, i) -> new GradeRow(Grade.valueOf(rs.getString(1)), rs.getInt(2), rs.getString(3),
            rs.getString(4), rs.getString(5), rs.getString(6), rs.getBoolean(7))).list();
  }

  public Map<Grade, ProtectionPolicy> policies() {
    Map<Grade, ProtectionPolicy> policies = new EnumMap<>(Grade.class);
    jdbc.sql("select grade, masking, audit_reads, encrypt_at_rest, backup_retention_days from protection_policy")
        .query((rs, i) -> new ProtectionPolicy(Grade.valueOf(rs.getString(1)),
            ProtectionPolicy.Masking.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)), rs.getBoolean(3),
            rs.getBoolean(4), rs.getInt(5)))
        .list().forEach(p -> policies.put(p.grade(), p));
    return policies;
  }
}
