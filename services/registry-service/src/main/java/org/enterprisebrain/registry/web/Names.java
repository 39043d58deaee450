package org.enterprisebrain.registry.web;

import java.util.regex.Pattern;
import org.enterprisebrain.web.ProblemException;

/** Names of models, aliases, deployments and components: they appear in topics, ids and URLs. */
public final class Names {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private Names() {
  }

  public static String require(String field, String value) {
    if (value == null || !NAME.matcher(value).matches()) {
      throw ProblemException.badRequest(field, "'" + value + "' is not a name: 1–63 lower-case letters, digits"
          + " and dashes, starting with a letter or digit");
    }
    return value;
  }
}
