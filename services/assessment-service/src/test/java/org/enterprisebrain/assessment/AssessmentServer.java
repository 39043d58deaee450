package org.enterprisebrain.assessment;

import org.enterprisebrain.assessment.catalogue.Catalogue;
import org.enterprisebrain.assessment.catalogue.CatalogueLoader;
import org.enterprisebrain.servers.BrainRealm;
import org.enterprisebrain.servers.ManagedProcess;
import org.enterprisebrain.testsupport.RealKafka;
import org.enterprisebrain.testsupport.RealKeycloak;
import org.enterprisebrain.testsupport.RealPostgres;
import org.enterprisebrain.testsupport.ServiceCalls;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The assessment-service on real PostgreSQL, Kafka (its audit topic) and Keycloak, with the services it reads for evidence down
 * (nothing listens where they should be). One application context for every test class that extends this.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AssessmentServer {

  static final JsonMapper JSON = ServiceCalls.JSON;
  static final String DOWN = "http://127.0.0.1:" + ManagedProcess.freePort();
  static final Catalogue CATALOGUE = CatalogueLoader.bundledCatalogue();

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    RealPostgres.datasource(registry, "assessment");
    // the audit topic: its changes and attachment downloads are handed on there
    registry.add("spring.kafka.bootstrap-servers", RealKafka::bootstrapServers);
    RealKeycloak.resourceServer(registry);
    registry.add("brain.security.clock-skew", () -> "1s"); // the forged-token test waits out an expiry
    registry.add("brain.assessment.client-secret", () -> BrainRealm.demoSecret("assessment-service"));
    registry.add("brain.assessment.catalog-url", () -> DOWN);
    registry.add("brain.assessment.analytics-url", () -> DOWN);
    registry.add("brain.assessment.registry-url", () -> DOWN);
    registry.add("brain.assessment.gateway-url", () -> DOWN);
    registry.add("brain.assessment.connector-url", () -> DOWN);
    registry.add("brain.assessment.evidence-ttl", () -> "0s");
    // every evaluation reads the services itself: the tests watch the breakers open
    registry.add("brain.assessment.evidence-max-age", () -> "0s");
    registry.add("brain.assessment.evidence-refresh", () -> "0s");
    registry.add("brain.assessment.evidence-timeout", () -> "1s");
    registry.add("server.address", () -> "127.0.0.1");
  }

  @Value("${local.server.port}")
  int port;

  final ServiceCalls calls = new ServiceCalls(() -> port);
}
