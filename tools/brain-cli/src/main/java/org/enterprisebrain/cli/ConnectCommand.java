package org.enterprisebrain.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.enterprisebrain.client.ApiClient;
import org.enterprisebrain.client.ApiException;
import org.enterprisebrain.client.connectors.api.ConnectionsApi;
import org.enterprisebrain.client.connectors.api.MappingsApi;
import org.enterprisebrain.client.connectors.model.BrowsedNode;
import org.enterprisebrain.client.connectors.model.Connection;
import org.enterprisebrain.client.connectors.model.MappedEntity;
import org.enterprisebrain.client.connectors.model.TagMapping;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code brain connect}: the plant's device connections through the connector API — list them, browse a device's
 * address space into a mapping file to edit, put the edited file back as the connection's mappings.
 */
@Command(name = "connect", mixinStandardHelpOptions = true,
    description = "Device connections (设备连接): list, browse a device into a mapping file, map tags",
    subcommands = {ConnectCommand.ListConnections.class, ConnectCommand.Browse.class, ConnectCommand.MapTags.class})
public final class ConnectCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The generated client's own Jackson, so a file is exactly what the API reads. */
  static ObjectMapper json(ApiClient client) {
    return client.getObjectMapper().copy().enable(SerializationFeature.INDENT_OUTPUT);
  }

  /**
   * A subcommand's calls, as an admin (the local plant-admin client unless --client chose another): what the API
   * refuses is printed with its problem and exits 2.
   */
  abstract static class Subcommand implements Callable<Integer> {
    @Mixin
    org.enterprisebrain.cli.Connection connection;

    @Spec
    CommandSpec spec;

    abstract int run(ApiClient client, PrintWriter out) throws Exception;

    @Override
    public Integer call() throws Exception {
      connection.actAsAdmin();
      try {
        return run(connection.apiClient(), spec.commandLine().getOut());
      } catch (ApiException e) {
        spec.commandLine().getErr().println("HTTP " + e.getCode() + ": " + e.getResponseBody());
        return 2;
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The connections and their state")
  static final class ListConnections extends Subcommand {
    @Override
    int run(ApiClient client, PrintWriter out) throws ApiException {
      out.printf("%-24s %-8s %-10s %-13s %7s %9s %8s  %s%n", "connection", "plant", "protocol", "state", "tags",
          "records", "rejected", "endpoint");
      for (Connection c : new ConnectionsApi(client).listConnections(null)) {
        out.printf("%-24s %-8s %-10s %-13s %7d %9d %8d  %s%n", c.getId(), c.getPlant(), c.getProtocol().getValue(),
            c.getStatus().getState().getValue(), c.getMappings(), c.getStatus().getRecords(),
            c.getStatus().getRejected(), c.getEndpoint());
      }
      return 0;
    }
  }

  @Command(name = "browse", mixinStandardHelpOptions = true,
      description = "Browse a connection's device (OPC UA nodes, MQTT topics, Sparkplug B metrics); with --out, "
          + "write what it offers as a mapping file to edit")
  static final class Browse extends Subcommand {
    @Parameters(index = "0", description = "The connection, e.g. hz-01-line-a-opcua")
    String id;

    @Option(names = "--node", description = "Start here: an OPC UA node (default: the Objects folder, e.g. "
        + "ns=2;s=DemoPlant), an MQTT topic filter (default #), a Sparkplug B prefix such as hz-01/LINE-B")
    String node;

    @Option(names = "--depth", defaultValue = "3", description = "Levels below the start (default: ${DEFAULT-VALUE})")
    int depth;

    /** OPC UA's String data type (Part 6, i=12). */
    static final String STRING = "i=12";

    @Option(names = {"-o", "--out"}, description = "Write a mapping per variable found (telemetry; edit, then map)")
    Path out;

    @Override
    int run(ApiClient client, PrintWriter printed) throws Exception {
      MappingsApi api = new MappingsApi(client);
      List<TagMapping> stubs = new ArrayList<>();
      List<TagMapping> mapped = api.getMappings(id);
      // variables right below the start belong to it: its name (ns=2;s=CNC-A01 → CNC-A01) is their equipment
      walk(api, node, node == null ? null : node.replaceFirst("^.*;s=", ""), 0, stubs);
      if (out != null) {
        // the file is what map puts back whole: the mappings in force, then a guess for each variable not mapped
        java.util.Set<String> known = new java.util.HashSet<>();
        mapped.forEach(m -> known.add(m.getTag()));
        List<TagMapping> file = new ArrayList<>(mapped);
        stubs.stream().filter(s -> !known.contains(s.getTag())).forEach(file::add);
        Files.writeString(out, json(client).writeValueAsString(file));
        printed.printf("%s: the %d mappings in force and %d variables not mapped yet: edit the new "
            + "ones (entity, equipment, signal, unit; a state's values under states), delete those not wanted, then: "
            + "brain connect map %s %s%n", out, mapped.size(), file.size() - mapped.size(), id, out);
      }
      return 0;
    }

    private void walk(MappingsApi api, String at, String parent, int level, List<TagMapping> stubs)
        throws ApiException {
      for (BrowsedNode n : api.browseConnection(id, at)) {
        spec.commandLine().getOut().printf("%s%-28s %-9s %-8s %s%n", "  ".repeat(level), n.getBrowseName(),
            n.getNodeClass(), n.getDataType() == null ? "" : n.getDataType(), n.getNodeId());
        TagMapping stub = stub(n, parent);
        if (stub != null) {
          stubs.add(stub);
        }
        if (Boolean.TRUE.equals(n.getHasChildren()) && level < depth && !n.getNodeId().startsWith("i=")) {
          walk(api, n.getNodeId(), n.getBrowseName(), level + 1, stubs);
        }
      }
    }
  }

  /**
   * A guess to edit for a value the device offers: its equipment, and a number as a signal of its name, a text as a
   * state (whose values the user maps under states: put back unedited, it is refused naming /i/states). OPC UA: a
   * variable, the object above it the equipment. Sparkplug B: a metric, its device (or edge node) the equipment.
   * MQTT: a topic, its last level the signal and the level above the equipment; a JSON payload's value guessed at
   * /value. Null for what is no value (an object, a folder).
   */
  static TagMapping stub(BrowsedNode n, String parent) {
    String type = n.getDataType() == null ? "" : n.getDataType();
    String name = n.getBrowseName();
    String equipment;
    boolean text;
    TagMapping stub = new TagMapping().tag(n.getNodeId());
    switch (String.valueOf(n.getNodeClass())) {
      case "Variable" -> {
        if (parent == null) {
          return null;
        }
        equipment = parent;
        text = Browse.STRING.equals(type);
        stub.samplingIntervalMs(1000);
      }
      case "Metric" -> {
        String device = n.getNodeId().substring(0, n.getNodeId().indexOf(':'));
        equipment = device.substring(device.lastIndexOf('/') + 1);
        text = type.equals("String") || type.equals("Text");
      }
      case "Topic" -> {
        String[] levels = n.getNodeId().split("/");
        equipment = levels.length > 1 ? levels[levels.length - 2] : levels[0];
        name = levels[levels.length - 1];
        text = type.equals("text");
        if (type.equals("json")) {
          stub.valuePointer("/value");
        }
      }
      default -> {
        return null;
      }
    }
    stub.equipment(equipment);
    return text ? stub.entity(MappedEntity.EQUIPMENT_STATE) : stub.entity(MappedEntity.TELEMETRY)
        .signal(name.toLowerCase(java.util.Locale.ROOT).replaceAll("[\\s/]+", "."));
  }

  @Command(name = "map", mixinStandardHelpOptions = true,
      description = "Put a mapping file (JSON, as browse --out writes it) as the connection's mappings")
  static final class MapTags extends Subcommand {
    @Parameters(index = "0", description = "The connection")
    String id;

    @Parameters(index = "1", description = "The mapping file")
    Path file;

    @Override
    int run(ApiClient client, PrintWriter out) throws Exception {
      List<TagMapping> mappings = json(client).readValue(file.toFile(), new TypeReference<List<TagMapping>>() { });
      List<TagMapping> now = new MappingsApi(client).putMappings(id, mappings);
      out.printf("%s: %d tags mapped; brain connect list shows what arrives%n", id, now.size());
      return 0;
    }
  }
}
