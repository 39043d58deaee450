package org.enterprisebrain.analytics.service.attainment;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.enterprisebrain.analytics.service.api.AttainmentApi;
import org.enterprisebrain.analytics.service.api.model.Attainment;
import org.enterprisebrain.analytics.service.api.model.LineDayAttainment;
import org.enterprisebrain.analytics.service.api.model.OrderAttainment;
import org.enterprisebrain.analytics.service.results.ResultStore;
import org.enterprisebrain.analytics.service.results.Selection;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class AttainmentController implements AttainmentApi {

  private final ResultStore results;

  public AttainmentController(ResultStore results) {
    this.results = results;
  }

  @Override
  public ResponseEntity<Attainment> getAttainment(String plant, String line, OffsetDateTime from, OffsetDateTime to,
      Integer size) {
    int most = Selection.size(size);
    Selection s = Selection.of(plant, from, to).where("line", line);
    List<OrderAttainment> orders = results.searchAll("attainment", s.query("at"), "at").stream()
        .map(d -> results.as(d, OrderAttainment.class)).toList();
    List<OrderAttainment> newest = new ArrayList<>(orders.subList(Math.max(0, orders.size() - most), orders.size()));
    java.util.Collections.reverse(newest);
    return ResponseEntity.ok(new Attainment(newest, days(orders)));
  }

  /** Each line's day: the planned orders due that day added up (an order without a plan attains nothing to add). */
  static List<LineDayAttainment> days(List<OrderAttainment> orders) {
    Map<String, LineDayAttainment> days = new TreeMap<>();
    for (OrderAttainment o : orders) {
      if (o.getPlannedQuantity() == null || o.getDay() == null) {
        continue;
      }
      String line = o.getLine() == null ? "" : o.getLine();
      LineDayAttainment day = days.computeIfAbsent(o.getPlant() + '|' + line + '|' + o.getDay(),
          k -> new LineDayAttainment(o.getPlant(), line, o.getDay(), 0, 0, 0, 0.0, 0.0));
      day.setOrders(day.getOrders() + 1);
      day.setPlannedQuantity(day.getPlannedQuantity() + o.getPlannedQuantity());
      if (o.getResponses() > 0) {
        day.setReported(day.getReported() + 1);
        day.setActualQuantity(day.getActualQuantity() + (o.getActualQuantity() == null ? 0 : o.getActualQuantity()));
      }
      if (Boolean.TRUE.equals(o.getOnTime())) {
        day.setOnTime(day.getOnTime() + 1);
      }
    }
    days.values().forEach(d -> d.setAttainment(d.getPlannedQuantity() > 0
        ? Math.round(d.getActualQuantity() / d.getPlannedQuantity() * 1e6) / 1e6 : null));
    return List.copyOf(days.values());
  }
}
