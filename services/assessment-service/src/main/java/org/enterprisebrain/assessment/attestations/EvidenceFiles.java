package org.enterprisebrain.assessment.attestations;

import java.util.Set;
import org.apache.tika.Tika;
import org.enterprisebrain.web.ProblemException;

/**
 * The kinds of file evidence comes in, told by their content (Apache Tika's magic), never by the name or the type
 * the uploader claims: a page served back as it was claimed (HTML or SVG with script, under any name) would run
 * in a reviewer's browser.
 */
final class EvidenceFiles {

  static final Set<String> ACCEPTED = Set.of("application/pdf", "image/png", "image/jpeg", "text/plain", "text/csv",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "application/vnd.openxmlformats-officedocument.presentationml.presentation");
  private static final Tika TIKA = new Tika();

  private EvidenceFiles() {
  }

  /** The type the content shows, if evidence may be of it; else 400 naming {@code attachment}. */
  static String typeOf(byte[] content, String name) {
    String detected = TIKA.detect(content, name);
    if (!ACCEPTED.contains(detected)) {
      throw ProblemException.badRequest("attachment", "the file's content is " + detected
          + ", not a kind evidence comes in (PDF, PNG, JPEG, Word, Excel, PowerPoint, CSV, plain text)");
    }
    return detected;
  }
}
