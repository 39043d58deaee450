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
import org.enterprisebrain.connector.api.model.Protocol;
import org.enterprisebrain.connector.api.model.SecurityPolicy;
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
    if (errors.isEmpty()) {
      errors.addAll(protocolOptions(spec));
    }
    refuse("Invalid connection", errors);
    boolean mqtt = spec.getProtocol() == Protocol.MQTT || spec.getProtocol() == Protocol.SPARKPLUG_B;
    return new ConnectionConfig(spec.getId(), spec.getPlant(), spec.getSourceSystem(), spec.getProtocol().getValue(),
        spec.getEndpoint(), spec.getSecurityPolicy() == null ? "none" : spec.getSecurityPolicy().getValue(),
        !mqtt ? null : spec.getMqttVersion() == null ? ConnectionConfig.MQTT_5 : spec.getMqttVersion().getValue(),
        spec.getUsername(), spec.getPasswordSecret(), spec.getTrustedCertificate(),
        spec.getEnabled() == null || spec.getEnabled());
  }

  /** What one schema for all protocols cannot say: which endpoint scheme and options go with which protocol. */
  private static List<FieldError> protocolOptions(ConnectionSpec spec) {
    List<FieldError> errors = new ArrayList<>();
    Protocol protocol = spec.getProtocol();
    String scheme = spec.getEndpoint().substring(0, spec.getEndpoint().indexOf("://"));
    boolean mqtt = protocol == Protocol.MQTT || protocol == Protocol.SPARKPLUG_B;
    String expected = switch (protocol) {
      case OPC_UA -> scheme.equals("opc.tcp") ? null : "opc.tcp://host:port/path";
      case MQTT, SPARKPLUG_B -> scheme.startsWith("mqtt") ? null : "mqtt://host:port or mqtts://host:port";
      case MODBUS_TCP -> scheme.equals("modbus-tcp") ? null : "modbus-tcp://host:port";
    };
    if (expected != null) {
      errors.add(new FieldError("/endpoint", "an " + protocol.getValue() + " endpoint is " + expected));
    }
    if (protocol != Protocol.OPC_UA && spec.getSecurityPolicy() == SecurityPolicy.BASIC256SHA256) {
      errors.add(new FieldError("/securityPolicy", "basic256sha256 is OPC UA's; MQTT is secured by mqtts:// (TLS)"));
    }
    if (!mqtt && spec.getMqttVersion() != null) {
      errors.add(new FieldError("/mqttVersion", "an " + protocol.getValue() + " connection has no MQTT version"));
    }
    if (spec.getTrustedCertificate() != null) {
      if (!scheme.equals("mqtts")) {
        errors.add(new FieldError("/trustedCertificate", "only an mqtts:// endpoint (TLS) checks a certificate"));
      } else {
        try {
          org.enterprisebrain.connector.mqtt.BrokerTrust.certificates(spec.getTrustedCertificate());
        } catch (IllegalArgumentException e) {
          errors.add(new FieldError("/trustedCertificate", e.getMessage()));
        }
      }
    }
    if (protocol == Protocol.MODBUS_TCP && (spec.getUsername() != null || spec.getPasswordSecret() != null)) {
      errors.add(new FieldError(spec.getUsername() != null ? "/username" : "/passwordSecret",
          "Modbus TCP has no login"));
    }
    return errors;
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
      tagOfProtocol(connection.protocol(), m, at, errors);
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

  /** Sparkplug B ids may hold neither '/', '+', '#' nor (here) ':', which ends them; a metric name may hold '/'. */
  static final java.util.regex.Pattern SPARKPLUG_TAG =
      java.util.regex.Pattern.compile("^([^/+#:]+)/([^/+#:]+)(?:/([^/+#:]+))?:(.+)$");

  /** A tag must be what the protocol names a value by; the JSON Pointers are MQTT's alone. */
  private static void tagOfProtocol(String protocol, TagMapping m, String at, List<FieldError> errors) {
    String tag = m.getTag();
    if (tag != null && !tag.isEmpty()) {
      switch (protocol) {
        case "mqtt" -> {
          if (tag.contains("+") || tag.contains("#")) {
            errors.add(new FieldError(at + "/tag", "an MQTT tag is one topic, without the wildcards + and #"));
          }
        }
        case "sparkplug-b" -> {
          if (!SPARKPLUG_TAG.matcher(tag).matches()) {
            errors.add(new FieldError(at + "/tag", "a Sparkplug B tag is group/edge-node/device:metric or "
                + "group/edge-node:metric, e.g. demo-plant/line-b/PRESS-B01:Pressure"));
          }
        }
        default -> { }
      }
    }
    boolean modbus = "modbus-tcp".equals(protocol);
    if (modbus && m.getRegister() == null) {
      errors.add(new FieldError(at + "/register", "a Modbus tag needs its register: table and address at least"));
    }
    if (!modbus && m.getRegister() != null) {
      errors.add(new FieldError(at + "/register", "only a modbus-tcp connection reads registers"));
    }
    if (modbus && m.getRegister() != null && m.getRegister().getTable() != null && m.getRegister().getType() != null) {
      boolean bit = m.getRegister().getTable().getValue().equals("coil")
          || m.getRegister().getTable().getValue().equals("discrete-input");
      if (bit != (m.getRegister().getType().getValue().equals("bool"))) {
        errors.add(new FieldError(at + "/register/type", bit ? "a coil or discrete input is a bool"
            : "a register holds a number: int16, uint16, int32, uint32 or float32"));
      }
    }
    if (!"mqtt".equals(protocol)) {
      if (m.getValuePointer() != null) {
        errors.add(new FieldError(at + "/valuePointer", "only an mqtt connection's payloads are read by pointer"));
      }
      if (m.getTimePointer() != null) {
        errors.add(new FieldError(at + "/timePointer", "only an mqtt connection's payloads are read by pointer"));
      }
    }
  }

  private static void refuse(String title, List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw new ProblemException(HttpStatus.BAD_REQUEST, title, errors.size() + " field(s) are invalid: "
          + errors.get(0).pointer() + " " + errors.get(0).message(), errors);
    }
  }
}
