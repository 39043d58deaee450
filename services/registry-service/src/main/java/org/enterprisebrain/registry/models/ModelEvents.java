package org.enterprisebrain.registry.models;

import org.enterprisebrain.registry.api.model.Model;

/** What the model store tells the rest of the registry after a write (acted on once the transaction commits). */
public final class ModelEvents {

  private ModelEvents() {
  }

  /** A model was registered. */
  public record ModelCreated(Model model) {
  }

  /** A version of a model was registered. */
  public record VersionRegistered(String model, int version) {
  }
}
