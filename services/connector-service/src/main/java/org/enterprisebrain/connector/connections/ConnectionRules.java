package org.enterprisebrain.connector.connections;

import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.enterprisebrain.connector.ConnectorProperties;
import org.enterprisebrain.connector.api.model.ConnectionSpec;
import org.enterprisebrain.connector.api.model.MappedEntity;
import org.enterprisebrain.connector.api.model.TagMapping;
import org.enterprisebrain.connector.records.StandardRecords;
import org.enterprisebrain.connector.records.TagValue;
import org.enterprisebrain.standard.DataStandard;
import org.enterprisebrain.standard.FieldError;
import org.enterprisebrain.standard.SpecSchemas;
import org.enterprisebrain.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a connection or a set of mappings must be before it is stored: the spec's own schema first (patterns,
 * bounds, enums), then what a schema cannot say — a mapping must make a record the data standard accepts, a
 * secret must exist. Every error names its field; nothing is stored unless all pass.
 */
@Component
public class ConnectionRules {

  static final int MAX_MAPPINGS = 20_000;
  private static final JsonMapper JSON = ConnectionStore.JSON;
  private static final SpecSchemas SPEC = SpecSchemas.load("connectors");

  private final ConnectorProperties properties;
  private final StandardRecords records;

  public ConnectionRules(ConnectorProperties properties, DataStandard standard) {
    this.properties = properties;
    this.records = new StandardRecords(standard);
  }

  public void plantCode(String plant) {
    List<FieldError> errors = SPEC.validate("PlantCode", JSON.valueToTree(plant));
    if (!errors.isEmpty()) {
      throw ProblemException.badRequest("plant", errors.get(0).message());
    }
  }

  public ConnectionConfig config(ConnectionSpec spec) {
    List<FieldError> errors = new ArrayList<>(SPEC.validate("ConnectionSpec", JSON.valueToTree(spec)));
    if (spec.getPasswordSecret() != null && errors.stream().noneMatch(e -> e.pointer().equals("/passwordSecret"))
        && (properties.secretsDir() == null || !Files.isRegularFile(properties.secretsDir()
            .resolve(spec.getPasswordSecret())))) {
      errors.add(new FieldError("/passwordSecret", "no secret '" + spec.getPasswordSecret()
          + "' in the connector's secrets directory (BRAIN_CONNECTOR_SECRETS_DIR): put the password there first"));
    }
    refuse("Invalid connection", errors);
    return new ConnectionConfig(spec.getId(), spec.getPlant(), spec.getSourceSystem(), spec.getProtocol().getValue(),
        spec.getEndpoint(), spec.getSecurityPolicy() == null ? "none" : spec.getSecurityPolicy().getValue(),
        spec.getUsername(), spec.getPasswordSecret(), spec.getEnabled() == null || spec.getEnabled());
  }

  public void mappings(ConnectionConfig connection, List<TagMapping> mappings) {
    if (mappings.size() > MAX_MAPPINGS) {
      throw ProblemException.badRequest("", "at most " + MAX_MAPPINGS + " mappings per connection; this holds "
          + mappings.size() + ": split the device across connections");
    }
    List<FieldError> errors = new ArrayList<>(SPEC.validateEach("TagMapping", JSON.valueToTree(mappings)));
    Set<String> tags = new HashSet<>();
    for (int i = 0; i < mappings.size(); i++) {
      TagMapping m = mappings.get(i);
      String at = "/" + i;
      if (m.getTag() != null && !tags.add(m.getTag())) {
        errors.add(new FieldError(at + "/tag", "the tag " + m.getTag() + " is mapped twice"));
      }
      if (m.getEntity() == null || m.getEquipment() == null || errors.stream().anyMatch(e -> e.pointer().startsWith(at + "/"))) {
        continue;
      }
      String missing = switch (m.getEntity()) {
        case TELEMETRY -> m.getSignal() == null ? "signal" : null;
        case EQUIPMENT_STATE -> m.getStates() == null || m.getStates().isEmpty() ? "states" : null;
        case ENERGY_READING -> m.getMeter() == null ? "meter" : null;
      };
      if (missing != null) {
        errors.add(new FieldError(at + "/" + missing, "a mapping to " + m.getEntity().getValue() + " needs " + missing));
        continue;
      }
      // the record a value of this tag would make: what the data standard refuses now is refused for every value
      TagBinding binding = Connectors.binding(m);
      Object sample = m.getEntity() == MappedEntity.EQUIPMENT_STATE ? binding.states().keySet().iterator().next()
          : (Object) 0.0;
      StandardRecords.Made made = records.make(connection, binding, new TagValue(m.getTag(), sample, "Good", "good",
          Instant.EPOCH.plusSeconds(1_700_000_000L)), Instant.now());
      if (made.record() == null) {
        errors.add(new FieldError(at, made.rejection()));
      }
    }
    refuse("Invalid mappings", errors);
  }

  private static void refuse(String title, List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw new ProblemException(HttpStatus.BAD_REQUEST, title, errors.size() + " field(s) are invalid: "
          + errors.get(0).pointer() + " " + errors.get(0).message(), errors);
    }
  }
}
