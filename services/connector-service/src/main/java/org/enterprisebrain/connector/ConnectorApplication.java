package org.enterprisebrain.connector;

import java.time.Clock;
import org.enterprisebrain.standard.DataStandard;
import org.enterprisebrain.web.database.DatabaseMigration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * The connector (设备连接): reads the plant's devices — OPC UA servers, MQTT and Sparkplug B brokers, Modbus TCP
 * slaves — and writes what they report as the data standard's records, the way the ingestion API does (5.4.2.1 a,
 * 工业协议转化).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConnectorApplication {

  /** The logging configuration logback reads before Spring Boot takes over (logging.config names it again). */
  static final String EARLY_LOGGING = "connector-logback.xml";

  public static void main(String[] args) {
    // Tahu's jar carries a logback.xml at TRACE, which logback finds first: until Spring Boot configures logging,
    // every line of its start would be logged at TRACE. Logback reads the property once, here; Boot would warn about
    // it later, so it is gone by then (logging.config names the same file)
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", EARLY_LOGGING);
      org.slf4j.LoggerFactory.getILoggerFactory();
      System.clearProperty("logback.configurationFile");
    }
    if (DatabaseMigration.requested(args)) {
      DatabaseMigration.run(ConnectorDatabase.class, args);
      return;
    }
    SpringApplication.run(ConnectorApplication.class, args);
  }

  @Bean
  DataStandard dataStandard() {
    return DataStandard.load();
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
