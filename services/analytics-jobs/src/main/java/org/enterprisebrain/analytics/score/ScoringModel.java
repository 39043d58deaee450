package org.enterprisebrain.analytics.score;

import com.google.re2j.Pattern;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.enterprisebrain.analytics.stream.Envelope;
import org.enterprisebrain.messages.ModelDeployment;
import org.enterprisebrain.messages.ModelDeploymentFeaturesInner;
import org.enterprisebrain.messages.ModelDeploymentLinear;

/**
 * A deployment as the job uses it: which samples it applies to, how its features come from signals
 * ((value − center) ÷ scale), its bucket and threshold, and the loaded model. Built from the registry's
 * message; the model is loaded once per task and deployment version.
 */
public final class ScoringModel implements AutoCloseable {

  final String id;
  final String model;
  final int version;
  final String alias;
  final long bucketMs;
  final double threshold;
  final String[] names;
  final String[] signals;
  final double[] centers;
  final double[] scales;
  private final Set<String> plants;
  /** RE2J: a user's pattern matched in time linear in the id, whatever the pattern (no catastrophic backtracking). */
  private final Pattern equipment;
  private final Scorer scorer;

  private ScoringModel(ModelDeployment m, Scorer scorer) {
    this.id = m.id();
    this.model = m.model();
    this.version = m.version();
    this.alias = m.alias();
    this.bucketMs = m.bucketMs() == null ? 60_000 : m.bucketMs();
    this.threshold = m.threshold() == null ? Double.NaN : m.threshold();
    List<ModelDeploymentFeaturesInner> f = m.features() == null ? List.of() : m.features();
    names = new String[f.size()];
    signals = new String[f.size()];
    centers = new double[f.size()];
    scales = new double[f.size()];
    for (int i = 0; i < f.size(); i++) {
      names[i] = f.get(i).name();
      signals[i] = f.get(i).signal();
      centers[i] = f.get(i).center() == null ? 0 : f.get(i).center();
      scales[i] = f.get(i).scale() == null ? 1 : f.get(i).scale();
    }
    plants = m.plants() == null ? Set.of() : Set.copyOf(m.plants());
    equipment = m.equipment() == null ? null : Pattern.compile(m.equipment());
    this.scorer = scorer;
  }

  /** The registry's message (api-specs/topics/model-deployments.v1, its generated type) with the model loaded. */
  public static ScoringModel parse(String json) throws Exception {
    ModelDeployment m = Envelope.JSON.readValue(json, ModelDeployment.class);
    if (m.kind() == null) {
      throw new IOException("deployment " + m.id() + " names no model kind");
    }
    Scorer scorer = switch (m.kind()) {
      case ONNX -> {
        byte[] artifact = Base64.getDecoder().decode(m.artifact());
        // the registry names the artifact by its SHA-256: bytes that are not those are not the model it checked
        if (m.sha256() != null && !java.util.HexFormat.of().formatHex(
            java.security.MessageDigest.getInstance("SHA-256").digest(artifact)).equals(m.sha256())) {
          throw new IllegalArgumentException("the artifact is not the one whose SHA-256 the deployment names");
        }
        yield new OnnxScorer(artifact, m.inputTensor(), m.outputTensor(),
            m.outputIndex() == null ? 0 : m.outputIndex());
      }
      case LINEAR -> new LinearScorer(doubles(m.linear().weights()), m.linear().bias(),
          m.linear().link() == ModelDeploymentLinear.LinkEnum.LOGISTIC);
      case THRESHOLD -> new ThresholdScorer(doubles(m.upper()));
      case EWMA -> new EwmaRowScorer(m.features().size(), m.ewma().alpha(),
          m.ewma().warmUp() == null ? 30 : m.ewma().warmUp(),
          m.threshold() == null ? Double.POSITIVE_INFINITY : m.threshold());
    };
    return new ScoringModel(m, scorer);
  }

  private static double[] doubles(List<Double> values) {
    return values == null ? new double[0] : values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Whether a sample of this signal on this machine feeds the deployment. */
  boolean applies(String plant, String equipmentId, String signal) {
    if (!plants.isEmpty() && !plants.contains(plant)) {
      return false;
    }
    if (equipment != null && !equipment.matcher(equipmentId).matches()) {
      return false;
    }
    for (String s : signals) {
      if (s.equals(signal)) {
        return true;
      }
    }
    return false;
  }

  double score(float[] features, double[] state) throws Exception {
    return scorer.score(features, state);
  }

  /** The state a machine starts with (empty unless the model learns per machine). */
  double[] initialState() {
    return scorer.initialState();
  }

  @Override
  public void close() throws Exception {
    scorer.close();
  }
}
