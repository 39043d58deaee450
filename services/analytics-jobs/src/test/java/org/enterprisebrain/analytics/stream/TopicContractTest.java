package org.enterprisebrain.analytics.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.enterprisebrain.analytics.run.AnalyticsSettings;
import org.junit.jupiter.api.Test;

class TopicContractTest {

  @Test
  void theJobsDefaultsAreTheContractsNamesAndTheEnvironmentStillWins() {
    AnalyticsSettings defaults = AnalyticsSettings.from(Map.of());
    assertThat(defaults.calendarsTopic()).isEqualTo("brain.analytics.calendars.v1");
    assertThat(defaults.spcSettingsTopic()).isEqualTo("brain.analytics.spc-settings.v1");
    assertThat(defaults.energySettingsTopic()).isEqualTo("brain.analytics.energy-settings.v1");
    assertThat(defaults.routingsTopic()).isEqualTo("brain.analytics.routings.v1");
    assertThat(defaults.deadLetterTopic()).isEqualTo("brain.analytics.dead-letter.v1");
    assertThat(AnalyticsSettings.from(Map.of("BRAIN_ANALYTICS_CALENDARS_TOPIC", "plant-b.calendars")).calendarsTopic())
        .isEqualTo("plant-b.calendars");
  }

  @Test
  void aTopicWithoutAContractIsNamedInTheError() {
    assertThatThrownBy(() -> TopicContract.topic("no-such.v1")).hasMessageContaining("/topics/no-such.v1.schema.json");
  }
}
