package org.enterprisebrain.security;

/** Realm roles of the {@code brain} realm (helm/…/realm and tools' local realm are the same file). */
public final class Roles {
  public static final String INTEGRATOR = "integrator";
  public static final String DATA_ENGINEER = "data-engineer";
  public static final String MANAGER = "manager";
  public static final String AUDITOR = "auditor";
  public static final String ADMIN = "admin";

  private Roles() {
  }
}
