package org.enterprisebrain.assessment.dashboard;

import java.net.URI;
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
  private final String contentSecurityPolicy;

  public DashboardController(@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer,
      @Value("${brain.assessment.console-client}") String clientId,
      @Value("${brain.assessment.plant}") String plant) {
    this.config = Map.of("issuer", issuer, "clientId", clientId, "plant", plant);
    this.contentSecurityPolicy = contentSecurityPolicy(issuer);
  }

  /**
   * Only the page's own bundle runs (no inline or foreign script: an injected string cannot execute), it talks to
   * its origin and to the realm's token endpoint only, and no other site frames it. Inline styles stay allowed:
   * the charts set style attributes.
   */
  static String contentSecurityPolicy(String issuer) {
    URI realm = URI.create(issuer);
    String keycloak = realm.getScheme() + "://" + realm.getRawAuthority();
    return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        + "connect-src 'self' " + keycloak + "; object-src 'none'; base-uri 'none'; form-action 'self' " + keycloak
        + "; frame-ancestors 'none'";
  }

  @GetMapping(value = {"/assessment", "/assessment/"}, produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<Resource> page() {
    return ResponseEntity.ok().cacheControl(CacheControl.noCache())
        .header("Content-Security-Policy", contentSecurityPolicy).header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer").body(PAGE);
  }

  @GetMapping(value = "/assessment/config.json", produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, String> config() {
    return config;
  }
}
