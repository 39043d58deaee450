package org.enterprisebrain.analytics.energy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
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
import org.enterprisebrain.analytics.stream.SettingsIndex;
import org.enterprisebrain.analytics.stream.Numbers;

/**
 * Consumption of one meter per hour, split by time-of-use period, with CO₂, from cumulative register
 * readings (differences of consecutive readings; a reading below the previous one is a counter reset or
 * a replaced meter, and counts from zero) or interval readings. Readings are taken in event-time order
 * once the watermark passes them; a consumption is spread evenly over the time between its readings, so
 * an hour is complete once a reading at or after its end is in. A complete hour is compared with the
 * meter's own baseline (EWMA of its hourly consumption): more than {@code zLimit} σ off raises an alert.
 *
 * <p>The plant's energy settings (tariff, prices, emission factors) arrive as a broadcast stream: a consumption is
 * split by the tariff in force when it was consumed, an hour's CO₂ and cost use the version in force at its start.
 */
public final class EnergyProcess extends KeyedBroadcastProcessFunction<String, MeterReading, String, EsDocument> {

  private static final long serialVersionUID = 1L;
  private static final long HOUR = 3_600_000L;
  public static final OutputTag<Alert> ALERTS = new OutputTag<>("energy-alerts", TypeInformation.of(Alert.class));
  /** Hours of history before a meter's baseline is trusted. */
  static final int WARM_UP_HOURS = 24;
  static final double ALPHA = 0.1;

  /** Every version of the plants' energy settings (its JSON), by plant|version. */
  public static final MapStateDescriptor<String, String> SETTINGS = new MapStateDescriptor<>("energy-settings",
      Types.STRING, Types.STRING);

  private final String index;
  private final EnergySettings defaults;
  private final KafkaConnection kafka;
  private final String settingsTopic;
  private transient SettingsIndex<String, EnergySettings> versions;
  private final double zLimit;
  private final long latenessMs;

  private transient MapState<Long, Double> pending;
  private transient MapState<Long, double[]> hours;
  private transient ValueState<double[]> last;          // {at, value}
  private transient ValueState<double[]> baseline;      // {hours seen, mean, variance}
  private transient ValueState<Long> evaluated;         // hours before this one were compared with the baseline
  private transient ValueState<MeterReading> meter;
  private transient ValueState<Long> lastPrune;
  private transient MapState<String, Long> seen;
  private transient Counter resets;
  private transient Counter duplicates;
  private transient Counter late;

  /** @param settingsTopic read whole when the operator opens (at {@code kafka}); null: not read */
  public EnergyProcess(String index, TariffTable tariff, EmissionFactors factors, double zLimit, long latenessMs,
      KafkaConnection kafka, String settingsTopic) {
    this.index = index;
    this.defaults = EnergySettings.defaults(tariff, factors);
    this.kafka = kafka;
    this.settingsTopic = settingsTopic;
    this.zLimit = zLimit;
    this.latenessMs = latenessMs;
  }

