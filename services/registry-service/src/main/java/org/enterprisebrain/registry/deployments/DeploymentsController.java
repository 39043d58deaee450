package org.enterprisebrain.registry.deployments;

import java.util.List;
import org.enterprisebrain.registry.api.DeploymentsApi;
import org.enterprisebrain.registry.api.model.Deployment;
import org.enterprisebrain.registry.api.model.NewDeployment;
import org.enterprisebrain.security.BrainPrincipal;
import org.enterprisebrain.web.Callers;
import org.enterprisebrain.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class DeploymentsController implements DeploymentsApi {

  private final DeploymentService deployments;

  public DeploymentsController(DeploymentService deployments) {
    this.deployments = deployments;
  }

  @Override
  public ResponseEntity<Deployment> createDeployment(NewDeployment d) {
    requirePlants(Callers.current(), d.getPlants());
    return ResponseEntity.status(HttpStatus.CREATED).body(deployments.create(d, Callers.current().name()));
  }

  @Override
  public ResponseEntity<List<Deployment>> listDeployments() {
    return ResponseEntity.ok(deployments.list());
  }

  @Override
  public ResponseEntity<Deployment> getDeployment(String id) {
    return ResponseEntity.ok(deployments.require(id));
  }

  @Override
  public ResponseEntity<Deployment> undeploy(String id) {
    requirePlants(Callers.current(), deployments.require(id).getPlants());
    return ResponseEntity.ok(deployments.undeploy(id, Callers.current().name()));
  }

  @Override
  public ResponseEntity<Deployment> rollbackDeployment(String id) {
    requirePlants(Callers.current(), deployments.require(id).getPlants());
    return ResponseEntity.ok(deployments.rollback(id, Callers.current().name()));
  }

  /** A deployment scores the plants it names (none: every plant): who changes it must act for each of them. */
  static void requirePlants(BrainPrincipal caller, List<String> plants) {
    List<String> scored = plants == null || plants.isEmpty() ? List.of(BrainPrincipal.ANY) : plants;
    for (String plant : scored) {
      if (!caller.mayActForPlant(plant)) {
        throw ProblemException.forbidden("plants", "the deployment scores " + (plant.equals(BrainPrincipal.ANY)
            ? "every plant" : "plant '" + plant + "'") + ", outside this token's plants " + caller.plants());
      }
    }
  }
}
