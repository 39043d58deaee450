package org.enterprisebrain.analytics.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.flink.util.InstantiationUtil;
import org.enterprisebrain.elasticsearch.ElasticsearchConnection;
import org.junit.jupiter.api.Test;

/** The jobs read Elasticsearch's settings as the services do, and Flink can ship them to its task managers. */
class AnalyticsSettingsTest {

  @Test
  void aJobConnectsAsItsOwnUserOverTlsAsTheChartSays() throws Exception {
    AnalyticsSettings settings = AnalyticsSettings.from(Map.of(
        "BRAIN_ELASTICSEARCH_URL", "https://brain-es-es-http:9200",
        "BRAIN_ELASTICSEARCH_USERNAME", "brain-analytics-oee",
        "BRAIN_ELASTICSEARCH_PASSWORD", "from-its-own-secret",
        "BRAIN_ELASTICSEARCH_CA", "/etc/brain/es-ca/ca.crt"));
    ElasticsearchConnection expected = new ElasticsearchConnection("https://brain-es-es-http:9200",
        "brain-analytics-oee", "from-its-own-secret", "/etc/brain/es-ca/ca.crt");
    assertThat(settings.elasticsearch()).isEqualTo(expected);
    // the sink carries the connection into every task manager: it must survive Java serialization
    assertThat(InstantiationUtil.clone(settings).elasticsearch()).isEqualTo(expected);
    assertThat(AnalyticsSettings.from(Map.of()).elasticsearch())
        .isEqualTo(ElasticsearchConnection.open(ElasticsearchConnection.LOCAL));
  }

  @Test
  void aCaWithAPlaintextNodeStopsTheJobAtStart() {
    assertThatThrownBy(() -> AnalyticsSettings.from(Map.of("BRAIN_ELASTICSEARCH_URL", "http://brain-es-es-http:9200",
        "BRAIN_ELASTICSEARCH_CA", "/etc/brain/es-ca/ca.crt"))).hasMessageContaining("not https");
  }
}
