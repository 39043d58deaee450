package org.enterprisebrain.analytics.score;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.enterprisebrain.analytics.alerts.Alert;
import org.enterprisebrain.analytics.health.Sample;
import org.enterprisebrain.analytics.sink.EsDocument;
import org.enterprisebrain.analytics.stream.Envelope;
import org.enterprisebrain.analytics.stream.Numbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores one machine's telemetry with every deployment that applies to it. Deployments arrive as broadcast
 * state (every parallel task holds them all), so a new deployment, a new version or an undeploy takes effect
 * at the next sample, with no restart. A deployment scores a machine once per bucket, as soon as every
 * feature has a sample in that bucket (the latest value counts); a score at or above the threshold raises one
 * alert per episode. Scores are written with the model's name and version, so a promotion is visible in
 * the results.
 */
public final class ScoreProcess extends KeyedBroadcastProcessFunction<String, Sample, DeploymentRecord, EsDocument> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ScoreProcess.class);

  /** deployment id → the registry's message */
  public static final MapStateDescriptor<String, String> DEPLOYMENTS =
      new MapStateDescriptor<>("deployments", Types.STRING, Types.STRING);
  public static final OutputTag<Alert> ALERTS = new OutputTag<>("model-alerts", TypeInformation.of(Alert.class));

  private final String index;

  /** signal → {sampled at, value} */
  private transient MapState<String, double[]> latest;
  /** deployment id → last bucket scored */
  private transient MapState<String, Long> scored;
  /** deployment ids whose score is at or above their threshold */
  private transient MapState<String, Boolean> episodes;
  /** deployment id@version → what a learning model (EWMA) knows about this machine */
  private transient MapState<String, double[]> learnt;
  /** loaded models of this task, by deployment id, with the message they were loaded from */
  private transient Map<String, Map.Entry<String, ScoringModel>> loaded;
  private transient Counter scores;
  private transient Counter failures;

  public ScoreProcess(String index) {
    this.index = index;
  }

  @Override
  public void open(OpenContext context) {
    latest = getRuntimeContext().getMapState(new MapStateDescriptor<>("latest", Types.STRING,
        PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
    scored = getRuntimeContext().getMapState(new MapStateDescriptor<>("scored", Types.STRING, Types.LONG));
    episodes = getRuntimeContext().getMapState(new MapStateDescriptor<>("episodes", Types.STRING, Types.BOOLEAN));
    learnt = getRuntimeContext().getMapState(new MapStateDescriptor<>("learnt", Types.STRING,
        PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
    loaded = new HashMap<>();
    scores = getRuntimeContext().getMetricGroup().counter("scores");
    failures = getRuntimeContext().getMetricGroup().counter("scoringFailures");
  }

  @Override
  public void processElement(Sample s, ReadOnlyContext ctx, Collector<EsDocument> out) throws Exception {
    double[] previous = latest.get(s.signal());
    if (previous == null || s.at() >= previous[0]) { // a late sample does not replace a newer value
      latest.put(s.signal(), new double[] {s.at(), s.value()});
    }
    ReadOnlyBroadcastState<String, String> deployments = ctx.getBroadcastState(DEPLOYMENTS);
    for (Map.Entry<String, String> d : deployments.immutableEntries()) {
      ScoringModel m = model(d.getKey(), d.getValue());
      if (m == null || !m.applies(s.plant(), s.equipment(), s.signal())) {
        continue;
      }
      long bucket = Math.floorDiv(s.at(), m.bucketMs);
      Long last = scored.get(m.id);
      if (last != null && last >= bucket) {
        continue;
      }
      float[] x = new float[m.signals.length];
      double[] raw = new double[m.signals.length];
      boolean complete = true;
      for (int i = 0; i < x.length && complete; i++) {
        double[] v = latest.get(m.signals[i]);
        complete = v != null && Math.floorDiv((long) v[0], m.bucketMs) == bucket;
        if (complete) {
          raw[i] = v[1];
          x[i] = (float) ((v[1] - m.centers[i]) / m.scales[i]);
        }
      }
      if (!complete) {
        continue;
      }
      double score;
      String learning = m.id + '@' + m.version; // a new version learns afresh
      double[] state = learnt.get(learning);
      if (state == null) {
        state = m.initialState();
      }
      try {
        score = m.score(x, state);
        if (!Double.isFinite(score)) {
          throw new ArithmeticException("the model returned " + score);
        }
      } catch (Exception e) {
        failures.inc(); // the registry ran this model on a row of zeros; a failure here is data it cannot take
        LOG.warn("deployment {} could not score {}: {}", m.id, s.equipment(), e.getMessage());
        continue;
      }
      scored.put(m.id, bucket);
      if (state.length > 0) {
        learnt.put(learning, state);
      }
      scores.inc();
      boolean high = Double.isFinite(m.threshold) && score >= m.threshold;
      out.collect(document(s, m, bucket * m.bucketMs, score, high, raw));
      if (high && !Boolean.TRUE.equals(episodes.get(m.id))) {
        ctx.output(ALERTS, alert(s, m, bucket * m.bucketMs, score));
      }
      episodes.put(m.id, high);
    }
  }

  @Override
  public void processBroadcastElement(DeploymentRecord r, Context ctx, Collector<EsDocument> out) throws Exception {
    BroadcastState<String, String> deployments = ctx.getBroadcastState(DEPLOYMENTS);
    if (r.json() == null) {
      deployments.remove(r.id());
      unload(r.id());
      LOG.info("deployment {} undeployed", r.id());
    } else {
      deployments.put(r.id(), r.json());
      LOG.info("deployment {} received", r.id());
    }
  }

  /** The loaded model for the deployment's current message; reloaded when the message changes. */
  private ScoringModel model(String id, String json) throws Exception {
    Map.Entry<String, ScoringModel> cached = loaded.get(id);
    // called per sample and deployment: the message (artifact included, up to megabytes) is compared by
    // reference, as broadcast state hands out the object it holds; by content only when that differs
    if (cached != null && cached.getKey() == json) {
      return cached.getValue();
    }
    if (cached != null && cached.getKey().equals(json)) {
      loaded.put(id, new java.util.AbstractMap.SimpleImmutableEntry<>(json, cached.getValue()));
      return cached.getValue();
    }
    unload(id);
    ScoringModel m;
    try {
      m = ScoringModel.parse(json);
    } catch (Exception e) {
      failures.inc();
      LOG.warn("deployment {} cannot be loaded: {}", id, e.getMessage());
      m = null;
    }
    loaded.put(id, new java.util.AbstractMap.SimpleImmutableEntry<>(json, m));
    return m;
  }

  /** Frees the task's loaded model of a deployment (onnxruntime holds native memory). */
  private void unload(String id) throws Exception {
    Map.Entry<String, ScoringModel> cached = loaded.remove(id);
    if (cached != null && cached.getValue() != null) {
      cached.getValue().close();
    }
  }

  @Override
  public void close() throws Exception {
    if (loaded != null) {
      for (Map.Entry<String, ScoringModel> e : loaded.values()) {
        if (e.getValue() != null) {
          e.getValue().close();
        }
      }
    }
  }

  private EsDocument document(Sample s, ScoringModel m, long bucketStart, double score, boolean high, double[] raw) {
    ObjectNode n = Envelope.JSON.createObjectNode().put("plant", s.plant()).put("equipment", s.equipment())
        .put("deployment", m.id).put("model", m.model).put("version", m.version).put("alias", m.alias)
        .put("at", Instant.ofEpochMilli(bucketStart).toString()).put("sampledAt", Instant.ofEpochMilli(s.at()).toString())
        .put("score", Numbers.round(score)).put("anomalous", high);
    if (Double.isFinite(m.threshold)) {
      n.put("threshold", m.threshold);
    }
    ObjectNode features = n.putObject("features");
    for (int i = 0; i < raw.length; i++) {
      features.put(m.names[i], raw[i]);
    }
    return new EsDocument(index, m.id + '|' + s.plant() + '|' + s.equipment() + '|' + Instant.ofEpochMilli(bucketStart),
        n.toString());
  }

  private static Alert alert(Sample s, ScoringModel m, long bucketStart, double score) {
    String model = m.model + " v" + m.version;
    return new Alert("model|" + m.id + '|' + s.plant() + '|' + s.equipment() + '|' + Instant.ofEpochMilli(bucketStart),
        "model-score", "warning", s.plant(), s.equipment(), m.model, model,
        String.format("%s 模型 %s 评分 %.3f 达到阈值 %.3f", s.equipment(), model, score, m.threshold),
        String.format("%s model %s scored %.3f, at or above its threshold %.3f", s.equipment(), model, score, m.threshold),
        bucketStart, score, m.threshold);
  }
}
