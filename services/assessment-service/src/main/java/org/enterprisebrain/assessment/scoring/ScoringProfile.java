package org.enterprisebrain.assessment.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * How satisfaction becomes scores and a level (profile/scoring-v1.yaml): the scale, the pass threshold, the
 * scenario weights, the target level and how long an attestation counts.
 */
public record ScoringProfile(String profile, int version, List<ScaleStep> scale, double passThreshold, String target,
    Map<String, Double> scenarioWeights, String attestationValidity) {

  public static final String BUNDLED = "profile/scoring-v1.yaml";

  private static final ObjectMapper YAML = YAMLMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  public ScoringProfile {
    scale = scale == null ? List.of() : scale.stream()
        .sorted(Comparator.comparingDouble(ScaleStep::value).reversed()).toList();
    scenarioWeights = scenarioWeights == null ? Map.of() : Map.copyOf(scenarioWeights);
  }

  /** One step of the scale: 1 全部满足, 0.8 大部分满足, 0.5 部分满足, 0 不满足 by default. */
  public record ScaleStep(double value, String zh, String en) {
  }

  public static ScoringProfile bundled() {
    return read(ScoringProfile.class.getClassLoader().getResourceAsStream(BUNDLED));
  }

  public static ScoringProfile read(InputStream in) {
    try (in) {
      return YAML.readValue(in, ScoringProfile.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The highest step not above {@code raw}: evidence of 0.9 is "largely met" (0.8), never rounded up. */
  public ScaleStep floor(double raw) {
    for (ScaleStep step : scale) {
      if (raw + 1e-9 >= step.value()) {
        return step;
      }
    }
    return scale.get(scale.size() - 1);
  }

  public double scenarioWeight(String scenario) {
    return scenarioWeights.getOrDefault(scenario, 1.0);
  }

  public Duration validity() {
    return Duration.parse(attestationValidity == null ? "P365D" : attestationValidity);
  }

  /** What is wrong with this profile as "field: why", for a 400 naming the field; empty when valid. */
  public List<String[]> problems(List<String> levelIds) {
    List<String[]> problems = new ArrayList<>();
    if (scale.isEmpty() || scale.get(0).value() != 1.0 || scale.get(scale.size() - 1).value() != 0.0) {
      problems.add(new String[] {"/scale", "the scale must run from 1 (fully met) down to 0 (not met)"});
    }
    for (int i = 0; i < scale.size(); i++) {
      ScaleStep s = scale.get(i);
      if (s.value() < 0 || s.value() > 1 || s.zh() == null || s.en() == null) {
        problems.add(new String[] {"/scale/" + i, "each step needs a value in [0, 1], zh and en"});
      }
    }
    if (!(passThreshold > 0 && passThreshold <= 1)) {
      problems.add(new String[] {"/passThreshold", "must be in (0, 1]"});
    }
    if (target == null || !levelIds.contains(target)) {
      problems.add(new String[] {"/target", "must be one of " + levelIds});
    }
    scenarioWeights.forEach((k, w) -> {
      if (w == null || !(w > 0)) {
        problems.add(new String[] {"/scenarioWeights/" + k, "must be positive"});
      }
    });
    try {
      if (validity().isNegative() || validity().isZero()) {
        problems.add(new String[] {"/attestationValidity", "must be a positive ISO-8601 duration"});
      }
    } catch (RuntimeException e) {
      problems.add(new String[] {"/attestationValidity", "not an ISO-8601 duration such as P365D"});
    }
    return problems;
  }
}
