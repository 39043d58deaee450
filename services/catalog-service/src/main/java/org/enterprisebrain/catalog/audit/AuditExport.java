package org.enterprisebrain.catalog.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * The audit log of a period as an auditor takes it away: NDJSON with every link of the chain (checkable offline,
 * as api-specs/catalog.yaml exportAuditLog describes the hash), or CSV for a spreadsheet.
 */
final class AuditExport {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final CsvMapper CSV = CsvMapper.builder().build();
  private static final List<String> COLUMNS = List.of("id", "at", "principal", "clientId", "clientAddress", "resource",
      "fields", "grade", "policy", "decision", "prevHash", "hash");
  /** What a spreadsheet would run as a formula (OWASP CSV injection). */
  private static final String FORMULA_START = "=+-@\t\r";

  private AuditExport() {
  }

  static String ndjson(List<AuditLog.Stored> entries) {
    StringBuilder out = new StringBuilder();
    for (AuditLog.Stored s : entries) {
      out.append(JSON.writeValueAsString(row(s, false))).append('\n');
    }
    return out.toString();
  }

  /** RFC 4180 with a header row and Excel's BOM (so 张伟 opens as written). */
  static String csv(List<AuditLog.Stored> entries) {
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
    COLUMNS.forEach(schema::addColumn);
    return "\uFEFF" + CSV.writer(schema.build()).writeValueAsString(entries.stream().map(s -> row(s, true)).toList());
  }

  private static Map<String, Object> row(AuditLog.Stored s, boolean cells) {
    AuditEvent e = s.event();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", e.id());
    row.put("at", e.at().toString());
    row.put("principal", text(e.principal(), cells));
    row.put("clientId", text(e.clientId(), cells));
    row.put("clientAddress", text(e.clientAddress(), cells));
    row.put("resource", text(e.resource(), cells));
    row.put("fields", cells ? text(String.join(" ", e.fields()), true) : e.fields());
    row.put("grade", e.grade().name());
    row.put("policy", text(e.policy(), cells));
    row.put("decision", e.decision().name().toLowerCase(Locale.ROOT));
    row.put("prevHash", AuditChain.hex(s.previous()));
    row.put("hash", AuditChain.hex(s.hash()));
    return row;
  }

  private static String text(String value, boolean cell) {
    return cell && value != null && !value.isEmpty() && FORMULA_START.indexOf(value.charAt(0)) >= 0 ? "'" + value
        : value;
  }
}
