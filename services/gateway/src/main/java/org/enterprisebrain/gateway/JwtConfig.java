package org.enterprisebrain.gateway;

import io.netty.channel.ChannelOption;
import java.time.Duration;
import org.enterprisebrain.security.BrainJwtValidation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

/** The same token checks as the services, at the edge. */
@Configuration
public class JwtConfig {

  @Bean
  ReactiveJwtDecoder jwtDecoder(@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer,
      @Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri}") String jwks,
      @Value("${brain.security.audience}") String audience,
      @Value("${brain.security.clock-skew}") Duration clockSkew) {
    // a slow realm must not hold a request (and a connection) for ever: an unknown key makes the decoder fetch the
    // keys again, and a forged token's request once hung the gateway past 30 s in CI
    HttpClient http = HttpClient.create().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
        .responseTimeout(Duration.ofSeconds(10));
    NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwks)
        .webClient(WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build()).build();
    decoder.setJwtValidator(BrainJwtValidation.validator(issuer, audience, clockSkew));
    return decoder;
  }
}
