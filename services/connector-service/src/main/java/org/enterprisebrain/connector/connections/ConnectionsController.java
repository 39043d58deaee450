package org.enterprisebrain.connector.connections;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.enterprisebrain.connector.api.ConnectionsApi;
import org.enterprisebrain.connector.api.MappingsApi;
import org.enterprisebrain.connector.api.model.BrowsedNode;
import org.enterprisebrain.connector.api.model.Connection;
import org.enterprisebrain.connector.api.model.ConnectionSpec;
import org.enterprisebrain.connector.api.model.ConnectionStatus;
import org.enterprisebrain.connector.api.model.MqttVersion;
import org.enterprisebrain.connector.api.model.Protocol;
import org.enterprisebrain.connector.api.model.RefusedTag;
import org.enterprisebrain.connector.api.model.SecurityPolicy;
import org.enterprisebrain.connector.api.model.TagMapping;
import org.enterprisebrain.security.BrainPrincipal;
import org.enterprisebrain.security.Roles;
import org.enterprisebrain.web.Callers;
import org.enterprisebrain.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * Connections and their mappings through api-specs/connectors.yaml. Readers see the connections of their plants;
 * an integrator manages those of its plants and source systems, an admin every one. A change is stored, then
 * applied to the running link at once.
 */
@RestController
public class ConnectionsController implements ConnectionsApi, MappingsApi {

  private final ConnectionStore store;
  private final Connectors connectors;
  private final ConnectionRules rules;
  private final Clock clock;

  public ConnectionsController(ConnectionStore store, Connectors connectors, ConnectionRules rules, Clock clock) {
    this.store = store;
    this.connectors = connectors;
    this.rules = rules;
    this.clock = clock;
  }

  @Override
  public ResponseEntity<List<Connection>> listConnections(String plant) {
    BrainPrincipal caller = Callers.current();
    if (plant != null) {
      rules.plantCode(plant);
      if (!caller.mayActForPlant(plant)) {
        throw ProblemException.forbidden("plant", "not allowed to read plant '" + plant + "'");
      }
    }
    return ResponseEntity.ok(store.all().stream()
        .filter(s -> caller.mayActForPlant(s.config().plant()))
        .filter(s -> plant == null || plant.equals(s.config().plant()))
        .map(this::toApi).toList());
  }

  @Override
  public ResponseEntity<Connection> createConnection(ConnectionSpec spec) {
    ConnectionConfig config = rules.config(spec);
    mayManage(config);
    Instant now = clock.instant();
    if (!store.create(config, Callers.current().name(), now)) {
      throw ProblemException.conflict("/id", "a connection '" + config.id() + "' exists: change it with PUT");
    }
    connectors.apply(config);
    return ResponseEntity.status(HttpStatus.CREATED).body(toApi(store.find(config.id()).orElseThrow()));
  }

  @Override
  public ResponseEntity<Connection> getConnection(String connection) {
    return ResponseEntity.ok(toApi(readable(connection)));
  }

  @Override
  public ResponseEntity<Connection> updateConnection(String connection, ConnectionSpec spec) {
    ConnectionStore.Stored old = readable(connection);
    mayManage(old.config());
    ConnectionConfig config = rules.config(spec);
    if (!config.id().equals(connection)) {
      throw ProblemException.badRequest("/id", "the body's id '" + config.id() + "' is not the path's '" + connection
          + "': a connection keeps its id");
    }
    mayManage(config);
    store.update(config, Callers.current().name(), clock.instant());
    connectors.apply(config);
    return ResponseEntity.ok(toApi(store.find(connection).orElseThrow()));
  }

  @Override
  public ResponseEntity<Void> deleteConnection(String connection) {
    mayManage(readable(connection).config());
    store.delete(connection);
    connectors.remove(connection);
    return ResponseEntity.noContent().build();
  }

  @Override
  public ResponseEntity<List<TagMapping>> getMappings(String connection) {
    readable(connection);
    return ResponseEntity.ok(store.mappings(connection));
  }

  @Override
  public ResponseEntity<List<TagMapping>> putMappings(String connection, List<TagMapping> mappings) {
    ConnectionStore.Stored stored = readable(connection);
    mayManage(stored.config());
    rules.mappings(stored.config(), mappings);
    store.replaceMappings(connection, mappings, Callers.current().name(), clock.instant());
    connectors.remap(connection);
    return ResponseEntity.ok(store.mappings(connection));
  }

  @Override
  public ResponseEntity<List<BrowsedNode>> browseConnection(String connection, String node) {
    readable(connection);
    DeviceLink link = connectors.link(connection).orElseThrow(() -> new ProblemException(HttpStatus.CONFLICT,
        "Not connected", "connection '" + connection + "' is disabled: enable it to browse its device",
        List.of(new org.enterprisebrain.standard.FieldError("connection", "disabled"))));
    try {
      return ResponseEntity.ok(link.browse(node));
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("node", e.getMessage());
    } catch (Exception e) {
      throw new ProblemException(HttpStatus.BAD_GATEWAY, "The device did not answer",
          "browsing " + (node == null ? "the root" : node) + " failed: " + e.getMessage(), List.of());
    }
  }

  private ConnectionStore.Stored readable(String id) {
    ConnectionStore.Stored stored = store.find(id).orElse(null);
    // another plant's connection is as absent as one that does not exist: its id tells nothing
    if (stored == null || !Callers.current().mayActForPlant(stored.config().plant())) {
      throw ProblemException.notFound("connection", "no connection '" + id + "' in your plants");
    }
    return stored;
  }

  private static void mayManage(ConnectionConfig config) {
    BrainPrincipal caller = Callers.current();
    if (!caller.mayActForPlant(config.plant())) {
      throw ProblemException.forbidden("/plant", "not allowed to connect devices of plant '" + config.plant() + "'");
    }
    if (!caller.hasRole(Roles.ADMIN) && !caller.mayActForSourceSystem(config.sourceSystem())) {
      throw ProblemException.forbidden("/sourceSystem", "not allowed to send records of source system '"
          + config.sourceSystem() + "'");
    }
  }

  private Connection toApi(ConnectionStore.Stored stored) {
    ConnectionConfig c = stored.config();
    LinkStatus.Snapshot s = connectors.status(c.id()).snapshot();
    ConnectionStatus status = new ConnectionStatus(ConnectionStatus.StateEnum.fromValue(
        s.state().name().toLowerCase(java.util.Locale.ROOT)), s.since().atOffset(ZoneOffset.UTC), s.records(),
        s.rejected(), s.reconnects())
        .buffered(s.buffered()).dropped(s.dropped()).subscribedTags(s.subscribedTags())
        .refusedTags(s.refusedTags().entrySet().stream().map(e -> new RefusedTag(e.getKey(), e.getValue())).toList())
        .lastValueAt(s.lastValueAt() == null ? null : s.lastValueAt().atOffset(ZoneOffset.UTC))
        .lastError(s.lastError()).sequenceGaps(s.sequenceGaps()).rebirthRequests(s.rebirthRequests());
    return new Connection(c.id(), c.plant(), c.sourceSystem(), Protocol.fromValue(c.protocol()), c.endpoint(),
        SecurityPolicy.fromValue(c.securityPolicy()), c.enabled(), stored.mappings(), stored.createdBy(),
        stored.updatedAt().atOffset(ZoneOffset.UTC), status)
        .username(c.username()).passwordSecret(c.passwordSecret()).trustedCertificate(c.trustedCertificate())
        .mqttVersion(c.mqttVersion() == null ? null : MqttVersion.fromValue(c.mqttVersion()));
  }
}
