package org.enterprisebrain.catalog.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.enterprisebrain.standard.DataStandard;
import org.enterprisebrain.standard.EntityStandard;
import org.enterprisebrain.standard.Topics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * The topics the catalog subscribes to by default: every topic of the data standard, and none of the platform's
 * own — their records are no standard records, and each was counted unreadable (seen in a running brain up).
 */
class TopicPatternTest {

  static Pattern defaultPattern() {
    YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
    yaml.setResources(new ClassPathResource("application.yml"));
    Properties properties = yaml.getObject();
    Matcher placeholder = Pattern.compile("\\$\\{BRAIN_CATALOG_TOPIC_PATTERN:(.*)}")
        .matcher(properties.getProperty("brain.catalog.topic-pattern"));
    assertThat(placeholder.matches()).isTrue();
    return Pattern.compile(placeholder.group(1));
  }

  @Test
  void everyStandardTopicAndNoneOfThePlatformsOwn() {
    Pattern pattern = defaultPattern();
    for (EntityStandard e : DataStandard.load().entities()) {
      for (int version : e.versions().keySet()) {
        assertThat(pattern.matcher(e.topic(version)).matches()).as(e.topic(version)).isTrue();
      }
    }
    for (String own : new String[] {Topics.ALERTS, Topics.INGEST_OUTCOMES, Topics.MODEL_DEPLOYMENTS,
        "brain.analytics.spc-settings.v1", "brain.analytics.dead-letter.v1", "brain.analytics.calendars.v1"}) {
      assertThat(pattern.matcher(own).matches()).as(own).isFalse();
    }
  }
}
