package org.enterprisebrain.registry.lineage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.enterprisebrain.registry.api.model.Model;
import org.enterprisebrain.registry.api.model.ModelVersion;
import org.enterprisebrain.registry.api.model.TrainingField;
import org.enterprisebrain.registry.models.ModelEvents;
import org.enterprisebrain.registry.models.ModelStore;
import org.enterprisebrain.standard.DataStandard;
import org.enterprisebrain.web.CatalogLineage;
import org.enterprisebrain.web.ClientSecrets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * What each model version was trained on, in the catalog's lineage: the standard topic of every entity in
 * its {@code trainedOn} → {@code model:<name>@v<version>}, naming the fields and their grades. The catalog
 * propagates grades along lineage, so a model trained on graded data is shown as such. Registered as the
 * registry's own Keycloak client at start and after each new version, retrying until the catalog answers.
 */
@Component
public class TrainingLineage {

  private final boolean enabled;
  private final CatalogLineage catalog;
  private final ModelStore models;
  private final DataStandard standard = DataStandard.load();

  public TrainingLineage(@Value("${brain.registry.lineage.enabled}") boolean enabled,
      @Value("${brain.registry.lineage.catalog-url}") String catalogUrl,
      @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer,
      @Value("${brain.registry.lineage.client-id}") String clientId,
      @Value("${brain.registry.lineage.client-secret}") String clientSecret,
      @Value("${brain.registry.lineage.retry}") Duration retry, ModelStore models) {
    this.enabled = enabled;
    this.models = models;
    this.catalog = new CatalogLineage("training lineage", catalogUrl, issuer, clientId,
        enabled ? ClientSecrets.required(clientSecret, "BRAIN_REGISTRY_CLIENT_SECRET") : "", retry, this::edges);
  }

  /** The topic an entity's records are on, or null for an entity the standard does not have. */
  private String topic(String entity) {
    return standard.entity(entity).map(e -> e.topic(1)).orElse(null);
  }

  List<CatalogLineage.Edge> edges() {
    List<CatalogLineage.Edge> edges = new ArrayList<>();
    for (Model m : models.list(null)) {
      for (ModelVersion v : models.versions(m.getName())) {
        for (TrainingField f : v.getTrainedOn()) {
          String topic = topic(f.getEntity());
          if (topic != null) {
            edges.add(new CatalogLineage.Edge("topic:" + topic, "model:" + m.getName() + "@v" + v.getVersion(),
                "trained on " + f.getEntity() + "." + f.getField() + (f.getGrade() == null ? "" : " (" + f.getGrade() + ")")
                    + (f.getPlant() == null ? "" : " of " + f.getPlant())));
          }
        }
      }
    }
    return edges;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void start() {
    if (enabled) {
      catalog.registerSoon();
    }
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
  public void onVersion(ModelEvents.VersionRegistered registered) {
    if (enabled) {
      catalog.registerSoon();
    }
  }
}
