package org.enterprisebrain.standard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The command line's paths come from the specs, as the services' do: named by operation, filled and encoded. */
class ApiSpecTest {

  @Test
  void anOperationsPathComesFromItsSpecWithItsVariablesEncoded() {
    assertThat(ApiSpec.load("ingestion").path("ingestRecords", "work-order")).isEqualTo("/api/v1/ingest/work-order");
    assertThat(ApiSpec.load("registry").path("createVersion", "spindle failure"))
        .isEqualTo("/api/v1/registry/models/spindle+failure/versions");
    assertThat(ApiSpec.load("assessment").path("evaluate")).isEqualTo("/api/v1/assessment/evaluation");
  }

  @Test
  void anUnknownOperationOrAWrongNumberOfVariablesIsAnError() {
    ApiSpec catalog = ApiSpec.load("catalog");
    assertThatThrownBy(() -> catalog.path("noSuchOperation")).hasMessageContaining("catalog.yaml has no operation");
    assertThatThrownBy(() -> catalog.path("listFields")).hasMessageContaining("needs more than 0");
    assertThatThrownBy(() -> catalog.path("listDatasets", "x")).hasMessageContaining("has 0 variables, not 1");
  }
}
