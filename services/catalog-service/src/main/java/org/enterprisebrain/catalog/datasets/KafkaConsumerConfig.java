package org.enterprisebrain.catalog.datasets;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration
public class KafkaConsumerConfig {

  /**
   * The default handler gives up after ten tries and skips the batch: the catalog would silently miss
   * accepted records while Elasticsearch or PostgreSQL is down. Retry without end, backing off.
   */
  @Bean
  CommonErrorHandler catalogErrorHandler(@Value("${brain.catalog.retry-max-interval}") Duration maxInterval) {
    ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
    backOff.setMaxInterval(maxInterval.toMillis());
    return new DefaultErrorHandler(backOff);
  }
}
