package org.enterprisebrain.registry.aliases;

import java.util.List;
import org.enterprisebrain.registry.api.AliasesApi;
import org.enterprisebrain.registry.api.model.AliasAssignment;
import org.enterprisebrain.registry.api.model.AliasDecision;
import org.enterprisebrain.registry.api.model.AliasPolicy;
import org.enterprisebrain.registry.api.model.AliasRequest;
import org.enterprisebrain.registry.api.model.NewAliasRequest;
import org.enterprisebrain.web.Callers;
import org.enterprisebrain.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class AliasesController implements AliasesApi {

  private final AliasService aliases;

  public AliasesController(AliasService aliases) {
    this.aliases = aliases;
  }

  @Override
  public ResponseEntity<AliasRequest> requestAlias(String name, String alias, NewAliasRequest r) {
    if (r.getVersion() == null) {
      throw ProblemException.badRequest("version", "version is required");
    }
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(aliases.request(name, alias, r.getVersion(), r.getComment(), Callers.current().name()));
  }

  @Override
  public ResponseEntity<AliasRequest> decideAliasRequest(Long id, AliasDecision d) {
    if (d.getApprove() == null) {
      throw ProblemException.badRequest("approve", "approve is required: true or false");
    }
    return ResponseEntity.ok(aliases.decide(id, d.getApprove(), d.getComment(), Callers.current()));
  }

  @Override
  public ResponseEntity<List<AliasRequest>> listAliasRequests(String status) {
    return ResponseEntity.ok(aliases.requests(status));
  }

  @Override
  public ResponseEntity<AliasPolicy> getAliasPolicy(String name, String alias) {
    return ResponseEntity.ok(aliases.policy(name, alias));
  }

  @Override
  public ResponseEntity<AliasPolicy> setAliasPolicy(String name, String alias, AliasPolicy policy) {
    return ResponseEntity.ok(aliases.setPolicy(name, alias, policy));
  }

  @Override
  public ResponseEntity<List<AliasAssignment>> aliasHistory(String name, String alias) {
    return ResponseEntity.ok(aliases.history(name, alias));
  }
}
