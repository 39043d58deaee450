package org.enterprisebrain.catalog;

import java.util.List;
import java.util.Map;
import org.enterprisebrain.web.database.DatabaseGrants;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The catalog's schema and what its runtime role may do there: the audit log is append-only for it (it may
 * only seal an entry written before the chain existed, which the table's trigger checks).
 * Also the whole of what {@code migrate} (the chart's init container) starts.
 */
@Configuration(proxyBeanMethods = false)
public class CatalogDatabase {

  @Bean
  DatabaseGrants databaseGrants(@Value("${spring.datasource.username}") String runtimeRole) {
    return new DatabaseGrants(runtimeRole, Map.of("audit_event", List.of("prev_hash", "hash"), "audit_anchor", List.of()));
  }
}
