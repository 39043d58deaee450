package org.enterprisebrain.analytics.score;

import com.google.re2j.Pattern;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.enterprisebrain.analytics.stream.Envelope;

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

  private ScoringModel(JsonNode m, Scorer scorer) {
    this.id = m.path("id").asText();
    this.model = m.path("model").asText();
    this.version = m.path("version").asInt();
    this.alias = m.hasNonNull("alias") ? m.get("alias").asText() : null;
    this.bucketMs = m.path("bucketMs").asLong(60_000);
    this.threshold = m.hasNonNull("threshold") ? m.get("threshold").asDouble() : Double.NaN;
    JsonNode f = m.path("features");
    names = new String[f.size()];
    signals = new String[f.size()];
    centers = new double[f.size()];
    scales = new double[f.size()];
    for (int i = 0; i < f.size(); i++) {
      names[i] = f.get(i).path("name").asText();
      signals[i] = f.get(i).path("signal").asText();
      centers[i] = f.get(i).path("center").asDouble(0);
      scales[i] = f.get(i).path("scale").asDouble(1);
    }
    plants = new HashSet<>();
    m.path("plants").forEach(p -> plants.add(p.asText()));
    equipment = m.hasNonNull("equipment") ? Pattern.compile(m.get("equipment").asText()) : null;
    this.scorer = scorer;
  }

  public static ScoringModel parse(String json) throws Exception {
    JsonNode m = Envelope.JSON.readTree(json);
    Scorer scorer;
    if ("onnx".equals(m.path("kind").asText())) {
      byte[] artifact = Base64.getDecoder().decode(m.path("artifact").asText());
      // the registry names the artifact by its SHA-256: bytes that are not those are not the model it checked
      if (m.hasNonNull("sha256") && !java.util.HexFormat.of().formatHex(
          java.security.MessageDigest.getInstance("SHA-256").digest(artifact)).equals(m.get("sha256").asText())) {
        throw new IllegalArgumentException("the artifact is not the one whose SHA-256 the deployment names");
      }
      scorer = new OnnxScorer(artifact,
          m.hasNonNull("inputTensor") ? m.get("inputTensor").asText() : null, m.path("outputTensor").asText(),
          m.path("outputIndex").asInt(0));
    } else if ("linear".equals(m.path("kind").asText())) {
      JsonNode l = m.path("linear");
      scorer = new LinearScorer(doubles(l.path("weights")), l.path("bias").asDouble(),
          "logistic".equals(l.path("link").asText()));
    } else if ("threshold".equals(m.path("kind").asText())) {
      scorer = new ThresholdScorer(doubles(m.path("upper")));
    } else if ("ewma".equals(m.path("kind").asText())) {
      scorer = new EwmaRowScorer(m.path("features").size(), m.path("ewma").path("alpha").asDouble(),
          m.path("ewma").path("warmUp").asInt(30),
          m.hasNonNull("threshold") ? m.get("threshold").asDouble() : Double.POSITIVE_INFINITY);
    } else {
      throw new IOException("deployment " + m.path("id").asText() + ": unknown model kind '" + m.path("kind").asText() + "'");
    }
    return new ScoringModel(m, scorer);
  }

  private static double[] doubles(JsonNode array) {
    List<Double> values = new ArrayList<>();
    array.forEach(x -> values.add(x.asDouble()));
    return values.stream().mapToDouble(Double::doubleValue).toArray();
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
