package org.enterprisebrain.analytics.health;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.enterprisebrain.analytics.alerts.Alert;
import org.enterprisebrain.analytics.sink.EsDocument;
import org.enterprisebrain.analytics.stream.Envelope;
import org.enterprisebrain.analytics.stream.Forget;
import org.enterprisebrain.analytics.stream.Numbers;

/**
 * Condition monitoring of one signal of one machine. Each sample is scored as it arrives (no watermark
 * wait: alerts are for now); an anomaly episode raises one alert at its first sample and ends at the next
 * normal one. Features per window (count, mean, min, max, σ, anomalies) are written when the watermark
 * passes the window's end. Samples arrive in order per signal from Kafka; out-of-order samples are scored
 * as they come.
 */
public final class HealthProcess extends KeyedProcessFunction<String, Sample, EsDocument> {

  private static final long serialVersionUID = 1L;
  public static final OutputTag<Alert> ALERTS = new OutputTag<>("health-alerts", TypeInformation.of(Alert.class));

  private final String index;
  private final HealthScorer scorer;
  private final long windowMs;

  private transient ValueState<double[]> state;
  private transient ValueState<Boolean> inEpisode;
  /** window start → {count, sum, sum of squares, min, max, anomalies} */
  private transient MapState<Long, double[]> windows;
  private transient MapState<String, Long> seen;
  private transient ValueState<Sample> last;
  private transient Counter duplicates;
  private transient Counter late;

  public HealthProcess(String index, HealthScorer scorer, long windowMs) {
    this.index = index;
    this.scorer = scorer;
    this.windowMs = windowMs;
  }

  @Override
  public void open(OpenContext context) {
    state = getRuntimeContext().getState(new ValueStateDescriptor<>("scorer-state", PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
    inEpisode = getRuntimeContext().getState(new ValueStateDescriptor<>("in-episode", Types.BOOLEAN));
    windows = getRuntimeContext().getMapState(new MapStateDescriptor<>("windows", Types.LONG,
        PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
    seen = getRuntimeContext().getMapState(new MapStateDescriptor<>("seen", Types.STRING, Types.LONG));
    last = getRuntimeContext().getState(new ValueStateDescriptor<>("last", Sample.class));
    duplicates = getRuntimeContext().getMetricGroup().counter("duplicateRecords");
    late = getRuntimeContext().getMetricGroup().counter("lateRecordsDropped");
  }

  @Override
  public void processElement(Sample s, Context ctx, Collector<EsDocument> out) throws Exception {
    if (seen.contains(s.recordId())) {
      duplicates.inc();
      return;
    }
    seen.put(s.recordId(), s.at());
    last.update(s);
    double[] st = state.value();
    if (st == null) {
      st = scorer.initialState();
    }
    HealthScorer.Verdict v = scorer.score(s, st);
    state.update(st);
    boolean episode = Boolean.TRUE.equals(inEpisode.value());
    if (v.anomalous() && !episode) {
      ctx.output(ALERTS, alert(s, v));
    }
    inEpisode.update(v.anomalous());
    long window = Math.floorDiv(s.at(), windowMs) * windowMs;
    if (window + windowMs <= ctx.timerService().currentWatermark()) {
      late.inc(); // its window's features are written: a late sample is scored, not counted into them
      return;
    }
    double[] w = windows.get(window);
    if (w == null) {
      w = new double[] {0, 0, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0};
      ctx.timerService().registerEventTimeTimer(window + windowMs);
    }
    w[0]++;
    w[1] += s.value();
    w[2] += s.value() * s.value();
    w[3] = Math.min(w[3], s.value());
    w[4] = Math.max(w[4], s.value());
    w[5] += v.anomalous() ? 1 : 0;
    windows.put(window, w);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<EsDocument> out) throws Exception {
    Sample s = last.value();
    Iterator<Map.Entry<Long, double[]>> it = windows.iterator();
    while (it.hasNext()) {
      Map.Entry<Long, double[]> e = it.next();
      if (e.getKey() + windowMs <= timestamp) {
        out.collect(document(s, e.getKey(), e.getValue()));
        it.remove();
      }
    }
    Forget.valuesBefore(seen, timestamp - 86_400_000L); // windows end every few minutes: no need to wait
  }

  private EsDocument document(Sample s, long start, double[] w) {
    double mean = w[1] / w[0];
    double variance = w[0] > 1 ? Math.max(0, (w[2] - w[0] * mean * mean) / (w[0] - 1)) : 0;
    ObjectNode n = Envelope.JSON.createObjectNode().put("plant", s.plant()).put("equipment", s.equipment())
        .put("signal", s.signal()).put("unit", s.unit()).put("start", Instant.ofEpochMilli(start).toString())
        .put("end", Instant.ofEpochMilli(start + windowMs).toString()).put("count", (long) w[0])
        .put("mean", Numbers.round(mean)).put("min", w[3]).put("max", w[4]).put("sd", Numbers.round(Math.sqrt(variance)))
        .put("anomalies", (long) w[5]);
    return new EsDocument(index, s.plant() + '|' + s.equipment() + '|' + s.signal() + '|' + Instant.ofEpochMilli(start),
        n.toString());
  }

  private Alert alert(Sample s, HealthScorer.Verdict v) {
    boolean limit = v.rule().equals("limit");
    String zh = limit ? String.format("%s %s 超过上限 %.2f：%.2f %s", s.equipment(), s.signal(), v.limit(), s.value(), s.unit())
        : String.format("%s %s 偏离基线 %.1fσ：%.2f %s", s.equipment(), s.signal(), v.score(), s.value(), s.unit());
    String en = limit ? String.format("%s %s above its limit %.2f: %.2f %s", s.equipment(), s.signal(), v.limit(), s.value(), s.unit())
        : String.format("%s %s %.1fσ off its baseline: %.2f %s", s.equipment(), s.signal(), v.score(), s.value(), s.unit());
    return new Alert("health|" + s.plant() + '|' + s.equipment() + '|' + s.signal() + '|' + Instant.ofEpochMilli(s.at()),
        "health-anomaly", limit ? "critical" : "warning", s.plant(), s.equipment(), s.signal(), v.rule(), zh, en,
        s.at(), s.value(), v.limit());
  }

}
