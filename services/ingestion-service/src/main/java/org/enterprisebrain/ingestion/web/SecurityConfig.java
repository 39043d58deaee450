package org.enterprisebrain.ingestion.web;

import org.enterprisebrain.ingestion.ingest.IngestionProperties;
import org.enterprisebrain.web.BodyLimitFilter;
import org.enterprisebrain.web.JwtDecoderConfig;
import org.enterprisebrain.security.OperationRoles;
import org.enterprisebrain.web.Refusals;
import org.enterprisebrain.web.ResourceServerSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** Who calls which operation: the x-roles of api-specs/ingestion.yaml; plant and source-system scope are checked per record. */
@Configuration
@Import(JwtDecoderConfig.class)
public class SecurityConfig {

  @Bean
  OperationRoles ingestionSpec() {
    return OperationRoles.load("ingestion");
  }

  /**
   * A batch is bounded by the ingest settings (413 with what to do), not by the API-wide limit: every path under the
   * spec's ingest operation (JSON, NDJSON and CSV batches).
   */
  @Bean
  BodyLimitFilter batchLimit(IngestionProperties properties, OperationRoles ingestionSpec) {
    return new BodyLimitFilter(ingestionSpec.fixedPrefix("ingestRecords"), properties.maxBytes(), "Batch too large",
        "split the batch");
  }

  @Bean
  SecurityFilterChain api(HttpSecurity http, OperationRoles ingestionSpec) throws Exception {
    return ResourceServerSecurity.chain(http, ingestionSpec, auth -> { }, Refusals.NONE);
  }
}
