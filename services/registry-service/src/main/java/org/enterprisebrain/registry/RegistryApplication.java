package org.enterprisebrain.registry;

import org.enterprisebrain.web.ElasticsearchRestConfig;
import org.enterprisebrain.web.database.DatabaseMigration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/**
 * The model and component registry (模型组件库) and the industrial knowledge graph: models are registered,
 * approved through their aliases and deployed into the live stream, where the {@code score} Flink job
 * picks them up from {@code brain.model-deployments.v1}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(ElasticsearchRestConfig.class)
public class RegistryApplication {

  public static void main(String[] args) {
    if (DatabaseMigration.requested(args)) {
      DatabaseMigration.run(RegistryDatabase.class, args);
      return;
    }
    SpringApplication.run(RegistryApplication.class, args);
  }
}
