package org.enterprisebrain.analytics.service.genealogy;

import java.util.Set;
import org.enterprisebrain.analytics.service.api.GenealogyApi;
import org.enterprisebrain.analytics.service.api.model.GenealogyKind;
import org.enterprisebrain.analytics.service.api.model.Trace;
import org.enterprisebrain.analytics.service.results.Selection;
import org.enterprisebrain.web.Callers;
import org.enterprisebrain.web.ProblemException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class GenealogyController implements GenealogyApi {

  static final Set<String> KINDS = java.util.Arrays.stream(GenealogyKind.values()).map(GenealogyKind::getValue)
      .collect(java.util.stream.Collectors.toUnmodifiableSet());

  private final Traces traces;

  public GenealogyController(Traces traces) {
    this.traces = traces;
  }

  @Override
  public ResponseEntity<Trace> traceGenealogy(String plant, String id, String kind, String direction,
      Integer depth) {
    Selection.of(plant, null, null); // the plant's code and the caller's right to see it
    Selection.oneOf("kind", kind, KINDS);
    Selection.oneOf("direction", direction, Set.of("backward", "forward"));
    if (id.isBlank() || id.length() > 128) {
      throw ProblemException.badRequest("id", "id must be 1 to 128 characters");
    }
    if (depth < 1 || depth > 50) {
      throw ProblemException.badRequest("depth", "depth must be between 1 and 50, was " + depth);
    }
    return ResponseEntity.ok(traces.trace(plant, GenealogyKind.fromValue(kind), id, !"forward".equals(direction), depth,
        Callers.current().clearance()));
  }
}
