package org.enterprisebrain.assessment.evidence;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.enterprisebrain.standard.ApiSpec;
import tools.jackson.databind.JsonNode;

/**
 * One evaluation's reads of the platform, with the plant and the moment they are about: requests are shared by every
 * rule of the evaluation (and of others within their time, {@link Observations}).
 */
final class EvidenceReads {

  /** Where evidence is read: each service's spec (api-specs) gives the path of the operation named, never typed here. */
  private static final Map<String, ApiSpec> SPECS = Map.of("catalog", ApiSpec.load("catalog"),
      "analytics", ApiSpec.load("analytics"), "registry", ApiSpec.load("registry"), "gateway", ApiSpec.load("gateway"),
      "connectors", ApiSpec.load("connectors"));

  private final Observations.Round round;
  private final PlatformClient platform;
  private final String plant;
  private final Instant now;

  EvidenceReads(Observations.Round round, PlatformClient platform, String plant, Instant now) {
    this.round = round;
    this.platform = platform;
    this.plant = plant;
    this.now = now;
  }

  String plant() {
    return plant;
  }

  Instant now() {
    return now;
  }

  JsonNode get(String service, String path) {
    return round.get(service + path, () -> platform.get(service, path));
  }

  /** An analytics read over the last {@code hours} hours of the plant. */
  JsonNode analytics(String path, int hours, String more) {
    // whole minutes: rules with the same window share one request within a minute's evaluations
    Instant to = now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
    return get("analytics", path + "?plant=" + enc(plant) + "&from=" + to.minus(hours, ChronoUnit.HOURS)
        + "&to=" + to + more);
  }

  /** The catalog's datasets of the plant. */
  List<JsonNode> datasets() {
    List<JsonNode> mine = new ArrayList<>();
    get("catalog", op("catalog", "listDatasets")).forEach(d -> {
      if (plant.equals(d.path("plant").asString())) {
        mine.add(d);
      }
    });
    return mine;
  }

  static String op(String service, String operationId, String... variables) {
    return SPECS.get(service).path(operationId, variables);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }
}
