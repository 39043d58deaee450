package org.enterprisebrain.gateway.defence;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.enterprisebrain.gateway.api.model.SecurityEventKind;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway watches what it refuses ({@code brain.gateway.defence}, services/gateway/README.md). The
 * thresholds are events from one source (address and client) within one minute; not-found counts distinct paths,
 * what a scanner walks and a broken link does not.
 */
@ConfigurationProperties("brain.gateway.defence")
public record DefenceSettings(@DefaultValue("true") boolean enabled, @DefaultValue("24h") Duration retention,
    @DefaultValue("20") int tokenRefused, @DefaultValue("30") int forbidden, @DefaultValue("100") int rateLimited,
    @DefaultValue("20") int notFoundPaths, @DefaultValue("10") int loginFailed,
    @DefaultValue("5000") int maxSourcesPerMinute) {

  public DefenceSettings {
    if (retention.compareTo(Duration.ofMinutes(1)) < 0 || retention.compareTo(Duration.ofDays(30)) > 0) {
      throw new IllegalArgumentException("brain.gateway.defence.retention must be between 1 minute and 30 days, not "
          + retention);
    }
    for (int threshold : new int[] {tokenRefused, forbidden, rateLimited, notFoundPaths, loginFailed, maxSourcesPerMinute}) {
      if (threshold < 1) {
        throw new IllegalArgumentException("brain.gateway.defence thresholds must be at least 1, not " + threshold);
      }
    }
  }

  /** kind → the count within a minute from one source that raises an alert. */
  public Map<SecurityEventKind, Integer> thresholds() {
    Map<SecurityEventKind, Integer> t = new EnumMap<>(SecurityEventKind.class);
    t.put(SecurityEventKind.TOKEN_REFUSED, tokenRefused);
    t.put(SecurityEventKind.FORBIDDEN, forbidden);
    t.put(SecurityEventKind.RATE_LIMITED, rateLimited);
    t.put(SecurityEventKind.NOT_FOUND, notFoundPaths);
    t.put(SecurityEventKind.LOGIN_FAILED, loginFailed);
    return t;
  }
}
