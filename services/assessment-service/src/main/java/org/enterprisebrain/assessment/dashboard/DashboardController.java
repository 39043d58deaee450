package org.enterprisebrain.assessment.dashboard;

import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The managers' dashboard (built from {@code dashboard/} by Vite into {@code static/assessment}): its page,
 * and where it logs in. The page is public; every figure on it comes from the API with the user's token.
 */
@RestController
public class DashboardController {

  private static final Resource PAGE = new ClassPathResource("static/assessment/index.html");

  private final Map<String, String> config;

  public DashboardController(@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer,
      @Value("${brain.assessment.console-client}") String clientId,
      @Value("${brain.assessment.plant}") String plant) {
    this.config = Map.of("issuer", issuer, "clientId", clientId, "plant", plant);
  }

  @GetMapping(value = {"/assessment", "/assessment/"}, produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<Resource> page() {
    return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(PAGE);
  }

  @GetMapping(value = "/assessment/config.json", produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, String> config() {
    return config;
  }
}
