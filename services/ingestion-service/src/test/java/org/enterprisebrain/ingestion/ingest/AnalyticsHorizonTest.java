package org.enterprisebrain.ingestion.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AnalyticsHorizonTest {

  static final Instant NOW = Instant.parse("2026-12-04T08:00:00Z");
  final AnalyticsHorizon horizon = new AnalyticsHorizon(Duration.ofHours(24), Set.of("telemetry"));

  static JsonNode at(String occurredAt) {
    return JsonMapper.builder().build().createObjectNode().put("occurredAt", occurredAt);
  }

  @Test
  void aRecordWithinTheLatenessHasNoWarningAndOneBeyondItHasOne() {
    assertThat(horizon.warning("telemetry", at("2026-12-03T16:00:01+08:00"), NOW)).isEmpty(); // 23 h 59 m 59 s
    assertThat(horizon.warning("telemetry", at("2026-12-03T15:59:00+08:00"), NOW)).hasValueSatisfying(w -> {
      assertThat(w.getPointer()).isEqualTo("/occurredAt");
      assertThat(w.getMessage()).contains("PT24H", "PT24H1M old");
    });
  }

  @Test
  void masterDataIsNeverTooOld() {
    assertThat(horizon.warning("equipment", at("2020-01-01T00:00:00Z"), NOW)).isEmpty();
  }

  @Test
  void aTimeTheJobsCannotReadIsSaidToo() {
    assertThat(horizon.warning("telemetry", at("2026-12-04 08:00:00Z"), NOW)).hasValueSatisfying(w ->
        assertThat(w.getMessage()).contains("unreadable"));
  }
}
