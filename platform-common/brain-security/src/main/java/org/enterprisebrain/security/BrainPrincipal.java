package org.enterprisebrain.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * What a Keycloak token of the {@code brain} realm says about its bearer: realm roles, the plants it
 * may act for ({@code plants}, "*" = every plant), the source systems an integrator may send for
 * ({@code source_systems}) and its data-grade clearance ({@code clearance}, L1…L3).
 */
public record BrainPrincipal(String subject, String name, Set<String> roles, Set<String> plants,
    Set<String> sourceSystems, String clearance) {

  public static final String CLAIM_PLANTS = "plants";
  public static final String CLAIM_SOURCE_SYSTEMS = "source_systems";
  public static final String CLAIM_CLEARANCE = "clearance";
  public static final String ANY = "*";

  public BrainPrincipal {
    roles = Set.copyOf(roles);
    plants = Set.copyOf(plants);
    sourceSystems = Set.copyOf(sourceSystems);
  }

  public static BrainPrincipal of(Jwt jwt) {
    Object realmAccess = jwt.getClaims().get("realm_access");
    Set<String> roles = realmAccess instanceof Map<?, ?> access ? strings(access.get("roles")) : Set.of();
    String name = jwt.getClaimAsString("preferred_username");
    return new BrainPrincipal(jwt.getSubject(), name == null ? jwt.getSubject() : name, roles,
        strings(jwt.getClaims().get(CLAIM_PLANTS)), strings(jwt.getClaims().get(CLAIM_SOURCE_SYSTEMS)),
        jwt.getClaimAsString(CLAIM_CLEARANCE));
  }

  /**
   * A client's service account rather than a person: Keycloak names it {@code service-account-<client>} and
   * reserves the prefix, so no user can be called so.
   */
  public boolean serviceAccount() {
    return name.startsWith("service-account-");
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  public boolean mayActForPlant(String plant) {
    return plants.contains(ANY) || plants.contains(plant);
  }

  public boolean mayActForSourceSystem(String system) {
    return sourceSystems.contains(ANY) || sourceSystems.contains(system);
  }

  /** Claims arrive as a JSON array, a single string, or a comma/space separated string. */
  private static Set<String> strings(Object claim) {
    Set<String> values = new TreeSet<>();
    if (claim instanceof Collection<?> items) {
      items.forEach(item -> values.addAll(split(String.valueOf(item))));
    } else if (claim != null) {
      values.addAll(split(claim.toString()));
    }
    return values;
  }

  private static List<String> split(String text) {
    return java.util.Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
  }
}
