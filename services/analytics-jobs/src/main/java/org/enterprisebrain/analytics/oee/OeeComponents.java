package org.enterprisebrain.analytics.oee;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import org.enterprisebrain.analytics.model.Iso22400;
import org.enterprisebrain.analytics.stream.Numbers;

/**
 * The ISO 22400-2 elements of one equipment over one period, as sums (the indicators from them: {@link Iso22400}): adding the components of two
 * periods (or two machines) gives exactly the components of the whole, so hours add up to shifts and
 * machines to lines without averaging ratios. Times in milliseconds.
 *
 * @param observedMs     time with a known equipment state (time before the first state is not counted)
 * @param plannedStopMs  planned downtime (state planned-stop): outside planned busy time
 * @param runMs          APT, actual production time (state running)
 * @param idealMs        Σ PRI × PQ: the planned run time per item times the produced quantity
 * @param failures       transitions into state down (for MTBF and MTTR)
 * @param downtimeByReason milliseconds per {@code state/reasonCode} of every non-running state
 */
public record OeeComponents(long observedMs, long plannedStopMs, long runMs, long downMs, long setupMs,
    long idleMs, long good, long scrap, long rework, double idealMs, int failures,
    Map<String, Long> downtimeByReason) {

  public static final OeeComponents NONE = new OeeComponents(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of());

  /** PBT: planned busy time. */
  public long plannedBusyMs() {
    return observedMs - plannedStopMs;
  }

  /** PQ: produced quantity, good or not. */
  public long produced() {
    return good + scrap + rework;
  }

  /** Availability = APT / PBT. */
  public double availability() {
    return Iso22400.availability(runMs, plannedBusyMs());
  }

  /** Effectiveness (performance) = PRI × PQ / APT. */
  public double performance() {
    return Iso22400.effectiveness(idealMs, runMs);
  }

  /** Quality ratio = GQ / PQ (rework is not good the first time). */
  public double quality() {
    return Iso22400.qualityRatio(good, produced());
  }

  public double oee() {
    return Iso22400.oee(availability(), performance(), quality());
  }

  /** MTBF = APT / number of failures; NaN without failures. */
  public double mtbfMs() {
    return Iso22400.meanTimeBetweenFailures(runMs, failures);
  }

  /** MTTR = down time / number of failures. */
  public double mttrMs() {
    return Iso22400.meanTimeToRepair(downMs, failures);
  }

  /**
   * Effective capacity in good-or-not units per planned busy second: the rate this machine can sustain
   * with its present losses. The lowest one on a line limits the line: its bottleneck.
   */
  public double capacityPerSecond() {
    double a = availability(), p = performance();
    return runMs == 0 || !(idealMs > 0) ? Double.NaN : a * p * produced() / (idealMs / 1000.0);
  }

  public OeeComponents plus(OeeComponents o) {
    Map<String, Long> reasons = new TreeMap<>(downtimeByReason);
    o.downtimeByReason.forEach((k, v) -> reasons.merge(k, v, Long::sum));
    return new OeeComponents(observedMs + o.observedMs, plannedStopMs + o.plannedStopMs, runMs + o.runMs,
        downMs + o.downMs, setupMs + o.setupMs, idleMs + o.idleMs, good + o.good, scrap + o.scrap,
        rework + o.rework, idealMs + o.idealMs, failures + o.failures, reasons);
  }

  /** Writes the components and the ratios (absent when undefined, e.g. no planned busy time). */
  public ObjectNode write(ObjectNode n) {
    n.put("plannedBusySeconds", plannedBusyMs() / 1000.0).put("runSeconds", runMs / 1000.0)
        .put("downSeconds", downMs / 1000.0).put("setupSeconds", setupMs / 1000.0)
        .put("idleSeconds", idleMs / 1000.0).put("plannedStopSeconds", plannedStopMs / 1000.0)
        .put("observedSeconds", observedMs / 1000.0).put("good", good).put("scrap", scrap).put("rework", rework).put("produced", produced())
        .put("failures", failures);
    Numbers.putFinite(n, "idealSeconds", idealMs / 1000.0, 1e6);
    Numbers.putFinite(n, "availability", availability(), 1e6);
    Numbers.putFinite(n, "performance", performance(), 1e6);
    Numbers.putFinite(n, "quality", quality(), 1e6);
    Numbers.putFinite(n, "oee", oee(), 1e6);
    if (failures > 0) {
      n.put("mtbfSeconds", Numbers.round(mtbfMs() / 1000.0)).put("mttrSeconds", Numbers.round(mttrMs() / 1000.0));
    }
    var reasons = n.putArray("downtime");
    downtimeByReason.forEach((k, v) -> {
      int slash = k.indexOf('/');
      reasons.addObject().put("state", k.substring(0, slash)).put("reason", k.substring(slash + 1))
          .put("seconds", v / 1000.0);
    });
    return n;
  }
}
