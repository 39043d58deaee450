package org.enterprisebrain.assessment;

import java.util.Map;
import org.enterprisebrain.web.database.DatabaseGrants;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The assessment's schema and what its runtime role may do there: rows, not the schema.
 * Also the whole of what {@code migrate} (the chart's init container) starts.
 */
@Configuration(proxyBeanMethods = false)
public class AssessmentDatabase {

  @Bean
  DatabaseGrants databaseGrants(@Value("${spring.datasource.username}") String runtimeRole) {
    return new DatabaseGrants(runtimeRole, Map.of());
  }
}
