package org.enterprisebrain.catalog.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.enterprisebrain.catalog.scheme.Grade;
import org.junit.jupiter.api.Test;

class AuditChainTest {

  record Link(AuditEvent event, byte[] previous, byte[] hash) {
  }

  static List<Link> chain(int n) {
    List<Link> links = new ArrayList<>();
    byte[] previous = AuditChain.GENESIS;
    for (int i = 1; i <= n; i++) {
      AuditEvent e = event(i, "manager");
      byte[] hash = AuditChain.hash(previous, e);
      links.add(new Link(e, previous, hash));
      previous = hash;
    }
    return links;
  }

  static AuditEvent event(long id, String principal) {
    return new AuditEvent(id, Instant.parse("2026-12-05T08:00:00.123456Z").plusSeconds(id), principal, "brain-console",
        "10.0.0.7", "dataset employee plant hz-01", List.of("/idNumber", "/phone"), Grade.L3, "partial mask",
        AuditEvent.Decision.MASKED, null);
  }

  static AuditChain.Report verify(List<Link> links) {
    AuditChain.Verifier v = new AuditChain.Verifier(null);
    links.forEach(l -> v.accept(l.event(), l.previous(), l.hash()));
    return v.report();
  }

  @Test
  void anIntactChainReportsItsHead() {
    List<Link> links = chain(4);
    AuditChain.Report r = verify(links);
    assertThat(r.intact()).isTrue();
    assertThat(r.entries()).isEqualTo(4);
    assertThat(r.headId()).isEqualTo(4);
    assertThat(r.headHash()).isEqualTo(AuditChain.hex(links.get(3).hash()));
  }

  @Test
  void aChangedFieldBreaksTheChainAtThatEntry() {
    List<Link> links = chain(4);
    Link second = links.get(1);
    links.set(1, new Link(event(2, "nobody"), second.previous(), second.hash()));
    assertThat(verify(links)).extracting(AuditChain.Report::intact, AuditChain.Report::firstBrokenId,
        AuditChain.Report::problem).containsExactly(false, 2L, "content-changed");
    // even one microsecond of the time
    links = chain(4);
    AuditEvent e = links.get(2).event();
    links.set(2, new Link(new AuditEvent(e.id(), e.at().plusNanos(1000), e.principal(), e.clientId(),
        e.clientAddress(), e.resource(), e.fields(), e.grade(), e.policy(), e.decision(), null),
        links.get(2).previous(), links.get(2).hash()));
    assertThat(verify(links).firstBrokenId()).isEqualTo(3L);
  }

  @Test
  void aRemovedOrUnsealedEntryBreaksTheChain() {
    List<Link> links = chain(4);
    links.remove(1);
    assertThat(verify(links)).extracting(AuditChain.Report::firstBrokenId, AuditChain.Report::problem)
        .containsExactly(3L, "link-broken");
    links = chain(4);
    links.set(3, new Link(links.get(3).event(), links.get(3).previous(), null));
    assertThat(verify(links)).extracting(AuditChain.Report::firstBrokenId, AuditChain.Report::problem)
        .containsExactly(4L, "unsealed");
  }
}
