package org.enterprisebrain.gateway.defence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.enterprisebrain.gateway.api.model.SecurityAlert;
import org.enterprisebrain.gateway.api.model.SecurityEventKind;
import org.enterprisebrain.gateway.api.model.SecurityEvents;
import org.junit.jupiter.api.Test;

class SecurityEventCounterTest {

  static final Instant T0 = Instant.parse("2026-12-06T08:00:05Z");

  static SecurityEventCounter counter(int maxSources) {
    return new SecurityEventCounter(new DefenceSettings(true, Duration.ofHours(2), 5, 3, 10, 4, 6, maxSources),
        new SimpleMeterRegistry());
  }

  @Test
  void aSourcePastAThresholdWithinOneMinuteRaisesOneAlertAndTheNextMinuteStartsAgain() {
    SecurityEventCounter c = counter(100);
    for (int i = 0; i < 4; i++) {
      c.record(SecurityEventKind.TOKEN_REFUSED, "10.0.0.9", "-", "/api/v1/standards", T0.plusSeconds(i));
    }
    assertThat(c.summary(1, 20, T0.plusSeconds(30)).getAlerts()).as("4 < 5").isEmpty();
    for (int i = 0; i < 6; i++) {
      c.record(SecurityEventKind.TOKEN_REFUSED, "10.0.0.9", "-", "/api/v1/standards", T0.plusSeconds(10 + i));
    }
    // another address, as many events spread over two minutes: never five in one
    for (int i = 0; i < 8; i++) {
      c.record(SecurityEventKind.TOKEN_REFUSED, "10.0.0.7", "-", "/api/v1/standards", T0.plusSeconds(i * 15));
    }
    SecurityEvents events = c.summary(1, 20, T0.plusSeconds(120));
    assertThat(events.getAlerts()).singleElement().satisfies(a -> {
      assertThat(a.getAddress()).isEqualTo("10.0.0.9");
      assertThat(a.getCount()).isEqualTo(5);
      assertThat(a.getThreshold()).isEqualTo(5);
      assertThat(a.getAt().toInstant()).isEqualTo(T0.plusSeconds(10));
      assertThat(a.getMinute().toInstant()).isEqualTo(Instant.parse("2026-12-06T08:00:00Z"));
    });
    assertThat(events.getTotals()).containsEntry("token-refused", 18L).containsEntry("forbidden", 0L);
    assertThat(events.getSources().get(0).getAddress()).isEqualTo("10.0.0.9");
    assertThat(events.getSources().get(0).getCount()).isEqualTo(10);
    assertThat(events.getAlertsTotal()).isEqualTo(1);
  }

  @Test
  void aScanIsManyDistinctUnknownPathsNotOneBrokenLinkRepeated() {
    SecurityEventCounter c = counter(100);
    for (int i = 0; i < 50; i++) {
      c.record(SecurityEventKind.NOT_FOUND, "10.0.0.5", "mes-a", "/api/v1/catalog/old-link", T0.plusMillis(i));
    }
    assertThat(c.summary(1, 20, T0.plusSeconds(1)).getAlerts()).isEmpty();
    for (String path : new String[] {"/.env", "/admin", "/wp-login.php", "/api/v1/debug"}) {
      c.record(SecurityEventKind.NOT_FOUND, "10.0.0.6", "mes-b", path, T0.plusSeconds(2));
    }
    assertThat(c.summary(1, 20, T0.plusSeconds(3)).getAlerts()).extracting(SecurityAlert::getClient)
        .containsExactly("mes-b");
  }

  @Test
  void aFloodOfForgedAddressesCountsUnderOtherPastTheCap() {
    SecurityEventCounter c = counter(3);
    for (int i = 0; i < 100; i++) {
      c.record(SecurityEventKind.FORBIDDEN, "10.1.0." + i, "x", "/api/v1/registry/models", T0);
    }
    SecurityEvents events = c.summary(1, 500, T0.plusSeconds(1));
    assertThat(events.getSources()).hasSize(4);
    assertThat(events.getSources().get(0).getAddress()).isEqualTo(SecurityEventCounter.OTHER);
    assertThat(events.getSources().get(0).getCount()).isEqualTo(97);
    assertThat(events.getTotals()).containsEntry("forbidden", 100L);
    assertThat(events.getAlerts()).extracting(SecurityAlert::getAddress).containsExactly(SecurityEventCounter.OTHER);
  }

  @Test
  void whatIsOlderThanTheRetentionIsForgottenAndTheRangeIsRespected() {
    SecurityEventCounter c = counter(100);
    for (int i = 0; i < 5; i++) {
      c.record(SecurityEventKind.FORBIDDEN, "10.0.0.1", "x", "/p", T0);
    }
    Instant later = T0.plus(Duration.ofMinutes(90));
    c.record(SecurityEventKind.FORBIDDEN, "10.0.0.2", "x", "/p", later);
    assertThat(c.summary(1, 20, later).getTotals()).containsEntry("forbidden", 1L);
    assertThat(c.summary(2, 20, later).getTotals()).containsEntry("forbidden", 6L);
    assertThat(c.summary(2, 20, later).getAlerts()).hasSize(1);
    c.record(SecurityEventKind.FORBIDDEN, "10.0.0.2", "x", "/p", T0.plus(Duration.ofHours(3)));
    assertThat(c.summary(2, 20, T0.plus(Duration.ofHours(4))).getTotals()).containsEntry("forbidden", 1L);
    assertThat(c.summary(2, 20, T0.plus(Duration.ofHours(4))).getAlerts()).as("the alert went with its minute")
        .isEmpty();
  }

  @Test
  void theClientIsTheVerifiedTokensAzpAndNothingElse() {
    String payload = Base64.getUrlEncoder().withoutPadding()
        .encodeToString("{\"azp\":\"mes-a\",\"sub\":\"x\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(SecurityEventFilter.client("Bearer h." + payload + ".s")).isEqualTo("mes-a");
    assertThat(SecurityEventFilter.client("bearer h." + payload + ".s")).isEqualTo("mes-a");
    assertThat(SecurityEventFilter.client(null)).isEqualTo("-");
    assertThat(SecurityEventFilter.client("Basic dXNlcjpwdw==")).isEqualTo("-");
    assertThat(SecurityEventFilter.client("Bearer not.base64!.x")).isEqualTo("-");
    assertThat(SecurityEventFilter.client("Bearer only-one-part")).isEqualTo("-");
  }

  @Test
  void settingsOutOfRangeStopTheGatewayAtStart() {
    assertThatThrownBy(() -> new DefenceSettings(true, Duration.ofDays(60), 1, 1, 1, 1, 1, 1))
        .hasMessageContaining("retention");
    assertThatThrownBy(() -> new DefenceSettings(true, Duration.ofHours(1), 0, 1, 1, 1, 1, 1))
        .hasMessageContaining("at least 1");
  }
}
