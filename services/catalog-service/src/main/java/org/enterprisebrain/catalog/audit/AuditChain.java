package org.enterprisebrain.catalog.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log's hash chain: {@code hash(n) = SHA-256(hash(n-1) ‖ canonical(entry n))}, {@code hash(0)} 32 zero
 * bytes. The canonical form is a JSON array of every field in a fixed order (the time in microseconds, what
 * PostgreSQL keeps), so a change of any field, of the order, or of a neighbour shows.
 */
public final class AuditChain {

  static final byte[] GENESIS = new byte[32];
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private AuditChain() {
  }

  public static byte[] hash(byte[] previous, AuditEvent e) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(previous);
      sha.update(JSON.writeValueAsBytes(Arrays.asList(e.id(), ChronoUnit.MICROS.between(Instant.EPOCH, e.at()),
          e.principal(), e.clientId(), e.clientAddress(), e.resource(), e.fields(), e.grade().name(), e.policy(),
          e.decision().name().toLowerCase(Locale.ROOT))));
      return sha.digest();
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException("every Java runtime has SHA-256", ex);
    }
  }

  static String hex(byte[] hash) {
    return hash == null ? null : HexFormat.of().formatHex(hash);
  }

  /**
   * What a check found: intact, or the first entry where the chain breaks and how.
   *
   * @param problem content-changed (the entry is not what was written), link-broken (an entry before it was
   *                removed or inserted), unsealed (written around the service, without a hash)
   */
  public record Report(long entries, boolean intact, Long firstBrokenId, String problem, Long headId,
      String headHash, Long expiredThroughId, long expiredEntries) {
  }

  /** Where the kept chain starts after retention removed its prefix: the last removed entry and its hash. */
  record Anchor(long throughId, byte[] throughHash, long expiredEntries) {
  }

  /** Folds the entries in id order; stops judging at the first break but keeps counting. */
  static final class Verifier {

    private final Anchor anchor;
    private byte[] expectedPrevious;
    private long entries;
    private Long firstBrokenId;
    private String problem;
    private Long headId;
    private byte[] headHash;

    /** @param anchor where retention left the chain to start; null: at its first entry, after 32 zero bytes */
    Verifier(Anchor anchor) {
      this.anchor = anchor;
      this.expectedPrevious = anchor == null ? GENESIS : anchor.throughHash();
    }

    void accept(AuditEvent e, byte[] previous, byte[] hash) {
      entries++;
      headId = e.id();
      headHash = hash;
      if (firstBrokenId != null) {
        return;
      }
      if (hash == null) {
        broken(e, "unsealed");
      } else if (!Arrays.equals(previous, expectedPrevious)) {
        broken(e, "link-broken");
      } else if (!Arrays.equals(hash, hash(previous, e))) {
        broken(e, "content-changed");
      }
      expectedPrevious = hash;
    }

    private void broken(AuditEvent e, String what) {
      firstBrokenId = e.id();
      problem = what;
    }

    Report report() {
      return new Report(entries, firstBrokenId == null, firstBrokenId, problem, headId, hex(headHash),
          anchor == null ? null : anchor.throughId(), anchor == null ? 0 : anchor.expiredEntries());
    }
  }
}
