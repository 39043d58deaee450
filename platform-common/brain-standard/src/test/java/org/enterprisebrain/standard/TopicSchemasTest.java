package org.enterprisebrain.standard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The platform's own topics have contracts: their names and what a message must hold come from the schemas. */
class TopicSchemasTest {

  @Test
  void theTopicsAreNamedByTheirSchemas() {
    assertThat(Topics.MODEL_DEPLOYMENTS).isEqualTo("brain.model-deployments.v1");
    assertThat(Topics.ALERTS).isEqualTo("brain.alerts.v1");
    assertThat(Topics.INGEST_OUTCOMES).isEqualTo("brain.ingest-outcomes.v1");
    assertThatThrownBy(() -> TopicSchemas.topic("no-such.v1")).hasMessageContaining("topics/no-such.v1.schema.json");
  }

  @Test
  void aDeploymentMessageNamesWhatItsKindNeeds() {
    String linear = """
        {"id":"d1","model":"m","version":2,"alias":null,"kind":"linear","entity":"telemetry","equipment":null,
         "bucketMs":60000,"plants":["hz-01"],"features":[{"name":"t","signal":"spindle.temperature","center":0,
         "scale":70}],"outputTensor":"output","outputIndex":0,"linear":{"weights":[0.5],"bias":-1,"link":"logistic"}}""";
    assertThat(TopicSchemas.violations("model-deployments.v1", linear)).isEmpty();
    // an ONNX deployment without its artifact and hash, a scale of 0, a field nobody reads: refused
    assertThat(TopicSchemas.violations("model-deployments.v1", linear.replace("\"kind\":\"linear\"",
        "\"kind\":\"onnx\""))).anyMatch(v -> v.contains("sha256")).anyMatch(v -> v.contains("artifact"));
    assertThat(TopicSchemas.violations("model-deployments.v1", linear.replace("\"scale\":70", "\"scale\":0")))
        .isNotEmpty();
    assertThat(TopicSchemas.violations("model-deployments.v1", linear.replace("\"bucketMs\"", "\"extra\":1,"
        + "\"bucketMs\""))).anyMatch(v -> v.contains("extra"));
  }

  @Test
  void anAlertAndAnIngestOutcomeHoldWhatTheirReadersNeed() {
    String alert = """
        {"id":"spc|x|1","kind":"spc-rule","severity":"critical","plant":"hz-01","subject":"D-12.00","rule":"1",
         "message":"判异准则1","messageEn":"Test 1","at":"2026-12-06T18:15:00Z","value":12.011,"limit":12.0057}""";
    assertThat(TopicSchemas.violations("alerts.v1", alert)).isEmpty();
    assertThat(TopicSchemas.violations("alerts.v1", alert.replace("\"severity\":\"critical\"",
        "\"severity\":\"panic\""))).isNotEmpty();
    assertThat(TopicSchemas.violations("alerts.v1", alert.replace(",\"messageEn\":\"Test 1\"", ""))).isNotEmpty();
    String outcome = """
        {"entity":"operation-report","plant":"hz-01","sourceSystem":"MES-A","accepted":98,"rejected":2,
         "errors":{"/payload/scrap":2},"at":"2026-12-06T18:15:00.123Z"}""";
    assertThat(TopicSchemas.violations("ingest-outcomes.v1", outcome)).isEmpty();
    assertThat(TopicSchemas.violations("ingest-outcomes.v1", outcome.replace("98", "-1"))).isNotEmpty();
  }
}
