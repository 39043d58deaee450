package org.enterprisebrain.registry.components;

import java.util.List;
import org.enterprisebrain.registry.api.ComponentsApi;
import org.enterprisebrain.registry.api.model.Component;
import org.enterprisebrain.registry.api.model.NewComponent;
import org.enterprisebrain.web.Callers;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ComponentsController implements ComponentsApi {

  private final ComponentStore components;

  public ComponentsController(ComponentStore components) {
    this.components = components;
  }

  @Override
  public ResponseEntity<Component> createComponent(NewComponent c) {
    return ResponseEntity.status(HttpStatus.CREATED).body(components.create(c, Callers.current().name()));
  }

  @Override
  public ResponseEntity<List<Component>> listComponents(String kind) {
    return ResponseEntity.ok(components.latest(kind));
  }

  @Override
  public ResponseEntity<Component> getComponent(String name, Integer version) {
    return ResponseEntity.ok(components.require(name, version));
  }
}
