package org.enterprisebrain.catalog.quality;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.enterprisebrain.standard.EntityStandard;
import org.springframework.stereotype.Component;

/** Measures one record against its entity's declared fields and quality rules. */
@Component
public class QualityMeter {

  private final QualityRepository repository;

  public QualityMeter(QualityRepository repository) {
    this.repository = repository;
  }

  public QualityCounters measure(EntityStandard entity, Map<String, Object> payload, Instant occurredAt,
      Instant receivedAt, boolean duplicate) {
    // completeness over the declared top-level fields; extensions are free-form and not expected
    long expected = entity.payloadTypes().keySet().stream().filter(f -> !f.equals("extensions")).count();
    long present = entity.payloadTypes().keySet().stream()
        .filter(f -> !f.equals("extensions") && payload.get(f) != null).count();
    long timed = 0;
    long timely = 0;
    long checked = 0;
    long violations = 0;
    List<QualityRule> rules = repository.rules();
    for (QualityRule rule : rules) {
      if (!rule.entity().equals(entity.entity())) {
        continue;
      }
      if (rule.dimension() == QualityRule.Dimension.TIMELINESS && occurredAt != null && receivedAt != null
          && rule.maxLagSeconds() != null) {
        timed++;
        if (Duration.between(occurredAt, receivedAt).compareTo(Duration.ofSeconds(rule.maxLagSeconds())) <= 0) {
          timely++;
        }
      } else if (rule.dimension() == QualityRule.Dimension.RANGE && rule.pointer() != null
          && payload.get(rule.pointer().substring(1)) instanceof Number number) {
        checked++;
        double value = number.doubleValue();
        if ((rule.min() != null && value < rule.min()) || (rule.max() != null && value > rule.max())) {
          violations++;
        }
      }
    }
    return new QualityCounters(1, duplicate ? 1 : 0, present, expected, timed, timely, checked, violations, 0, 0);
  }
}
