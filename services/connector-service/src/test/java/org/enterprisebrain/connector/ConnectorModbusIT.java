package org.enterprisebrain.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enterprisebrain.connector.ConnectorApiIT.JSON;
import static org.enterprisebrain.connector.ConnectorApiIT.await;
import static org.enterprisebrain.connector.ConnectorApiIT.payload;
import static org.enterprisebrain.connector.ConnectorApiIT.rejection;
import static org.enterprisebrain.testsupport.ServiceCalls.problem;
import static org.enterprisebrain.testsupport.ServiceCalls.status;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.enterprisebrain.servers.ManagedProcess;
import org.enterprisebrain.servers.modbus.ModbusSlave;
import org.enterprisebrain.standard.Topics;
import org.enterprisebrain.testsupport.RealKafka;
import org.enterprisebrain.testsupport.ServiceCalls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The connector polling a real Modbus TCP slave (digitalpetri's server) with real Kafka, PostgreSQL and Keycloak:
 * an energy meter's float32 in the meter's word order (CDAB), a uint32 power register in Modbus order, a coil as a
 * state; the deadband; a unit that is not there refused and on the dead letters while the others go on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConnectorModbusIT {

  static final String PATH = ConnectorApiIT.PATH;
  static final String ENERGY = Topics.of("energy", "energy-reading", 1);
  static final Path WORK = ConnectorApiIT.workDir(Map.of());
  static final ModbusSlave SLAVE = ModbusSlave.start(ManagedProcess.freePort(), Set.of(1, 2));

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    ConnectorApiIT.connectorSettings(registry, WORK);
    registry.add("brain.connector.connect-timeout", () -> "2s");
  }

  @AfterAll
  static void stopSlave() {
    SLAVE.close();
  }

  @Value("${local.server.port}")
  int port;

  final ServiceCalls calls = new ServiceCalls(() -> port);

  static Map<String, Object> mapping(String tag, String entity, String equipment, Map<String, Object> register) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tag", tag);
    m.put("entity", entity);
    m.put("equipment", equipment);
    m.put("register", register);
    m.put("samplingIntervalMs", 200);
    return m;
  }

  static Predicate<ConsumerRecord<String, String>> value(double v) {
    return r -> Math.abs(JSON.readTree(r.value()).path("payload").path("value").asDouble() - v) < 1e-6;
  }

  @Test
  void anEnergyMetersRegistersBecomeReadingsTelemetryAndStates() throws Exception {
    Map<String, Object> spec = new LinkedHashMap<>(Map.of("id", "hz-01-meters", "plant", "hz-01",
        "sourceSystem", "MES-A", "protocol", "modbus-tcp", "endpoint", SLAVE.endpoint()));
    Map<String, Object> withVersion = new LinkedHashMap<>(spec);
    withVersion.put("mqttVersion", "5");
    problem(calls.json("POST", PATH, "integrator", withVersion), 400, "/mqttVersion");
    Map<String, Object> mqttEndpoint = new LinkedHashMap<>(spec);
    mqttEndpoint.put("endpoint", "mqtt://127.0.0.1:1883");
    problem(calls.json("POST", PATH, "integrator", mqttEndpoint), 400, "/endpoint");
    status(calls.json("POST", PATH, "integrator", spec), 201);

    var bad = calls.json("PUT", PATH + "/hz-01-meters/mappings", "integrator", List.of(
        Map.of("tag", "no-register", "entity", "telemetry", "equipment", "M-01", "signal", "s"),
        mapping("coil-as-float", "telemetry", "M-01", Map.of("table", "coil", "address", 0, "type", "float32"))));
    problem(bad, 400, "/0/register");
    problem(bad, 400, "/1/register/type");
    problem(calls.get(PATH + "/hz-01-meters/browse", "integrator"), 400, "node");

    // the meter: kWh as float32 low word first (CDAB), power in 0.1 W as uint32 in Modbus order, a run coil
    SLAVE.setHoldingRegisters(1, 0, ModbusSlave.float32(123456.5, false));
    SLAVE.setInputRegisters(1, 10, ModbusSlave.uint32(305419896));
    SLAVE.setCoil(1, 0, true);
    Map<String, Object> kwh = mapping("M-01.energy", "energy-reading", "ASSY-01", Map.of("table", "holding-register",
        "address", 0, "type", "float32", "wordOrder", "little"));
    kwh.put("meter", "M-01");
    kwh.put("unit", "kWh");
    Map<String, Object> power = mapping("M-01.power", "telemetry", "ASSY-01", Map.of("table", "input-register",
        "address", 10, "type", "uint32"));
    power.putAll(Map.of("signal", "active.power", "unit", "W", "scale", 0.1, "deadband", 50));
    Map<String, Object> running = mapping("M-01.run", "equipment-state", "ASSY-01", Map.of("table", "coil",
        "address", 0));
    running.put("states", Map.of("true", "running", "false", "idle"));
    Map<String, Object> absent = mapping("M-07.energy", "energy-reading", "ASSY-07", Map.of("unitId", 7,
        "table", "holding-register", "address", 0, "type", "float32"));
    absent.put("meter", "M-07");
    // a power analyser's voltage, current and frequency in registers that follow one another: one read
    SLAVE.setHoldingRegisters(1, 20, ModbusSlave.float32(230.5, true));
    SLAVE.setHoldingRegisters(1, 22, ModbusSlave.float32(12.25, true));
    SLAVE.setHoldingRegisters(1, 24, new byte[] {0x13, (byte) 0x88});
    Map<String, Object> voltage = mapping("M-01.voltage", "telemetry", "ASSY-01", Map.of("table", "holding-register",
        "address", 20, "type", "float32"));
    voltage.putAll(Map.of("signal", "voltage", "unit", "V"));
    Map<String, Object> current = mapping("M-01.current", "telemetry", "ASSY-01", Map.of("table", "holding-register",
        "address", 22, "type", "float32"));
    current.putAll(Map.of("signal", "current", "unit", "A"));
    Map<String, Object> frequency = mapping("M-01.frequency", "telemetry", "ASSY-01", Map.of("table",
        "holding-register", "address", 24, "type", "uint16"));
    frequency.putAll(Map.of("signal", "frequency", "unit", "Hz", "scale", 0.01));
    status(calls.json("PUT", PATH + "/hz-01-meters/mappings", "integrator", List.of(kwh, power, running, absent,
        voltage, current, frequency)), 200);

    JsonNode reading = JSON.readTree(await(ENERGY, payload("meter", "M-01").and(value(123456.5)), 1).get(0)
        .value());
    assertThat(reading.path("payload").path("valueKind").asString()).isEqualTo("cumulative");
    await(ConnectorApiIT.TELEMETRY, payload("signal", "active.power").and(value(30541989.6)), 1);
    await(ConnectorApiIT.STATES, payload("equipment", "ASSY-01").and(payload("state", "running")), 1);
    await(ConnectorApiIT.TELEMETRY, payload("signal", "voltage").and(value(230.5)), 1);
    await(ConnectorApiIT.TELEMETRY, payload("signal", "current").and(value(12.25)), 1);
    await(ConnectorApiIT.TELEMETRY, payload("signal", "frequency").and(value(50.0)), 1);
    assertThat(SLAVE.reads()).as("registers 20…24 read at once, never alone").containsKey("1/holding-register/20+5")
        .doesNotContainKeys("1/holding-register/20+2", "1/holding-register/22+2", "1/holding-register/24+1");

    // the unit that is not there: refused with the reason, on the dead letters, while M-01 goes on
    JsonNode refused = ConnectorApiIT.awaitConnection(calls, "hz-01-meters",
        c -> c.path("status").path("refusedTags").size() == 1, "the absent unit refused");
    assertThat(refused.path("status").path("refusedTags").get(0).path("tag").asString()).isEqualTo("M-07.energy");
    assertThat(refused.path("status").path("subscribedTags").asInt()).isEqualTo(6);
    assertThat(refused.path("status").path("state").asString()).isEqualTo("connected");
    await(ConnectorApiIT.REJECTED, rejection("hz-01-meters", "M-07.energy"), 1);

    // the deadband (50 raw units = 5 W): a change of 2 W is not sent, one of 10 W is
    SLAVE.setInputRegisters(1, 10, ModbusSlave.uint32(305419896 + 20));
    Thread.sleep(1000); // five polls of the small change
    SLAVE.setInputRegisters(1, 10, ModbusSlave.uint32(305419896 + 100));
    await(ConnectorApiIT.TELEMETRY, payload("signal", "active.power").and(value(30541999.6)), 1);
    assertThat(TopicRecords.read(RealKafka.bootstrapServers(), ConnectorApiIT.TELEMETRY,
        payload("signal", "active.power").and(value(30541991.6)), 0)).isEmpty();
    SLAVE.setCoil(1, 0, false);
    await(ConnectorApiIT.STATES, payload("equipment", "ASSY-01").and(payload("state", "idle")), 1);
  }
}
