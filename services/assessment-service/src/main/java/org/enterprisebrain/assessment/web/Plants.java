package org.enterprisebrain.assessment.web;

import java.util.regex.Pattern;
import org.enterprisebrain.web.Callers;
import org.enterprisebrain.web.ProblemException;

/** The plant a request is about: given or the default, well-formed, and within the caller's plant scope. */
public final class Plants {

  private static final Pattern CODE = Pattern.compile("^[a-z0-9-]+$");

  private Plants() {
  }

  public static String checked(String plant, String fallback) {
    String p = plant == null || plant.isBlank() ? fallback : plant;
    if (!CODE.matcher(p).matches()) {
      throw ProblemException.badRequest("plant", "a plant code is lower-case letters, digits and '-'");
    }
    if (!Callers.current().mayActForPlant(p)) {
      throw ProblemException.forbidden("plant", "plant " + p + " is outside this token's plant scope");
    }
    return p;
  }
}
