package org.enterprisebrain.catalog.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import org.enterprisebrain.catalog.api.AuditApi;
import org.enterprisebrain.catalog.api.model.AuditChainReport;
import org.enterprisebrain.catalog.web.ApiMapping;
import org.enterprisebrain.web.ProblemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class AuditController implements AuditApi {

  private final AuditLog log;

  public AuditController(AuditLog log) {
    this.log = log;
  }

  @Override
  public ResponseEntity<List<org.enterprisebrain.catalog.api.model.AuditEvent>> listAuditEvents(String user,
      String resource, Integer limit) {
    int size = limit == null ? 100 : limit;
    if (size < 1 || size > 1000) {
      throw ProblemException.badRequest("limit", "limit must be between 1 and 1000");
    }
    return ResponseEntity.ok(log.find(user, resource, size).stream()
        .map(e -> new org.enterprisebrain.catalog.api.model.AuditEvent(e.id(), ApiMapping.time(e.at()), e.principal(),
            e.resource(), e.fields(), ApiMapping.grade(e.grade()), e.policy(),
            org.enterprisebrain.catalog.api.model.AuditEvent.DecisionEnum.fromValue(
                e.decision().name().toLowerCase(Locale.ROOT)))
            .clientId(e.clientId())
            .clientAddress(e.clientAddress())
            .hash(e.hash()))
        .toList());
  }

  /** Entries per export at most: the answer is built in memory. */
  static final int EXPORT_MAX = 50_000;

  @Override
  public ResponseEntity<String> exportAuditLog(OffsetDateTime from, OffsetDateTime to, String format) {
    boolean csv = "csv".equals(format);
    if (!csv && !"ndjson".equals(format)) {
      throw ProblemException.badRequest("format", "format must be ndjson or csv");
    }
    Instant end = to == null ? Instant.now() : to.toInstant();
    if (!end.isAfter(from.toInstant())) {
      throw ProblemException.badRequest("to", "to must be after from");
    }
    List<AuditLog.Stored> entries = log.period(from.toInstant(), end, EXPORT_MAX + 1);
    if (entries.size() > EXPORT_MAX) {
      throw ProblemException.badRequest("to", "more than " + EXPORT_MAX + " entries from " + from
          + " on: export a shorter period");
    }
    String name = "audit-" + from.toInstant().toString().replace(':', '-') + (csv ? ".csv" : ".ndjson");
    return ResponseEntity.ok()
        .contentType(csv ? new MediaType("text", "csv", StandardCharsets.UTF_8)
            : new MediaType("application", "x-ndjson", StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
        .body(csv ? AuditExport.csv(entries) : AuditExport.ndjson(entries));
  }

  @Override
  public ResponseEntity<AuditChainReport> verifyAuditChain() {
    AuditChain.Report r = log.verify();
    return ResponseEntity.ok(new AuditChainReport(r.entries(), r.intact(), ApiMapping.time(Instant.now()))
        .firstBrokenId(r.firstBrokenId()).problem(r.problem()).headId(r.headId()).headHash(r.headHash())
        .expiredThroughId(r.expiredThroughId()).expiredEntries(r.expiredEntries()));
  }
}
