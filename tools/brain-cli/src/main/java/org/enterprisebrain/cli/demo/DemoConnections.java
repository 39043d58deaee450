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
import org.enterprisebrain.client.connectors.model.Protocol;
import org.enterprisebrain.client.connectors.model.SecurityPolicy;
import org.enterprisebrain.client.connectors.model.TagMapping;
import org.enterprisebrain.servers.opcua.OpcUaSimulator;

/**
 * The demo plant's devices connected the way a plant's integrator does it, through the gateway: the CNC line's
 * OPC UA server, each machine's spindle speed and cabinet temperature mapped to telemetry (signals the REST demo
 * does not send, so the analytics of its replayed history are not disturbed by live values). Run again, it finds
 * the connection and puts the same mappings.
 */
public final class DemoConnections {

  public static final String OPC_UA = "hz-01-line-a-opcua";
  public static final String OPC_UA_SOURCE = "OPCUA-LINE-A";

  private final String gateway;

  public DemoConnections(String gateway) {
    this.gateway = gateway;
  }

  /** @param token an admin's: the source system is the line's OPC UA server, no demo integrator's */
  public void connect(String token, DemoOpcUa server, PrintStream out) throws ApiException {
    ApiClient client = Gateway.client(gateway, token);
    ConnectionsApi connections = new ConnectionsApi(client);
    if (!Gateway.found(() -> connections.getConnection(OPC_UA))) {
      connections.createConnection(new ConnectionSpec().id(OPC_UA).plant(DemoSettings.PLANT)
          .sourceSystem(OPC_UA_SOURCE).protocol(Protocol.OPC_UA).endpoint(server.endpointUrl())
          .securityPolicy(SecurityPolicy.NONE));
    }
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