  @Override
  public void open(OpenContext context) {
    pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending", Types.LONG, Types.DOUBLE));
    hours = getRuntimeContext().getMapState(new MapStateDescriptor<>("hours", Types.LONG,
        PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
    last = getRuntimeContext().getState(new ValueStateDescriptor<>("last", PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
    baseline = getRuntimeContext().getState(new ValueStateDescriptor<>("baseline", PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
    evaluated = getRuntimeContext().getState(new ValueStateDescriptor<>("evaluated", Types.LONG));
    meter = getRuntimeContext().getState(new ValueStateDescriptor<>("meter", MeterReading.class));
    lastPrune = getRuntimeContext().getState(new ValueStateDescriptor<>("last-prune", Types.LONG));
    seen = getRuntimeContext().getMapState(new MapStateDescriptor<>("seen", Types.STRING, Types.LONG));
    resets = getRuntimeContext().getMetricGroup().counter("counterResets");
    duplicates = getRuntimeContext().getMetricGroup().counter("duplicateRecords");
    late = getRuntimeContext().getMetricGroup().counter("lateRecordsDropped");
    versions = SettingsIndex.ofJson(kafka, settingsTopic, n -> EnergySettings.read(n, defaults));
  }

  @Override
  public void processBroadcastElement(String json, Context ctx, Collector<EsDocument> out) throws Exception {
    versions.broadcast(json, ctx.getBroadcastState(SETTINGS));
  }

  /**
   * Spreads an amount consumed evenly over [from, to) into hours and tariff periods, each part by the tariff in
   * force then: a version taking effect inside the span splits it.
   */
  private void split(String plant, double amount, long from, long to, Map<Long, double[]> touched,
      ReadOnlyContext ctx) throws Exception {
    if (to <= from) {
      return;
    }
    java.util.TreeSet<Long> cuts = new java.util.TreeSet<>(List.of(from, to));
    for (EnergySettings s : versions(ctx).newestFirst(plant)) {
      if (s.effectiveFrom() > from && s.effectiveFrom() < to) {
        cuts.add(s.effectiveFrom());
      }
    }
    Long start = null;
    for (long cut : cuts) {
      if (start != null) {
        settingsAt(plant, start, ctx).tariff().split(amount * (cut - start) / (to - from), start, cut, touched);
      }
      start = cut;
    }
  }

  private SettingsIndex<String, EnergySettings> versions(ReadOnlyContext ctx) throws Exception {
    return versions.restored(ctx.getBroadcastState(SETTINGS));
  }

  /** The plant's newest version in force at t, else the job's defaults. */
  private EnergySettings settingsAt(String plant, long t, ReadOnlyContext ctx) throws Exception {
    EnergySettings s = versions(ctx).inForce(plant, t);
    return s == null ? defaults : s;
  }

  @Override
  public void processElement(MeterReading r, ReadOnlyContext ctx, Collector<EsDocument> out) throws Exception {
    if (seen.contains(r.recordId())) {
      duplicates.inc();
      return;
    }
    long watermark = ctx.timerService().currentWatermark();
    double[] previous = last.value();
    // a cumulative reading older than the last one taken cannot be placed between readings any more
    if (r.cumulative() && previous != null && r.at() <= previous[0]) {
      late.inc();
      return;
    }
    seen.put(r.recordId(), r.at());
    meter.update(r);
    if (r.cumulative()) {
      pending.put(r.at(), r.value());
    } else {
      // interval consumption needs no ordering: spread and write it now; judge its hours at the watermark
      Map<Long, double[]> touched = new TreeMap<>();
      split(r.plant(), r.value(), r.intervalStart(), r.at(), touched, ctx);
      add(touched);
      write(out, touched.keySet(), ctx);
    }
    ctx.timerService().registerEventTimeTimer(r.at());
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<EsDocument> out) throws Exception {
    TreeMap<Long, Double> due = new TreeMap<>();
    for (Map.Entry<Long, Double> e : pending.entries()) {
      if (e.getKey() <= timestamp) {
        due.put(e.getKey(), e.getValue());
      }
    }
    Map<Long, double[]> touched = new TreeMap<>();
    double[] previous = last.value();
    for (Map.Entry<Long, Double> e : due.entrySet()) {
      pending.remove(e.getKey());
      if (previous != null) {
        double delta = e.getValue() - previous[1];
        if (delta < 0) {
          resets.inc();
          delta = e.getValue();
        }
        split(meter.value().plant(), delta, (long) previous[0], e.getKey(), touched, ctx);
      }
      previous = new double[] {e.getKey(), e.getValue()};
    }
    last.update(previous);
    add(touched);
    write(out, touched.keySet(), ctx);
    // an hour is complete when readings cover it (a register), or when the watermark passed it (intervals)
    evaluate(ctx, previous == null ? timestamp : (long) previous[0]);
    if (Forget.due(lastPrune, timestamp)) {
      Forget.keysBefore(hours, timestamp - latenessMs - HOUR);
      Forget.valuesBefore(seen, timestamp - latenessMs);
    }
  }

  private void add(Map<Long, double[]> touched) throws Exception {
    for (Map.Entry<Long, double[]> e : touched.entrySet()) {
      double[] sum = hours.get(e.getKey());
      if (sum == null) {
        sum = new double[e.getValue().length];
      }
      for (int i = 0; i < sum.length; i++) {
        sum[i] += e.getValue()[i];
        e.getValue()[i] = sum[i];
      }
      hours.put(e.getKey(), sum);
    }
  }

  private void write(Collector<EsDocument> out, Iterable<Long> touched, ReadOnlyContext ctx) throws Exception {
    MeterReading m = meter.value();
    for (long hour : touched) {
      out.collect(document(m, hour, hours.get(hour), settingsAt(m.plant(), hour, ctx)));
    }
  }

  /** Compares every hour complete by {@code coveredUntil} and not compared yet with the meter's baseline. */
  private void evaluate(ReadOnlyContext ctx, long coveredUntil) throws Exception {
    MeterReading m = meter.value();
    Long from = evaluated.value();
    List<Long> complete = new ArrayList<>();
    for (Long hour : hours.keys()) {
      if (hour + HOUR <= coveredUntil && (from == null || hour >= from)) {
        complete.add(hour);
      }
    }
    complete.sort(null);
    for (long hour : complete) {
      compare(m, hour, hours.get(hour)[TariffTable.PERIODS.size()], ctx);
      evaluated.update(hour + HOUR);
    }
  }

  private void compare(MeterReading m, long hour, double consumption, ReadOnlyContext ctx) throws Exception {
    double[] b = baseline.value();
    if (b == null) {
      b = new double[] {0, consumption, 0};
    } else {
      double sd = Math.sqrt(b[2]);
      double z = sd > 0 ? (consumption - b[1]) / sd : 0;
      if (b[0] >= WARM_UP_HOURS && Math.abs(z) > zLimit) {
        ctx.output(ALERTS, new Alert("energy|" + m.plant() + '|' + m.meter() + '|' + Instant.ofEpochMilli(hour),
            "energy-anomaly", "warning", m.plant(), m.equipment() == null ? m.line() : m.equipment(), m.meter(),
            "ewma-z", String.format("%s 能耗异常：%.1f %s，基线 %.1f（%.1fσ）", m.meter(), consumption, m.unit(), b[1], z),
            String.format("%s consumption anomaly: %.1f %s against a baseline of %.1f (%.1fσ)", m.meter(), consumption,
                m.unit(), b[1], z), hour, consumption, b[1] + zLimit * sd * Math.signum(z)));
        baseline.update(new double[] {b[0] + 1, b[1], b[2]}); // an anomaly does not teach the baseline
        return;
      }
      double diff = consumption - b[1];
      double mean = b[1] + ALPHA * diff;
      b = new double[] {b[0], mean, (1 - ALPHA) * (b[2] + ALPHA * diff * diff)};
    }
    baseline.update(new double[] {b[0] + 1, b[1], b[2]});
  }

  private EsDocument document(MeterReading m, long hour, double[] slots, EnergySettings settings) {
    double total = slots[TariffTable.PERIODS.size()];
    ObjectNode n = Envelope.JSON.createObjectNode().put("plant", m.plant()).put("meter", m.meter())
        .put("medium", m.medium()).put("unit", m.unit()).put("line", m.line()).put("equipment", m.equipment())
        .put("start", Instant.ofEpochMilli(hour).toString())
        .put("end", Instant.ofEpochMilli(hour + HOUR).toString()).put("consumption", Numbers.round(total));
    ObjectNode byPeriod = n.putObject("byTariff");
    for (int i = 0; i < TariffTable.PERIODS.size(); i++) {
      byPeriod.put(TariffTable.PERIODS.get(i), Numbers.round(slots[i]));
    }
    double factor = settings.factors().kgPerUnit(m.medium(), m.unit());
    if (Double.isFinite(factor)) {
      n.put("co2Kg", Numbers.round(total * factor));
    }
    double cost = "electricity".equals(m.medium()) ? settings.cost(slots) : Double.NaN;
    if (Double.isFinite(cost)) {
      n.put("cost", Numbers.round(cost)).put("currency", settings.currency());
    }
    return new EsDocument(index, m.plant() + '|' + m.meter() + '|' + Instant.ofEpochMilli(hour), n.toString());
  }

}
