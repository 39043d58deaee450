package org.enterprisebrain.analytics.oee;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.enterprisebrain.analytics.sink.EsDocument;
import org.enterprisebrain.analytics.stream.Envelope;
import org.enterprisebrain.analytics.stream.Numbers;

/**
 * A line's OEE per hour and shift from its machines' components, and its bottleneck. The line's elements
 * are the sums of its machines' (availability = Σ APT / Σ PBT, and so on): a time-weighted view of the
 * line's losses. The bottleneck is the machine with the lowest effective capacity (availability ×
 * performance ÷ ideal cycle time, units per planned busy hour): the station that limits what a serial
 * line can deliver with its present losses.
 */
public final class LineOee extends KeyedProcessFunction<String, PeriodResult, EsDocument> {

  private static final long serialVersionUID = 1L;

  private final String index;
  private final long retentionMs;
  /** "period|start|equipment" → that machine's latest result for the period. */
  private transient MapState<String, PeriodResult> results;

  public LineOee(String index, long retentionMs) {
    this.index = index;
    this.retentionMs = retentionMs;
  }

  @Override
  public void open(OpenContext context) {
    results = getRuntimeContext().getMapState(new MapStateDescriptor<>("line-results", Types.STRING,
        TypeInformation.of(PeriodResult.class)));
  }

  @Override
  public void processElement(PeriodResult in, Context ctx, Collector<EsDocument> out) throws Exception {
    if (in.line() == null) {
      return; // no master data (yet): the machine belongs to no known line
    }
    String period = in.period() + '|' + in.start() + '|';
    results.put(period + in.equipment(), in);
    Map<String, PeriodResult> machines = new TreeMap<>();
    Iterator<Map.Entry<String, PeriodResult>> all = results.iterator();
    while (all.hasNext()) {
      Map.Entry<String, PeriodResult> e = all.next();
      if (e.getValue().end() < in.start() - retentionMs) {
        all.remove();
      } else if (e.getKey().startsWith(period)) {
        machines.put(e.getValue().equipment(), e.getValue());
      }
    }
    out.collect(document(in, machines));
  }

  private EsDocument document(PeriodResult in, Map<String, PeriodResult> machines) {
    OeeComponents total = OeeComponents.NONE;
    String bottleneck = null;
    double lowest = Double.POSITIVE_INFINITY;
    ObjectNode n = Envelope.JSON.createObjectNode().put("level", "line").put("period", in.period())
        .put("plant", in.plant()).put("line", in.line())
        .put("start", Instant.ofEpochMilli(in.start()).toString())
        .put("end", Instant.ofEpochMilli(in.end()).toString()).put("shift", in.shift());
    ArrayNode list = Envelope.JSON.createArrayNode();
    String last = machines.values().stream().map(PeriodResult::operation).filter(java.util.Objects::nonNull)
        .max(String::compareTo).orElse(null);
    long output = 0;
    for (Map.Entry<String, PeriodResult> m : machines.entrySet()) {
      OeeComponents c = m.getValue().components();
      if (last != null && last.equals(m.getValue().operation())) {
        output += c.good(); // parallel stations of the last operation all deliver
      }
      total = total.plus(c);
      double capacity = c.capacityPerSecond() * 3600;
      ObjectNode entry = list.addObject().put("equipment", m.getKey()).put("operation", m.getValue().operation());
      if (Double.isFinite(c.oee())) {
        entry.put("oee", Numbers.round(c.oee()));
      }
      if (Double.isFinite(capacity)) {
        entry.put("capacityPerHour", Numbers.round(capacity));
        if (capacity < lowest) {
          lowest = capacity;
          bottleneck = m.getKey();
        }
      }
    }
    total.write(n);
    if (last != null) {
      // what the line delivered: good parts of its last operation (Σ good would count a part once per station)
      n.put("output", output).put("outputOperation", last);
    }
    n.put("bottleneck", bottleneck).set("machines", list);
    return new EsDocument(index, in.period() + '|' + in.plant() + '|' + in.line() + '|'
        + Instant.ofEpochMilli(in.start()), n.toString());
  }
}
