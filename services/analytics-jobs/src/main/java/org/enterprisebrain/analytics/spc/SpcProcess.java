package org.enterprisebrain.analytics.spc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.enterprisebrain.analytics.stream.KafkaConnection;
import org.enterprisebrain.analytics.alerts.Alert;
import org.enterprisebrain.analytics.sink.EsDocument;
import org.enterprisebrain.analytics.stream.Envelope;
import org.enterprisebrain.analytics.stream.Forget;
import org.enterprisebrain.analytics.stream.Numbers;
import org.enterprisebrain.analytics.stream.SettingsIndex;
import org.enterprisebrain.analytics.stream.SettingsTopic;

/**
 * SPC of one characteristic on one machine. Samples with a subgroup id are collected until the subgroup
 * has {@code subgroupSize} values (then it is plotted at once, so an alert does not wait for a watermark)
 * or until {@code subgroupTimeoutMs} of event time passed since its first sample (plotted with the values
 * it has). Samples without a subgroup are individuals (I-MR chart). Samples for a subgroup already plotted
 * are late: dropped and counted, like duplicates.
 */
public final class SpcProcess extends KeyedBroadcastProcessFunction<String, Measurement, ChartSettings, EsDocument> {

  private static final long serialVersionUID = 1L;
  public static final OutputTag<Alert> ALERTS = new OutputTag<>("spc-alerts", TypeInformation.of(Alert.class));
  /** Every chart's settings versions, by chart|version. */
  public static final MapStateDescriptor<String, ChartSettings> SETTINGS = new MapStateDescriptor<>("spc-settings",
      Types.STRING, TypeInformation.of(ChartSettings.class));

  private final String index;
  private final int subgroupSize;
  private final long subgroupTimeoutMs;
  private final int baselineSize;
  private final int capabilityWindow;
  private final Set<Integer> rules;
  private final Map<String, double[]> given;
  private final KafkaConnection kafka;
  private final String settingsTopic;
  private transient SettingsIndex<ChartSettings, ChartSettings> versions;

  private transient ValueState<ControlChart> chart;
  private transient MapState<String, double[]> open;
  private transient MapState<String, Long> opened;
  /** when each open subgroup times out (absent in state from before: its first sample's time + the timeout) */
  private transient MapState<String, Long> deadlines;
  private transient MapState<String, Long> seen;
  /** subgroups already plotted (a late sample of one is dropped), by their time */
  private transient MapState<String, Long> closed;
  private transient ValueState<Measurement> last;
  private transient ValueState<Long> lastPrune;
  private transient Counter duplicates;
  private transient Counter late;

  /** @param given characteristic → {center, σ} for charts whose limits are given rather than estimated */
  public SpcProcess(String index, int subgroupSize, long subgroupTimeoutMs, int baselineSize, int capabilityWindow,
      Set<Integer> rules, Map<String, double[]> given, KafkaConnection kafka, String settingsTopic) {
    this.index = index;
    this.subgroupSize = subgroupSize;
    this.subgroupTimeoutMs = subgroupTimeoutMs;
    this.baselineSize = baselineSize;
    this.capabilityWindow = capabilityWindow;
    this.rules = Set.copyOf(rules);
    this.given = Map.copyOf(given);
    this.kafka = kafka;
    this.settingsTopic = settingsTopic;
  }

