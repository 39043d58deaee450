package org.enterprisebrain.analytics.service.spc;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.enterprisebrain.analytics.model.ChartKey;
import org.enterprisebrain.analytics.service.api.SpcApi;
import org.enterprisebrain.analytics.service.api.model.SpcCharacteristic;
import org.enterprisebrain.analytics.service.api.model.SpcChart;
import org.enterprisebrain.analytics.service.api.model.SpcChartSettings;
import org.enterprisebrain.analytics.service.api.model.SpcChartSettingsVersion;
import org.enterprisebrain.analytics.service.api.model.SpcPoint;
import org.enterprisebrain.analytics.service.results.ResultStore;
import org.enterprisebrain.analytics.service.results.Selection;
import org.enterprisebrain.web.ProblemException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
public class SpcController implements SpcApi {

  private final ResultStore results;
  private final ChartSettingsService settings;

  public SpcController(ResultStore results, ChartSettingsService settings) {
    this.results = results;
    this.settings = settings;
  }

  @Override
  public ResponseEntity<List<SpcCharacteristic>> listCharacteristics(String plant, String equipment,
      OffsetDateTime from, OffsetDateTime to) {
    Selection s = Selection.of(plant, from, to).where("equipment", equipment);
    Map<String, List<JsonNode>> charts = new LinkedHashMap<>();
    for (JsonNode p : results.searchAll("spc", s.query("at"), "at")) {
      charts.computeIfAbsent(new ChartKey(p.path("plant").asString(), p.path("equipment").asString(),
          p.path("product").asString(""), p.path("characteristic").asString()).id(), k -> new ArrayList<>()).add(p);
    }
    List<SpcCharacteristic> list = new ArrayList<>();
    charts.values().forEach(points -> {
      JsonNode last = points.get(points.size() - 1);
      long violated = points.stream().filter(p -> !p.path("violations").isEmpty()).count();
      list.add(new SpcCharacteristic(last.path("plant").asString(), last.path("characteristic").asString(),
          points.size(), (int) violated)
          .equipment(last.path("equipment").asString(null)).product(last.path("product").asString(null))
          .characteristicName(last.path("characteristicName").asString(null)).chart(last.path("chart").asString(null))
          .lastAt(OffsetDateTime.parse(last.path("at").asString()))
          .cpk(number(last, "cpk")).ppk(number(last, "ppk")));
    });
    return ResponseEntity.ok(list);
  }

  @Override
  public ResponseEntity<SpcChart> getChart(String plant, String characteristic, String equipment, String product,
      OffsetDateTime from, OffsetDateTime to, Integer size) {
    Selection s = Selection.of(plant, from, to).whereOrAbsent("equipment", equipment)
        .where("characteristic", characteristic).where("product", product);
    String on = equipment == null ? "without a machine" : "on " + equipment;
    List<JsonNode> points = results.search("spc", s.query("at"), "at", true, Selection.size(size));
    List<String> products = points.stream().map(p -> p.path("product").asString("")).distinct().toList();
    if (products.size() > 1) {
      throw ProblemException.badRequest("product", "products " + products + " are charted for " + characteristic
          + " " + on + ": name one");
    }
    if (points.isEmpty()) {
      throw ProblemException.notFound("characteristic", "no chart of " + characteristic + " " + on
          + " in plant " + plant + " between " + s.from() + " and " + s.to());
    }
    JsonNode last = points.get(points.size() - 1);
    SpcChart chart = new SpcChart(plant, characteristic,
        points.stream().map(p -> results.as(p, SpcPoint.class)).toList()).equipment(equipment)
        .product(last.path("product").asString(null))
        .characteristicName(last.path("characteristicName").asString(null)).unit(last.path("unit").asString(null))
        .lsl(number(last, "lsl")).usl(number(last, "usl")).target(number(last, "target"));
    if (last.has("chart")) {
      chart.chart(SpcChart.ChartEnum.fromValue(last.path("chart").asString()));
    }
    return ResponseEntity.ok(chart);
  }

  static Double number(JsonNode node, String field) {
    return node.path(field).isNumber() ? node.path(field).asDouble() : null;
  }

  @Override
  public ResponseEntity<SpcChartSettingsVersion> changeChartSettings(SpcChartSettings change) {
    return ResponseEntity.accepted().body(settings.change(change));
  }

  @Override
  public ResponseEntity<List<SpcChartSettingsVersion>> listChartSettings(String plant, String characteristic,
      String product, String equipment) {
    return ResponseEntity.ok(settings.history(plant, equipment, product, characteristic));
  }
}
