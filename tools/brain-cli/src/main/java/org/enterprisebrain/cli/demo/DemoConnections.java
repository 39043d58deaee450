package org.enterprisebrain.cli.demo;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.enterprisebrain.client.ApiClient;
import org.enterprisebrain.client.ApiException;
import org.enterprisebrain.client.connectors.api.ConnectionsApi;
import org.enterprisebrain.client.connectors.api.MappingsApi;
import org.enterprisebrain.client.connectors.model.ConnectionSpec;
import org.enterprisebrain.client.connectors.model.MappedEntity;
import org.enterprisebrain.client.connectors.model.ModbusRegister;
import org.enterprisebrain.client.connectors.model.Protocol;
import org.enterprisebrain.client.connectors.model.SecurityPolicy;
import org.enterprisebrain.client.connectors.model.TagMapping;
import org.enterprisebrain.servers.mqtt.SparkplugEdgeNode;
import org.enterprisebrain.servers.opcua.OpcUaSimulator;

/**
 * The demo plant's devices connected the way a plant's integrator does it, through the gateway: the CNC line's
 * OPC UA server, each machine's spindle speed and cabinet temperature mapped to telemetry, and the assembly line's
 * Sparkplug B edge node (signals the REST demo does not send, so the analytics of its replayed history are not
 * disturbed by live values). Run again, it finds the connections and puts the same mappings.
 */
public final class DemoConnections {

  public static final String OPC_UA = "hz-01-line-a-opcua";
  public static final String OPC_UA_SOURCE = "OPCUA-LINE-A";
  public static final String SPARKPLUG = "hz-01-line-b-sparkplug";
  public static final String SPARKPLUG_SOURCE = "SPARKPLUG-LINE-B";
  public static final String MODBUS = "hz-01-utility-meters-modbus";
  public static final String MODBUS_SOURCE = "MODBUS-UTILITIES";

  private final String gateway;

  public DemoConnections(String gateway) {
    this.gateway = gateway;
  }

  /** @param token an admin's: the source systems are the lines' devices, no demo integrator's */
  public void connect(String token, DemoOpcUa server, DemoSparkplug edge, DemoModbus meters, PrintStream out)
      throws ApiException {
    connectOpcUa(token, server, out);
    connectSparkplug(token, edge, out);
    connectModbus(token, meters, out);
  }

  /** Creates the connection unless it is there (brain up again on kept data); the client to map it with. */
  private ApiClient ensure(String token, ConnectionSpec spec) throws ApiException {
    ApiClient client = Gateway.client(gateway, token);
    ConnectionsApi connections = new ConnectionsApi(client);
    if (!Gateway.found(() -> connections.getConnection(spec.getId()))) {
      connections.createConnection(spec);
    }
    return client;
  }

  /** The utility meters on the Modbus gateway: each one's energy (cumulative kWh) and active power, every 5 s. */
  void connectModbus(String token, DemoModbus meters, PrintStream out) throws ApiException {
    ApiClient client = ensure(token, new ConnectionSpec().id(MODBUS).plant(DemoSettings.PLANT)
        .sourceSystem(MODBUS_SOURCE).protocol(Protocol.MODBUS_TCP).endpoint(meters.endpoint()));
    List<TagMapping> mappings = new ArrayList<>();
    for (DemoModbus.Meter m : DemoModbus.METERS) {
      mappings.add(new TagMapping().tag(m.id() + ".energy").entity(MappedEntity.ENERGY_READING).equipment(m.equipment())
          .meter(m.id()).unit("kWh").samplingIntervalMs(5000).register(new ModbusRegister().unitId(m.unitId())
              .table(ModbusRegister.TableEnum.HOLDING_REGISTER).address(DemoModbus.ENERGY_REGISTER)
              .type(ModbusRegister.TypeEnum.FLOAT32).wordOrder(ModbusRegister.WordOrderEnum.LITTLE)));
      mappings.add(new TagMapping().tag(m.id() + ".power").entity(MappedEntity.TELEMETRY).equipment(m.equipment())
          .signal("active.power").unit("W").samplingIntervalMs(5000).register(new ModbusRegister()
              .unitId(m.unitId()).table(ModbusRegister.TableEnum.INPUT_REGISTER).address(DemoModbus.POWER_REGISTER)
              .type(ModbusRegister.TypeEnum.UINT32)));
    }
    new MappingsApi(client).putMappings(MODBUS, mappings);
    out.printf("demo devices: %s connected (%s, Modbus TCP, %d registers of %d meters)%n", MODBUS,
        meters.endpoint(), mappings.size(), DemoModbus.METERS.size());
  }

  /**
   * The assembly line's Sparkplug B edge node on the demo broker: each machine's servo current and cabinet
   * temperature (the REST demo sends servo temperature and vibration, so nothing is counted twice).
   */
  void connectSparkplug(String token, DemoSparkplug edge, PrintStream out) throws ApiException {
    ApiClient client = ensure(token, new ConnectionSpec().id(SPARKPLUG).plant(DemoSettings.PLANT)
        .sourceSystem(SPARKPLUG_SOURCE).protocol(Protocol.SPARKPLUG_B).endpoint(edge.endpoint())
        .username(DemoSparkplug.CONNECTOR_USER).passwordSecret(DemoSparkplug.PASSWORD_SECRET));
    List<TagMapping> mappings = new ArrayList<>();
    for (String machine : edge.machines()) {
      mappings.add(new TagMapping().tag(edge.tag(machine, SparkplugEdgeNode.CURRENT)).entity(MappedEntity.TELEMETRY)
          .equipment(machine).signal("servo.current").unit("A"));
      mappings.add(new TagMapping().tag(edge.tag(machine, SparkplugEdgeNode.TEMPERATURE))
          .entity(MappedEntity.TELEMETRY).equipment(machine).signal("cabinet.temperature").unit("Cel"));
    }
    new MappingsApi(client).putMappings(SPARKPLUG, mappings);
    out.printf("demo devices: %s connected (%s, Sparkplug B, %d metrics of %d machines)%n", SPARKPLUG,
        edge.endpoint(), mappings.size(), edge.machines().size());
  }

  void connectOpcUa(String token, DemoOpcUa server, PrintStream out) throws ApiException {
    ApiClient client = ensure(token, new ConnectionSpec().id(OPC_UA).plant(DemoSettings.PLANT)
        .sourceSystem(OPC_UA_SOURCE).protocol(Protocol.OPC_UA).endpoint(server.endpointUrl())
        .securityPolicy(SecurityPolicy.NONE));
    List<TagMapping> mappings = new ArrayList<>();
    for (String machine : server.machines()) {
      mappings.add(new TagMapping().tag(server.nodeId(machine, OpcUaSimulator.SPINDLE_SPEED))
          .entity(MappedEntity.TELEMETRY).equipment(machine).signal("spindle.speed").unit("r/min")
          .samplingIntervalMs(1000).deadband(BigDecimal.valueOf(50)));
      mappings.add(new TagMapping().tag(server.nodeId(machine, OpcUaSimulator.TEMPERATURE))
          .entity(MappedEntity.TELEMETRY).equipment(machine).signal("cabinet.temperature").unit("Cel")
          .samplingIntervalMs(1000).deadband(BigDecimal.valueOf(0.5)));
    }
    new MappingsApi(client).putMappings(OPC_UA, mappings);
    out.printf("demo devices: %s connected (%s, %d tags of %d machines)%n", OPC_UA, server.endpointUrl(),
        mappings.size(), server.machines().size());
  }
}
