package org.enterprisebrain.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Every request to a service's API bounded ({@code brain.web.max-body}, 1 MB unless the service's settings say
 * more): a body nobody needs is refused before it fills the heap.
 */
@Configuration
public class BodyLimitConfig {

  @Bean
  BodyLimitFilter apiBodyLimit(@Value("${brain.web.max-body:1MB}") DataSize max) {
    return new BodyLimitFilter("/api/", max.toBytes(), "Body too large",
        "send less at a time (brain.web.max-body of the service)");
  }
}
