package org.enterprisebrain.analytics.run;

import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.enterprisebrain.analytics.stream.KafkaConnection;
import org.enterprisebrain.analytics.stream.TopicContract;
import org.enterprisebrain.elasticsearch.ElasticsearchConnection;

/**
 * Every setting of the analytics jobs, each {@code BRAIN_X} from the environment (or system property
 * {@code BRAIN_X}), with the defaults documented in the module's README.
 */
public record AnalyticsSettings(KafkaConnection kafka, ElasticsearchConnection elasticsearch, String indexPrefix, String groupPrefix,
    String alertsTopic, boolean fromEarliest, Duration outOfOrderness, Duration idleness, Duration lateness,
    Duration checkpointInterval, String checkpointDir, int parallelism, String shifts, String zone, int spcSubgroupSize,
    Duration spcSubgroupTimeout, int spcBaseline, int spcCapabilityWindow, Set<Integer> spcRules,
    Map<String, double[]> spcGiven, String tariff, String emissionFactors, double energyZ, double healthAlpha,
    double healthZ, int healthWarmUp, Map<String, Double> healthLimits, Duration healthWindow, int sinkBatch,
    Duration sinkFlush, int sinkRetries, String refreshInterval, int restPort, String deploymentsTopic,
    String deadLetterTopic, String spcSettingsTopic,
    String calendarsTopic, String energySettingsTopic, String routingsTopic, String deploymentKey)
    implements Serializable {

  public static final String OPERATION_REPORTS = TopicContract.standard("operation-report");
  public static final String EQUIPMENT_STATES = TopicContract.standard("equipment-state");
  public static final String EQUIPMENT = TopicContract.standard("equipment");
  public static final String WORK_ORDERS = TopicContract.standard("work-order");
  public static final String QUALITY_RESULTS = TopicContract.standard("quality-result");
  public static final String ENERGY_READINGS = TopicContract.standard("energy-reading");
  public static final String TELEMETRY = TopicContract.standard("telemetry");

  /**
   * An example time-of-use table in the shape of Zhejiang's industrial tariff (尖峰/高峰/低谷, the rest 平段).
   * Utilities revise the hours: set the plant's own table.
   */
  public static final String DEFAULT_TARIFF =
      "sharp:19:00-21:00;peak:08:00-11:00,13:00-19:00,21:00-22:00;valley:22:00-08:00,11:00-13:00";
  /**
   * kg CO₂ per unit. Electricity: national grid average 0.5703 tCO₂/MWh (生态环境部 环办气候函〔2023〕43号);
   * natural gas: 2.162 kg/m³ from the default calorific value and carbon content of the 核算指南.
   */
  public static final String DEFAULT_EMISSION_FACTORS =
      "electricity/kWh=0.5703;electricity/MWh=570.3;natural-gas/Nm3=2.162;natural-gas/m3=2.162";

  public static AnalyticsSettings fromEnvironment() {
    Map<String, String> values = new HashMap<>(System.getenv());
    System.getProperties().forEach((k, v) -> {
      if (k.toString().startsWith("BRAIN_")) {
        values.put(k.toString(), v.toString());
      }
    });
    return from(values);
  }

  public static AnalyticsSettings from(Map<String, String> values) {
    Function<String, String> get = name -> values.get(name);
    return new AnalyticsSettings(
        KafkaConnection.from(get),
        ElasticsearchConnection.from(get),
        or(get, "BRAIN_ANALYTICS_INDEX_PREFIX", "brain-analytics-"),
        or(get, "BRAIN_ANALYTICS_GROUP_PREFIX", "brain-analytics-"),
        or(get, "BRAIN_ANALYTICS_ALERTS_TOPIC", TopicContract.topic("alerts.v1")),
        or(get, "BRAIN_ANALYTICS_START_FROM", "committed").equals("earliest"),
        Duration.parse(or(get, "BRAIN_ANALYTICS_OUT_OF_ORDERNESS", "PT10S")),
        Duration.parse(or(get, "BRAIN_ANALYTICS_IDLENESS", "PT1M")),
        Duration.parse(or(get, "BRAIN_ANALYTICS_LATENESS", "PT24H")),
        Duration.parse(or(get, "BRAIN_ANALYTICS_CHECKPOINT_INTERVAL", "PT10S")),
        or(get, "BRAIN_ANALYTICS_CHECKPOINT_DIR", ""),
        Integer.parseInt(or(get, "BRAIN_ANALYTICS_PARALLELISM", "1")),
        or(get, "BRAIN_ANALYTICS_SHIFTS", "A@06:00,B@14:00,C@22:00"),
        or(get, "BRAIN_ANALYTICS_ZONE", "Asia/Shanghai"),
        Integer.parseInt(or(get, "BRAIN_ANALYTICS_SPC_SUBGROUP_SIZE", "5")),
        Duration.parse(or(get, "BRAIN_ANALYTICS_SPC_SUBGROUP_TIMEOUT", "PT10M")),
        Integer.parseInt(or(get, "BRAIN_ANALYTICS_SPC_BASELINE", "25")),
        Integer.parseInt(or(get, "BRAIN_ANALYTICS_SPC_CAPABILITY_WINDOW", "25")),
        rules(or(get, "BRAIN_ANALYTICS_SPC_RULES", "1,2,3,5,6")),
        given(or(get, "BRAIN_ANALYTICS_SPC_GIVEN", "")),
        or(get, "BRAIN_ANALYTICS_TARIFF", DEFAULT_TARIFF),
        or(get, "BRAIN_ANALYTICS_EMISSION_FACTORS", DEFAULT_EMISSION_FACTORS),
        Double.parseDouble(or(get, "BRAIN_ANALYTICS_ENERGY_Z", "4")),
        Double.parseDouble(or(get, "BRAIN_ANALYTICS_HEALTH_ALPHA", "0.05")),
        Double.parseDouble(or(get, "BRAIN_ANALYTICS_HEALTH_Z", "4")),
        Integer.parseInt(or(get, "BRAIN_ANALYTICS_HEALTH_WARM_UP", "30")),
        limits(or(get, "BRAIN_ANALYTICS_HEALTH_LIMITS", "")),
        Duration.parse(or(get, "BRAIN_ANALYTICS_HEALTH_WINDOW", "PT10M")),
        Integer.parseInt(or(get, "BRAIN_ANALYTICS_SINK_BATCH", "1000")),
        Duration.parse(or(get, "BRAIN_ANALYTICS_SINK_FLUSH", "PT0.2S")),
        Integer.parseInt(or(get, "BRAIN_ANALYTICS_SINK_RETRIES", "8")),
        or(get, "BRAIN_ANALYTICS_REFRESH_INTERVAL", "1s"),
        Integer.parseInt(or(get, "BRAIN_ANALYTICS_REST_PORT", "8091")),
        or(get, "BRAIN_REGISTRY_DEPLOYMENTS_TOPIC", TopicContract.topic("model-deployments.v1")),
        or(get, "BRAIN_ANALYTICS_DEAD_LETTER_TOPIC", TopicContract.topic("analytics-dead-letter.v1")),
        or(get, "BRAIN_ANALYTICS_SPC_SETTINGS_TOPIC", TopicContract.topic("analytics-spc-settings.v1")),
        or(get, "BRAIN_ANALYTICS_CALENDARS_TOPIC", TopicContract.topic("analytics-calendars.v1")),
        or(get, "BRAIN_ANALYTICS_ENERGY_SETTINGS_TOPIC", TopicContract.topic("analytics-energy-settings.v1")),
        or(get, "BRAIN_ANALYTICS_ROUTINGS_TOPIC", TopicContract.topic("analytics-routings.v1")),
        // the registry's certificate or public key (PEM): the score job loads only deployments it signed
        or(get, "BRAIN_ANALYTICS_DEPLOYMENT_KEY", ""));
  }

  /** Where {@code job}'s sinks put what their targets refused for good. */
  public org.enterprisebrain.analytics.sink.DeadLetters.Target deadLetters(String job) {
    return new org.enterprisebrain.analytics.sink.DeadLetters.Target(kafka, deadLetterTopic, job);
  }

  public String index(String analysis) {
    return indexPrefix + analysis;
  }

  private static String or(Function<String, String> get, String name, String fallback) {
    String value = get.apply(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  static Set<Integer> rules(String list) {
    Set<Integer> rules = new TreeSet<>();
    for (String r : list.split(",")) {
      int rule = Integer.parseInt(r.trim());
      if (rule < 1 || rule > 8) {
        throw new IllegalArgumentException("BRAIN_ANALYTICS_SPC_RULES: rule " + rule + " is not one of 1..8");
      }
      rules.add(rule);
    }
    return rules;
  }

  /** {@code spindle.temperature<=60;servo.temperature<=70}: fixed upper limits per signal name. */
  static Map<String, Double> limits(String spec) {
    Map<String, Double> limits = new HashMap<>();
    for (String part : spec.split(";")) {
      if (part.isBlank()) {
        continue;
      }
      String[] kv = part.split("<=");
      if (kv.length != 2) {
        throw new IllegalArgumentException("BRAIN_ANALYTICS_HEALTH_LIMITS: '" + part + "' is not signal<=limit");
      }
      limits.put(kv[0].trim(), Double.parseDouble(kv[1].trim()));
    }
    return limits;
  }

  /** {@code D-12.00=12.0:0.004;T-8.50=8.5:0.09}: characteristic = center line : process σ. */
  static Map<String, double[]> given(String spec) {
    Map<String, double[]> given = new HashMap<>();
    for (String part : spec.split(";")) {
      if (part.isBlank()) {
        continue;
      }
      String[] kv = part.split("=", 2);
      double[] limits = Arrays.stream(kv[1].split(":")).mapToDouble(Double::parseDouble).toArray();
      if (limits.length != 2 || !(limits[1] > 0)) {
        throw new IllegalArgumentException("BRAIN_ANALYTICS_SPC_GIVEN: '" + part + "' is not characteristic=center:sigma");
      }
      given.put(kv[0].trim(), limits);
    }
    return given;
  }
}
