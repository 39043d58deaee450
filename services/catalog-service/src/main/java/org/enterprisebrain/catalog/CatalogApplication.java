package org.enterprisebrain.catalog;

import org.enterprisebrain.standard.DataStandard;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * The data catalog: every dataset and field with its category and grade (分类分级), auto-classification
 * with a review queue, masking by clearance, the audit log of graded reads.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CatalogApplication {

  public static void main(String[] args) {
    SpringApplication.run(CatalogApplication.class, args);
  }

  @Bean
  DataStandard dataStandard() {
    return DataStandard.load();
  }
}
