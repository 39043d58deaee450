package org.enterprisebrain.ingestion.web;

import org.enterprisebrain.ingestion.ingest.IngestionProperties;
import org.enterprisebrain.web.BodyLimitFilter;
import org.enterprisebrain.web.JwtDecoderConfig;
import org.enterprisebrain.web.OperationRoles;
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

  /** A batch is bounded by the ingest settings (413 with what to do), not by the API-wide limit. */
  @Bean
  BodyLimitFilter batchLimit(IngestionProperties properties) {
    return new BodyLimitFilter("/api/v1/ingest/", properties.maxBytes(), "Batch too large", "split the batch");
  }

  @Bean
  SecurityFilterChain api(HttpSecurity http) throws Exception {
    return ResourceServerSecurity.chain(http, OperationRoles.load("ingestion"), auth -> { }, Refusals.NONE);
  }
}
