package org.enterprisebrain.analytics.service.oee;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.enterprisebrain.analytics.model.Iso22400;
import org.enterprisebrain.analytics.service.api.model.Downtime;
import org.enterprisebrain.analytics.service.api.model.OeeTotal;
import tools.jackson.databind.JsonNode;

/**
 * Adds hourly OEE components (never ratios) into a total over any range, as the jobs add hours into shifts:
 * availability = Σ run / Σ planned busy time and so on, by the jobs' arithmetic ({@link Iso22400}). Performance
 * stays unknown when an hour that produced something had no ideal cycle time.
 */
final class OeeTotals {

  private double plannedBusy, run, down, ideal;
  private long good, produced;
  private int failures, hours;
  private boolean idealKnown = true;
  private final Map<String, Double> losses = new TreeMap<>();

  void add(JsonNode hour) {
    hours++;
    plannedBusy += hour.path("plannedBusySeconds").asDouble();
    run += hour.path("runSeconds").asDouble();
    down += hour.path("downSeconds").asDouble();
    good += hour.path("good").asLong();
    produced += hour.path("produced").asLong();
    failures += hour.path("failures").asInt();
    if (hour.has("idealSeconds")) {
      ideal += hour.path("idealSeconds").asDouble();
    } else if (hour.path("produced").asLong() > 0) {
      idealKnown = false;
    }
    for (JsonNode d : hour.path("downtime")) {
      losses.merge(d.path("state").asString() + '/' + d.path("reason").asString(), d.path("seconds").asDouble(), Double::sum);
    }
  }

  OeeTotal total(String plant, String line, String equipment) {
    double availability = Iso22400.availability(run, plannedBusy);
    double performance = idealKnown ? Iso22400.effectiveness(ideal, run) : Double.NaN;
    double quality = Iso22400.qualityRatio(good, produced);
    List<Downtime> downtime = new ArrayList<>();
    losses.forEach((k, v) -> downtime.add(new Downtime(k.substring(0, k.indexOf('/')), k.substring(k.indexOf('/') + 1), v)));
    downtime.sort(Comparator.comparing(Downtime::getSeconds).reversed());
    return new OeeTotal(hours, plannedBusy, run, good, produced, failures)
        .plant(plant).line(line).equipment(equipment).downSeconds(down)
        .availability(Iso22400.defined(availability)).performance(Iso22400.defined(performance))
        .quality(Iso22400.defined(quality)).oee(Iso22400.defined(Iso22400.oee(availability, performance, quality)))
        .mtbfSeconds(Iso22400.defined(Iso22400.meanTimeBetweenFailures(run, failures)))
        .mttrSeconds(Iso22400.defined(Iso22400.meanTimeToRepair(down, failures)))
        .downtime(downtime);
  }
}
