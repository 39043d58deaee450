package org.enterprisebrain.ingestion;

import org.enterprisebrain.standard.DataStandard;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** The standard API: validates records against the data standard and puts them on Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IngestionApplication {

  public static void main(String[] args) {
    SpringApplication.run(IngestionApplication.class, args);
  }

  @Bean
  DataStandard dataStandard() {
    return DataStandard.load();
  }
}
