package org.enterprisebrain.analytics.service.settings;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The compacted topics of every kind of settings this service versions ({@link SettingsVersions}), created at start
 * when missing (the jobs create them too when they start first).
 */
@Configuration
public class SettingsTopics {

  @Bean
  KafkaAdmin.NewTopics compactedSettingsTopics(@Value("${brain.analytics.spc-settings-topic}") String spc,
      @Value("${brain.analytics.calendars-topic}") String calendars,
      @Value("${brain.analytics.routings-topic}") String routings,
      @Value("${brain.analytics.energy-settings-topic}") String energy,
      @Value("${brain.analytics.topic-replication}") int replication) {
    return new KafkaAdmin.NewTopics(SettingsVersions.topic(spc, replication), SettingsVersions.topic(calendars,
        replication), SettingsVersions.topic(routings, replication), SettingsVersions.topic(energy, replication));
  }
}
