package org.enterprisebrain.catalog;

import org.enterprisebrain.standard.DataStandard;
import org.enterprisebrain.web.database.DatabaseMigration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.openapitools.configuration.EnumConverterConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The data catalog: every dataset and field with its category and grade (分类分级), auto-classification
 * with a review queue, masking by clearance, the audit log of graded reads.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
// the generator puts its lower-case enum converters (state=confirmed) outside our package
@Import(EnumConverterConfiguration.class)
public class CatalogApplication {

  public static void main(String[] args) {
    if (DatabaseMigration.requested(args)) {
      DatabaseMigration.run(CatalogDatabase.class, args);
      return;
    }
    SpringApplication.run(CatalogApplication.class, args);
  }

  @Bean
  DataStandard dataStandard() {
    return DataStandard.load();
  }
}
