package org.enterprisebrain.registry.search;

import java.util.List;
import java.util.Set;
import org.enterprisebrain.registry.api.SearchApi;
import org.enterprisebrain.registry.api.model.SearchHit;
import org.enterprisebrain.registry.graph.PlantScope;
import org.enterprisebrain.web.Callers;
import org.enterprisebrain.web.ProblemException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SearchController implements SearchApi {

  private final RegistrySearch search;

  public SearchController(RegistrySearch search) {
    this.search = search;
  }

  @Override
  public ResponseEntity<List<SearchHit>> searchRegistry(String q, String kind, Integer size) {
    if (q == null || q.isBlank()) {
      throw ProblemException.badRequest("q", "what to search for");
    }
    if (kind != null && !Set.of("model", "component", "node").contains(kind)) {
      throw ProblemException.badRequest("kind", "model, component or node");
    }
    if (size < 1 || size > 100) {
      throw ProblemException.badRequest("size", "size is 1 to 100");
    }
    return ResponseEntity.ok(search.search(q, kind, size, PlantScope.of(Callers.current())));
  }
}
