package org.enterprisebrain.catalog.audit;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.enterprisebrain.catalog.scheme.Grade;
import org.enterprisebrain.messages.AuditedAction;
import org.enterprisebrain.web.audit.AuditedActions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit log of graded reads, in PostgreSQL: written in the request, before the data leaves; a hash chain
 * ({@link AuditChain}) in a table that refuses updates and deletes (V7__audit_chain.sql).
 */
@Repository
public class AuditLog {

  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
  /** The advisory lock every append takes: the chain has one head, whatever the number of catalog replicas. */
  private static final long CHAIN_LOCK = 0x6272_6169_6e41_7564L; // "brainAud"
  private static final int PAGE = 5000;
  private static final String COLUMNS =
      "id, at, principal, client_id, client_address, resource, fields, grade, policy, decision, prev_hash, hash";

  private final JdbcClient jdbc;
  private final Clock clock = Clock.systemUTC();

  public AuditLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Transactional
  public void record(String principal, String clientId, String clientAddress, String resource, List<String> fields,
      Grade grade, String policy, AuditEvent.Decision decision) {
    lockTheChain();
    append(clock.instant(), principal, clientId, clientAddress, resource, fields, grade, policy, decision, null);
  }

  /**
   * An action a service audited (its own or, over the audit topic, another's): a change is decision written, an
   * attachment served allowed. Appended once: the action's id is kept, a second delivery finds it.
   *
   * @return false when the action was appended before
   */
  @Transactional
  public boolean record(AuditedAction action) {
    lockTheChain();
    if (jdbc.sql("select exists (select 1 from audit_event where entry_id = ?)").param(action.id())
        .query(Boolean.class).single()) {
      return false;
    }
    append(action.at(), action.principal(), action.clientId(), action.clientAddress(),
        AuditedActions.resource(action), List.of(), Grade.L1, AuditedActions.policy(action),
        action.kind() == AuditedAction.KindEnum.WRITE ? AuditEvent.Decision.WRITTEN : AuditEvent.Decision.ALLOWED,
        action.id());
    return true;
  }

  /** The chain's next entry; the caller holds the chain's lock. */
  private void append(Instant at, String principal, String clientId, String clientAddress, String resource,
      List<String> fields, Grade grade, String policy, AuditEvent.Decision decision, UUID entryId) {
    byte[] previous = jdbc.sql("select hash from audit_event where hash is not null order by id desc limit 1")
        .query(byte[].class).optional().orElse(AuditChain.GENESIS);
    long id = jdbc.sql("select nextval(pg_get_serial_sequence('audit_event', 'id'))").query(Long.class).single();
    AuditEvent e = new AuditEvent(id, at.truncatedTo(ChronoUnit.MICROS), principal, clientId, clientAddress,
        resource, fields, grade, policy, decision, null);
    byte[] hash = AuditChain.hash(previous, e);
    jdbc.sql("""
        insert into audit_event (id, at, principal, client_id, client_address, resource, fields, grade, policy,
                                 decision, prev_hash, hash, entry_id)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(e.id(), OffsetDateTime.ofInstant(e.at(), ZoneOffset.UTC), e.principal(), e.clientId(),
            e.clientAddress(), e.resource(), e.fields().toArray(String[]::new), e.grade().name(), e.policy(),
            e.decision().name().toLowerCase(Locale.ROOT), previous, hash, entryId)
        .update();
  }

  private void lockTheChain() {
    jdbc.sql("select pg_advisory_xact_lock(?)").param(CHAIN_LOCK).query().listOfRows();
  }

  /**
   * Entries written before the chain existed (an install older than V7) are sealed once, in id order, when the
   * service starts; never when a sealed entry exists already: an unsealed entry after it was written around the
   * service, and {@link #verify()} reports it instead of making it look genuine.
   */
  @EventListener(ApplicationStartedEvent.class)
  @Transactional
  public void sealEntriesOlderThanTheChain() {
    lockTheChain();
    if (jdbc.sql("select exists (select 1 from audit_event where hash is not null)").query(Boolean.class).single()) {
      return;
    }
    byte[] previous = AuditChain.GENESIS;
    long after = 0;
    long sealed = 0;
    for (List<Stored> page = page(after); !page.isEmpty(); page = page(after)) {
      for (Stored s : page) {
        byte[] hash = AuditChain.hash(previous, s.event());
        jdbc.sql("update audit_event set prev_hash = ?, hash = ? where id = ?").params(previous, hash, s.event().id())
            .update();
        previous = hash;
        after = s.event().id();
        sealed++;
      }
    }
    if (sealed > 0) {
      LOG.info("audit log: {} entries written before the hash chain sealed into it", sealed);
    }
  }

  /** Walks the whole chain, oldest first, a page at a time. */
  @Transactional(readOnly = true)
  public AuditChain.Report verify() {
    AuditChain.Verifier verifier = new AuditChain.Verifier(jdbc.sql("""
        select through_id, through_hash, (select sum(entries) from audit_anchor)
          from audit_anchor order by through_id desc limit 1""")
        .query((rs, i) -> new AuditChain.Anchor(rs.getLong(1), rs.getBytes(2), rs.getLong(3))).optional().orElse(null));
    long after = 0;
    for (List<Stored> page = page(after); !page.isEmpty(); page = page(after)) {
      for (Stored s : page) {
        verifier.accept(s.event(), s.previous(), s.hash());
        after = s.event().id();
      }
    }
    return verifier.report();
  }

  /** An entry with its link in the chain: the previous entry's hash and its own. */
  record Stored(AuditEvent event, byte[] previous, byte[] hash) {
  }

  /** The entries appended with a time in [from, to), in chain order, at most {@code max}. */
  @Transactional(readOnly = true)
  public List<Stored> period(Instant from, Instant to, int max) {
    return jdbc.sql("select " + COLUMNS + " from audit_event where at >= ? and at < ? order by id limit ?")
        .params(OffsetDateTime.ofInstant(from, ZoneOffset.UTC), OffsetDateTime.ofInstant(to, ZoneOffset.UTC), max)
        .query((rs, i) -> new Stored(event(rs), rs.getBytes(11), rs.getBytes(12)))
        .list();
  }

  private List<Stored> page(long after) {
    return new ArrayList<>(jdbc.sql("select " + COLUMNS + " from audit_event where id > ? order by id limit ?")
        .params(after, PAGE)
        .query((rs, i) -> new Stored(event(rs), rs.getBytes(11), rs.getBytes(12)))
        .list());
  }

  public List<AuditEvent> find(String user, String resource, int limit) {
    return jdbc.sql("select " + COLUMNS + """
         from audit_event
        where (cast(:user as text) is null or principal = :user)
          and (cast(:resource as text) is null or resource = :resource)
        order by id desc limit :limit""")
        .param("user", user).param("resource", resource).param("limit", limit)
        .query((rs, i) -> event(rs))
        .list();
  }

  private static AuditEvent event(ResultSet rs) throws SQLException {
    Instant at = rs.getObject(2, OffsetDateTime.class).toInstant();
    return new AuditEvent(rs.getLong(1), at, rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
        strings(rs.getArray(7)), Grade.valueOf(rs.getString(8)), rs.getString(9),
        AuditEvent.Decision.valueOf(rs.getString(10).toUpperCase(Locale.ROOT)), AuditChain.hex(rs.getBytes(12)));
  }

  private static List<String> strings(Array array) throws SQLException {
    return Arrays.asList((String[]) array.getArray());
  }
}
