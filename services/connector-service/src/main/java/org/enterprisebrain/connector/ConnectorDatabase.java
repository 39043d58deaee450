package org.enterprisebrain.connector;

import java.util.Map;
import org.enterprisebrain.web.database.DatabaseGrants;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The connector's schema and what its runtime role may do there: rows, not the schema. */
@Configuration(proxyBeanMethods = false)
public class ConnectorDatabase {

  @Bean
  DatabaseGrants databaseGrants(@Value("${spring.datasource.username}") String runtimeRole) {
    return new DatabaseGrants(runtimeRole, Map.of());
  }
}