  @Override
  public void open(OpenContext context) {
    chart = getRuntimeContext().getState(new ValueStateDescriptor<>("chart", TypeInformation.of(ControlChart.class)));
    open = getRuntimeContext().getMapState(new MapStateDescriptor<>("open-subgroups", Types.STRING,
        org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
    opened = getRuntimeContext().getMapState(new MapStateDescriptor<>("opened-at", Types.STRING, Types.LONG));
    deadlines = getRuntimeContext().getMapState(new MapStateDescriptor<>("deadlines", Types.STRING, Types.LONG));
    seen = getRuntimeContext().getMapState(new MapStateDescriptor<>("seen", Types.STRING, Types.LONG));
    closed = getRuntimeContext().getMapState(new MapStateDescriptor<>("closed", Types.STRING, Types.LONG));
    last = getRuntimeContext().getState(new ValueStateDescriptor<>("last", Measurement.class));
    lastPrune = getRuntimeContext().getState(new ValueStateDescriptor<>("last-prune", Types.LONG));
    duplicates = getRuntimeContext().getMetricGroup().counter("duplicateRecords");
    late = getRuntimeContext().getMetricGroup().counter("lateRecordsDropped");
    versions = new SettingsIndex<>(settingsTopic == null ? List.of()
        : SettingsTopic.readAll(kafka, settingsTopic, ChartSettings::read), s -> s);
  }

  @Override
  public void processBroadcastElement(ChartSettings s, Context ctx, Collector<EsDocument> out) throws Exception {
    // applied at the chart's next subgroup, from its effectiveFrom on
    versions.broadcast(s, ctx.getBroadcastState(SETTINGS));
  }

  @Override
  public void processElement(Measurement m, ReadOnlyContext ctx, Collector<EsDocument> out) throws Exception {
    if (seen.contains(m.recordId())) {
      duplicates.inc();
      return;
    }
    seen.put(m.recordId(), m.at());
    last.update(m);
    if (m.subgroup() == null) {
      plot(Subgroup.of(m.recordId(), m.at(), m.value()), m, ctx, out);
      // individuals need no timer of their own: this one forgets old ids
      ctx.timerService().registerEventTimeTimer(Math.floorDiv(m.at(), 3_600_000L) * 3_600_000L + 3_600_000L);
      return;
    }
    if (closed.contains(m.subgroup())) {
      late.inc();
      return;
    }
    double[] values = open.get(m.subgroup());
    values = values == null ? new double[] {m.value()} : append(values, m.value());
    if (values.length >= subgroupSize(m.key(), m.at(), ctx)) {
      close(m.subgroup(), values, m, ctx, out);
      return;
    }
    open.put(m.subgroup(), values);
    if (values.length == 1) {
      opened.put(m.subgroup(), m.at());
      // a subgroup entered behind the watermark (a lab's results typed in an hour later) gets the timeout from
      // now on in event time: timed from its own first sample it would close at the next watermark, with one value
      long deadline = Math.max(m.at(), ctx.timerService().currentWatermark()) + subgroupTimeoutMs;
      deadlines.put(m.subgroup(), deadline);
      ctx.timerService().registerEventTimeTimer(deadline);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<EsDocument> out) throws Exception {
    List<String> due = new ArrayList<>();
    for (Map.Entry<String, Long> e : opened.entries()) {
      if (deadline(e.getKey(), e.getValue()) <= timestamp) {
        due.add(e.getKey());
      }
    }
    due.sort(null);
    Measurement m = last.value();
    for (String subgroup : due) {
      close(subgroup, open.get(subgroup), m, ctx, out);
    }
    // forget ids older than a day of event time (replays from a checkpoint never go back further), once an hour
    if (Forget.due(lastPrune, timestamp)) {
      Forget.valuesBefore(seen, timestamp - 86_400_000L);
      Forget.valuesBefore(closed, timestamp - 86_400_000L);
    }
  }

  private void close(String subgroup, double[] values, Measurement m, ReadOnlyContext ctx, Collector<EsDocument> out)
      throws Exception {
    long at = opened.contains(subgroup) ? opened.get(subgroup) : m.at();
    if (opened.contains(subgroup)) {
      ctx.timerService().deleteEventTimeTimer(deadline(subgroup, at)); // complete: its timeout is moot
    }
    open.remove(subgroup);
    opened.remove(subgroup);
    deadlines.remove(subgroup);
    closed.put(subgroup, at);
    plot(Subgroup.of(subgroup, at, values), m, ctx, out);
  }

  private long deadline(String subgroup, long openedAt) throws Exception {
    Long deadline = deadlines.get(subgroup);
    return deadline != null ? deadline : openedAt + subgroupTimeoutMs;
  }

  private void plot(Subgroup s, Measurement m, ReadOnlyContext ctx, Collector<EsDocument> out) throws Exception {
    ControlChart c = chart.value();
    if (c == null) {
      c = new ControlChart(ControlChart.typeFor(m.subgroup() == null ? 1 : subgroupSize(m.key(), s.at(), ctx)),
          baselineSize,
          capabilityWindow, rules);
      double[] limits = given.get(m.characteristic());
      if (limits != null) {
        c.withLimits(limits[0], limits[1]);
      }
    }
    List<ControlChart.Point> points = new ArrayList<>();
    ChartSettings settings = due(m.key(), c.limitsVersion(), s.at(), ctx);
    if (settings != null) {
      // the kept points from its effectiveFrom on are plotted again: the same ids, the new limits
      points.addAll(c.apply(settings.version(), settings.effectiveFrom(),
          settings.baselineSubgroups() > 0 ? settings.baselineSubgroups() : baselineSize, settings.center(),
          settings.sigma(), settings.chartType() != null ? settings.chartType()
              : ControlChart.typeFor(subgroupSize(m.key(), s.at(), ctx)),
          settings.rules() != 0 ? settings.rules() : SpcRules.mask(rules)));
    }
    points.addAll(c.add(s, m.lsl(), m.usl()));
    chart.update(c);
    for (ControlChart.Point p : points) {
      out.collect(document(m, p));
    }
    ControlChart.Point current = points.get(points.size() - 1);
    for (String rule : current.violations()) {
      ctx.output(ALERTS, alert(m, current, rule));
    }
  }

  /** The subgroup size of the chart's newest settings in effect at {@code at} that give one, else the job's. */
  private int subgroupSize(String chartKey, long at, ReadOnlyContext ctx) throws Exception {
    for (ChartSettings s : versions(ctx).newestFirst(chartKey)) {
      if (s.subgroupSize() > 0 && s.effectiveFrom() <= at) {
        return s.subgroupSize();
      }
    }
    return subgroupSize;
  }

  private SettingsIndex<ChartSettings, ChartSettings> versions(ReadOnlyContext ctx) throws Exception {
    return versions.restored(ctx.getBroadcastState(SETTINGS));
  }

  /** The newest version of the chart's settings newer than {@code current} and in effect at {@code at}, or null. */
  private ChartSettings due(String chartKey, int current, long at, ReadOnlyContext ctx) throws Exception {
    ChartSettings newest = versions(ctx).inForce(chartKey, at);
    return newest != null && newest.version() > current ? newest : null;
  }

  private String pointId(Measurement m, Subgroup s) {
    // a lab's result names no machine: its chart is keyed by product and characteristic alone
    return m.key() + '|' + s.id();
  }

  private EsDocument document(Measurement m, ControlChart.Point p) {
    Subgroup s = p.subgroup();
    ObjectNode n = Envelope.JSON.createObjectNode().put("plant", m.plant()).put("equipment", m.equipment())
        .put("product", m.product()).put("characteristic", m.characteristic()).put("characteristicName", m.name())
        .put("unit", m.unit())
        .put("chart", p.chart()).put("phase", p.phase()).put("subgroup", s.id())
        .put("at", Instant.ofEpochMilli(s.at()).toString()).put("n", s.n()).put("value", s.mean());
    number(n, "spread", p.spread());
    number(n, "center", p.center());
    number(n, "ucl", p.ucl());
    number(n, "lcl", p.lcl());
    number(n, "spreadCenter", p.spreadCenter());
    number(n, "spreadUcl", p.spreadUcl());
    number(n, "spreadLcl", p.spreadLcl());
    number(n, "sigma", p.sigma());
    number(n, "lsl", m.lsl());
    number(n, "usl", m.usl());
    number(n, "target", m.target());
    number(n, "cp", p.capability().cp());
    number(n, "cpk", p.capability().cpk());
    number(n, "pp", p.capability().pp());
    number(n, "ppk", p.capability().ppk());
    number(n, "baselineCp", p.baselineCapability().cp());
    number(n, "baselineCpk", p.baselineCapability().cpk());
    number(n, "baselinePp", p.baselineCapability().pp());
    number(n, "baselinePpk", p.baselineCapability().ppk());
    n.put("limitsVersion", p.limitsVersion());
    var violations = n.putArray("violations");
    p.violations().forEach(violations::add);
    if (m.equipment() == null) {
      n.remove("equipment"); // absent, not null: "results that name no machine" is a query for a missing field
    }
    return new EsDocument(index, pointId(m, s), n.toString());
  }

  private Alert alert(Measurement m, ControlChart.Point p, String rule) {
    String what = (m.name() == null ? m.characteristic() : m.name())
        + (m.equipment() == null ? " (" + m.product() + ")" : " @ " + m.equipment());
    SpcRules.Rule r = rule.equals("S1") ? null : SpcRules.rule(Integer.parseInt(rule));
    String zh = r == null ? "离散程度（" + p.chart() + "）1点超出控制限" : "判异准则" + rule + "：" + r.zh();
    String en = r == null ? "spread (" + p.chart() + ") beyond its control limit" : "Test " + rule + ": " + r.en();
    double value = r == null ? p.spread() : p.subgroup().mean();
    double limit = r == null ? (p.spreadLcl() > 0 && value < p.spreadLcl() ? p.spreadLcl() : p.spreadUcl())
        : SpcRules.boundary(r.number(), value, p.center(), (p.ucl() - p.center()) / 3);
    // which point, which value, which line: what a quality engineer needs to find it on the chart
    String point = "子组 " + p.subgroup().id() + " 值 " + Numbers.round(value);
    String pointEn = "subgroup " + p.subgroup().id() + " value " + Numbers.round(value);
    if (Double.isFinite(limit)) {
      point += "，界限 " + Numbers.round(limit);
      pointEn += ", limit " + Numbers.round(limit);
    }
    return new Alert("spc|" + pointId(m, p.subgroup()) + '|' + rule, "spc-rule", r == null ? "warning" : r.severity(),
        m.plant(), m.equipment(), m.characteristic(), rule, what + " " + zh + "（" + point + "）",
        what + " " + en + " (" + pointEn + ")", p.subgroup().at(), value, limit);
  }

  private static void number(ObjectNode n, String field, double value) {
    Numbers.putFinite(n, field, value, 1e9); // measurements need more than six decimals (σ of microns)
  }

  private static double[] append(double[] values, double value) {
    double[] more = java.util.Arrays.copyOf(values, values.length + 1);
    more[values.length] = value;
    return more;
  }
}
