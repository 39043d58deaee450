package org.enterprisebrain.gateway;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.enterprisebrain.security.KeycloakJwtConverter;
import org.enterprisebrain.security.OperationRoles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tokens are checked at the edge (issuer, signature, expiry) before anything reaches a service; the
 * services check them again and decide on roles and scope.
 */
@Configuration
public class GatewaySecurity {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** api-specs/gateway.yaml */
  static final OperationRoles OWN = OperationRoles.load("gateway");

  @Bean
  SecurityWebFilterChain edge(ServerHttpSecurity http) {
    return http
        .csrf(ServerHttpSecurity.CsrfSpec::disable)
        .authorizeExchange(auth -> {
          auth.pathMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll();
          // the assessment dashboard's page and login settings; its figures come from the API with a token
          auth.pathMatchers(HttpMethod.GET, "/assessment", "/assessment/**").permitAll();
          // the gateway's own operations: the roles its spec's x-roles name (any other path has no handler and no
          // route: 404)
          for (OperationRoles.Operation o : OWN.operations()) {
            auth.pathMatchers(HttpMethod.valueOf(o.method()), o.path()).hasAnyRole(o.roles().toArray(String[]::new));
          }
          auth.anyExchange().authenticated();
        })
        .oauth2ResourceServer(oauth -> oauth
            .jwt(jwt -> jwt.jwtAuthenticationConverter(
                new ReactiveJwtAuthenticationConverterAdapter(new KeycloakJwtConverter())))
            .authenticationEntryPoint((exchange, e) -> problem(exchange, HttpStatus.UNAUTHORIZED, "Unauthorized",
                "a valid bearer token of the brain realm is required: " + e.getMessage()))
            .accessDeniedHandler((exchange, e) -> problem(exchange, HttpStatus.FORBIDDEN, "Forbidden",
                "this token lacks the role this operation needs: " + needs(exchange))))
        .build();
  }

  /** The operation and its roles, from the gateway's spec (as the services say theirs). */
  static String needs(ServerWebExchange exchange) {
    String method = exchange.getRequest().getMethod().name();
    String path = exchange.getRequest().getPath().pathWithinApplication().value();
    return OWN.match(method, path)
        .map(o -> method + " " + o.path() + " (" + o.operationId() + ") needs one of " + o.roles())
        .orElse("the gateway API has no operation " + method + " " + path);
  }

  /** RFC 9457 problem details of the gateway's own answers; {@code pointer} null: no field named. */
  public static Map<String, Object> problemBody(ServerWebExchange exchange, HttpStatus status, String title,
      String detail, String pointer) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", title);
    body.put("status", status.value());
    body.put("detail", detail);
    body.put("instance", exchange.getRequest().getPath().value());
    if (pointer != null) {
      body.put("errors", List.of(Map.of("pointer", pointer, "message", detail)));
    }
    return body;
  }

  static Mono<Void> problem(ServerWebExchange exchange, HttpStatus status, String title, String detail) {
    Map<String, Object> body = problemBody(exchange, status, title, detail,
        status == HttpStatus.UNAUTHORIZED || status == HttpStatus.FORBIDDEN ? "Authorization" : null);
    var response = exchange.getResponse();
    response.setStatusCode(status);
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    if (status == HttpStatus.UNAUTHORIZED) {
      response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"brain\", error=\"invalid_token\"");
    }
    DataBuffer buffer = response.bufferFactory().wrap(JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
    return response.writeWith(Mono.just(buffer));
  }
}
