package org.enterprisebrain.assessment;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.enterprisebrain.assessment.attestations.AttestationStore;
import org.enterprisebrain.assessment.catalogue.CatalogueLoader;
import org.enterprisebrain.assessment.catalogue.CatalogueStore;
import org.enterprisebrain.assessment.catalogue.RuleSet;
import org.enterprisebrain.assessment.evidence.EvidenceGatherer;
import org.enterprisebrain.assessment.evidence.LiveEvidence;
import org.enterprisebrain.assessment.evidence.Observations;
import org.enterprisebrain.assessment.evidence.PlatformClient;
import org.enterprisebrain.assessment.scoring.ProfileStore;
import org.enterprisebrain.web.ClientSecrets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** The catalogue, the evidence path to the other services and the assessment built on them. */
@Configuration
public class AssessmentConfig {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  PlatformClient platformClient(@Value("${brain.assessment.catalog-url}") String catalog,
      @Value("${brain.assessment.analytics-url}") String analytics,
      @Value("${brain.assessment.registry-url}") String registry,
      @Value("${brain.assessment.gateway-url}") String gateway,
      @Value("${brain.assessment.connector-url}") String connectors,
      @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer,
      @Value("${brain.assessment.client-id}") String clientId,
      @Value("${brain.assessment.client-secret}") String clientSecret,
      @Value("${brain.assessment.evidence-timeout}") Duration timeout,
      @Value("${brain.assessment.breaker-open}") Duration open) {
    return new PlatformClient(Map.of("catalog", catalog, "analytics", analytics, "registry", registry, "gateway",
        gateway, "connectors", connectors), issuer,
        clientId, ClientSecrets.required(clientSecret, "BRAIN_ASSESSMENT_CLIENT_SECRET"), timeout, open);
  }

  /** A bean of its own, so that its edits run in a transaction. */
  @Bean
  CatalogueStore catalogueStore(JdbcClient db, JsonMapper json) {
    return new CatalogueStore(db, json, CatalogueLoader.bundledCatalogue(), CatalogueLoader.bundledRules(),
        EvidenceGatherer.CHECKS);
  }

  @Bean
  LiveEvidence liveEvidence(PlatformClient platform, Clock clock,
      @Value("${brain.assessment.evidence-ttl}") Duration ttl,
      @Value("${brain.assessment.evidence-threads}") int threads,
      @Value("${brain.assessment.evidence-max-age}") Duration maxAge,
      @Value("${brain.assessment.evidence-watch}") Duration watch) {
    EvidenceGatherer gatherer = new EvidenceGatherer(platform, new Observations(ttl, clock), threads);
    RuleSet rules = CatalogueLoader.bundledRules();
    return new LiveEvidence((plant, at) -> gatherer.gather(plant, rules, at), clock, maxAge, watch);
  }

  @Bean
  Assessment assessment(LiveEvidence evidence, AttestationStore attestations, ProfileStore profiles, Clock clock,
      CatalogueStore catalogues) {
    return new Assessment(CatalogueLoader.bundledCatalogue(), catalogues, CatalogueLoader.bundledRules(), evidence,
        attestations, profiles, clock);
  }
}
