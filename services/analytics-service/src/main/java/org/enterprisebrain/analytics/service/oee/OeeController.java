package org.enterprisebrain.analytics.service.oee;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.enterprisebrain.analytics.service.api.OeeApi;
import org.enterprisebrain.analytics.service.api.model.OeeResult;
import org.enterprisebrain.analytics.service.api.model.OeeSummary;
import org.enterprisebrain.analytics.service.api.model.OeeTotal;
import org.enterprisebrain.analytics.service.api.model.Routing;
import org.enterprisebrain.analytics.service.api.model.RoutingVersion;
import org.enterprisebrain.analytics.service.api.model.WorkCalendar;
import org.enterprisebrain.analytics.service.api.model.WorkCalendarVersion;
import org.enterprisebrain.analytics.service.results.ResultStore;
import org.enterprisebrain.analytics.service.results.Selection;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
public class OeeController implements OeeApi {

  private final ResultStore results;
  private final WorkCalendarService calendars;
  private final RoutingService routings;

  public OeeController(ResultStore results, WorkCalendarService calendars, RoutingService routings) {
    this.results = results;
    this.calendars = calendars;
    this.routings = routings;
  }

  @Override
  public ResponseEntity<RoutingVersion> changeRouting(Routing change) {
    return ResponseEntity.accepted().body(routings.change(change));
  }

  @Override
  public ResponseEntity<List<RoutingVersion>> listRoutings(String plant, String product) {
    return ResponseEntity.ok(routings.history(plant, product));
  }

  @Override
  public ResponseEntity<WorkCalendarVersion> changeWorkCalendar(WorkCalendar change) {
    return ResponseEntity.accepted().body(calendars.change(change));
  }

  @Override
  public ResponseEntity<List<WorkCalendarVersion>> listWorkCalendars(String plant, String line) {
    return ResponseEntity.ok(calendars.history(plant, line));
  }

  @Override
  public ResponseEntity<List<OeeResult>> listOee(String plant, String line, String equipment, String level,
      String period, OffsetDateTime from, OffsetDateTime to, Integer size) {
    Selection s = Selection.of(plant, from, to)
        .where("level", Selection.oneOf("level", level, Set.of("equipment", "line")))
        .where("period", Selection.oneOf("period", period, Set.of("hour", "shift")))
        .where("line", line).where("equipment", equipment);
    return ResponseEntity.ok(results.search("oee", s.query("start"), "start", false, Selection.size(size)).stream()
        .map(d -> results.as(d, OeeResult.class)).toList());
  }

  @Override
  public ResponseEntity<OeeSummary> summarizeOee(String plant, String line, String equipment, OffsetDateTime from,
      OffsetDateTime to) {
    Selection s = Selection.of(plant, from, to).where("level", "equipment").where("period", "hour")
        .where("line", line).where("equipment", equipment);
    Map<String, OeeTotals> machines = new LinkedHashMap<>();
    Map<String, JsonNode> first = new LinkedHashMap<>();
    OeeTotals all = new OeeTotals();
    for (JsonNode hour : results.searchAll("oee", s.query("start"), "start")) {
      String key = hour.path("plant").asString() + '|' + hour.path("equipment").asString();
      machines.computeIfAbsent(key, k -> new OeeTotals()).add(hour);
      first.putIfAbsent(key, hour);
      all.add(hour);
    }
    List<OeeTotal> totals = machines.entrySet().stream().map(e -> {
      JsonNode h = first.get(e.getKey());
      return e.getValue().total(h.path("plant").asString(), h.path("line").asString(null), h.path("equipment").asString());
    }).toList();
    return ResponseEntity.ok(new OeeSummary(s.from(), s.to(), totals, all.total(plant, line, equipment)));
  }
}
