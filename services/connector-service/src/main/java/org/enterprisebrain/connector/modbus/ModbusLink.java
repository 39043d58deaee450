package org.enterprisebrain.connector.modbus;

import org.enterprisebrain.connector.connections.DaemonThreads;
import com.digitalpetri.modbus.client.ModbusTcpClient;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.exceptions.ModbusTimeoutException;
import com.digitalpetri.modbus.pdu.ReadCoilsRequest;
import com.digitalpetri.modbus.pdu.ReadDiscreteInputsRequest;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadInputRegistersRequest;
import com.digitalpetri.modbus.tcp.client.NettyTcpClientTransport;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.enterprisebrain.connector.ConnectorProperties;
import org.enterprisebrain.connector.api.model.BrowsedNode;
import org.enterprisebrain.connector.connections.ConnectionConfig;
import org.enterprisebrain.connector.connections.DeviceLink;
import org.enterprisebrain.connector.connections.LinkStatus;
import org.enterprisebrain.connector.connections.TagBinding;
import org.enterprisebrain.connector.records.RecordWriter;
import org.enterprisebrain.connector.records.TagValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Modbus TCP device (or gateway) polled by digitalpetri's client: the mapped registers read every sampling
 * interval, those that follow one another in one request ({@link RegisterBlock}), each value decoded by its type and
 * word order ({@link Registers}) and written as a record when it moved at least its deadband. A device's exception
 * answer (an address it does not have, a unit behind a gateway that does not answer) refuses the tag and goes to the
 * dead letters; a lost connection is retried every {@code BRAIN_CONNECTOR_RETRY} and the polls go on once it is back.
 */
public final class ModbusLink implements DeviceLink {

  private static final Logger LOG = LoggerFactory.getLogger(ModbusLink.class);

  private final ConnectionConfig config;
  private final ConnectorProperties properties;
  private final RecordWriter writer;
  private final LinkStatus status;
  private final Clock clock;
  private final ScheduledExecutorService poller;
  private final ModbusTcpClient client;
  private final Map<String, Double> lastWritten = new ConcurrentHashMap<>();
  private final Map<String, String> refused = new ConcurrentHashMap<>();
  private volatile List<ScheduledFuture<?>> polls = List.of();
  private volatile List<TagBinding> bindings = List.of();
  private volatile boolean everConnected;

  public ModbusLink(ConnectionConfig config, ConnectorProperties properties, RecordWriter writer, LinkStatus status,
      Clock clock) {
    this.config = config;
    this.properties = properties;
    this.writer = writer;
    this.status = status;
    this.clock = clock;
    this.poller = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("modbus-" + config.id()));
    URI endpoint = URI.create(config.endpoint());
    NettyTcpClientTransport transport = NettyTcpClientTransport.create(c -> {
      c.setHostname(endpoint.getHost());
      c.setPort(endpoint.getPort() > 0 ? endpoint.getPort() : 502);
      c.setConnectTimeout(properties.connectTimeout());
      // the transport reconnects by itself after a loss; polls in between fail and say so in the status
      c.setConnectPersistent(true);
    });
    this.client = ModbusTcpClient.create(transport, c -> c.setRequestTimeout(properties.connectTimeout()));
  }

  @Override
  public void start(List<TagBinding> initial) {
    status.state(LinkStatus.State.CONNECTING, null);
    poller.execute(() -> schedule(initial));
  }

  @Override
  public void remap(List<TagBinding> next) {
    poller.execute(() -> schedule(next));
  }

  /** One poll per sampling interval, each reading the tags of that interval. */
  private void schedule(List<TagBinding> next) {
    polls.forEach(p -> p.cancel(false));
    bindings = List.copyOf(next);
    refused.keySet().retainAll(next.stream().map(TagBinding::tag).collect(Collectors.toSet()));
    lastWritten.clear();
    Map<Integer, List<TagBinding>> byInterval = next.stream()
        .collect(Collectors.groupingBy(TagBinding::samplingIntervalMs));
    List<ScheduledFuture<?>> scheduled = new java.util.ArrayList<>();
    // the blocks of an interval's tags change only with the mapping: cut once, read every poll
    byInterval.forEach((interval, tags) -> {
      List<RegisterBlock> blocks = RegisterBlock.of(tags);
      scheduled.add(poller.scheduleWithFixedDelay(() -> poll(blocks), 0, interval, TimeUnit.MILLISECONDS));
    });
    polls = scheduled;
    if (next.isEmpty()) {
      // nothing to read yet: whether the device answers is still worth knowing
      poller.execute(this::connect);
    }
    status.subscribed(next.size() - refused.size(), refused);
  }

  private boolean connect() {
    try {
      client.connect();
      everConnected = true;
      status.state(LinkStatus.State.CONNECTED, null);
      return true;
    } catch (Exception e) {
      status.state(everConnected ? LinkStatus.State.DISCONNECTED : LinkStatus.State.CONNECTING, e.getMessage());
      return false;
    }
  }

  /** One round: each block of contiguous registers read in one request, its tags cut out of the answer. */
  private void poll(List<RegisterBlock> blocks) {
    if (!client.getTransport().isConnected() && !connect()) {
      return;
    }
    for (RegisterBlock block : blocks) {
      Instant at = clock.instant();
      byte[] raw;
      try {
        raw = read(block.unitId(), block.table(), block.start(), block.count());
      } catch (ModbusResponseException e) {
        if (block.tags().size() > 1) {
          // one address the device does not have spoils the block: its tags one by one, so only that one is refused
          block.tags().forEach(tag -> pollAlone(tag, at));
        } else {
          refuse(block.tags().get(0), reason(e, block.tags().get(0)), at);
        }
        continue;
      } catch (ModbusTimeoutException e) {
        block.tags().forEach(tag -> refuse(tag, reason(e, tag), at));
        continue;
      } catch (Exception e) {
        lost(block.tags().get(0), e);
        return; // the rest of this round would time out as well
      }
      for (TagBinding tag : block.tags()) {
        byte[] own;
        try {
          own = block.slice(tag, raw);
        } catch (IllegalArgumentException e) {
          writer.reject(config, tag.tag(), tag.entity(), raw, at, e.getMessage(), status);
          continue;
        }
        received(tag, own, at);
      }
    }
  }

  private void pollAlone(TagBinding tag, Instant at) {
    TagBinding.Register r = tag.register();
    try {
      received(tag, read(r.unitId(), r.table(), r.address(), r.count()), at);
    } catch (ModbusResponseException | ModbusTimeoutException e) {
      refuse(tag, reason(e, tag), at);
    } catch (Exception e) {
      lost(tag, e);
    }
  }

  /**
   * The device refused (no such register) or a unit behind a gateway did not answer: the tag is refused, not the
   * connection, which stays up while the transport does.
   */
  private String reason(Exception e, TagBinding tag) {
    return e instanceof ModbusResponseException r
        ? "the device answered with exception " + r.getExceptionCode() + ": " + e.getMessage()
        : "no answer within " + properties.connectTimeout() + " (is unit " + tag.register().unitId() + " there?)";
  }

  private void refuse(TagBinding tag, String reason, Instant at) {
    if (refused.put(tag.tag(), reason) == null) {
      status.subscribed(bindings.size() - refused.size(), refused);
      writer.reject(config, tag.tag(), tag.entity(), new byte[0], at, reason, status);
    }
  }

  private void lost(TagBinding tag, Exception e) {
    status.state(LinkStatus.State.DISCONNECTED, "polling " + tag.tag() + ": " + e.getMessage());
    LOG.debug("connection {} tag {}: {}", config.id(), tag.tag(), e.toString());
  }

  /** A tag's bytes arrived: decoded, and written when they moved by the deadband. */
  private void received(TagBinding binding, byte[] raw, Instant at) {
    status.state(LinkStatus.State.CONNECTED, null);
    if (refused.remove(binding.tag()) != null) {
      status.subscribed(bindings.size() - refused.size(), refused);
    }
    status.valueArrived();
    Object value;
    try {
      value = Registers.decode(binding.register(), raw);
    } catch (IllegalArgumentException e) {
      writer.reject(config, binding.tag(), binding.entity(), raw, at, e.getMessage(), status);
      return;
    }
    if (moved(binding, value)) {
      writer.write(config, binding, new TagValue(binding.tag(), value, "Good", "good", at), status);
    }
  }

  /** A poll sends what changed by the deadband at least; states and meters always (a meter's reading is a fact). */
  private boolean moved(TagBinding binding, Object value) {
    if (binding.deadband() == null || !(value instanceof Number n)) {
      return true;
    }
    Double last = lastWritten.get(binding.tag());
    if (last != null && Math.abs(n.doubleValue() - last) < binding.deadband()) {
      return false;
    }
    lastWritten.put(binding.tag(), n.doubleValue());
    return true;
  }

  private byte[] read(int unit, String table, int address, int count) throws Exception {
    return switch (table) {
      case "holding-register" -> client.readHoldingRegisters(unit,
          new ReadHoldingRegistersRequest(address, count)).registers();
      case "input-register" -> client.readInputRegisters(unit, new ReadInputRegistersRequest(address, count))
          .registers();
      case "coil" -> client.readCoils(unit, new ReadCoilsRequest(address, count)).coils();
      case "discrete-input" -> client.readDiscreteInputs(unit, new ReadDiscreteInputsRequest(address, count))
          .inputs();
      default -> throw new IllegalArgumentException("no Modbus table " + table);
    };
  }

  /** Modbus has no address space to list: a device's registers are in its manual. */
  @Override
  public List<BrowsedNode> browse(String node) {
    throw new IllegalArgumentException("a Modbus device offers no address space to browse: map its registers by "
        + "address (the device's register map), each tag with its register");
  }

  @Override
  public LinkStatus status() {
    return status;
  }

  @Override
  public void close() {
    poller.shutdownNow();
    try {
      client.disconnect();
    } catch (Exception e) {
      LOG.debug("connection {}: disconnect: {}", config.id(), e.toString());
    }
    status.state(LinkStatus.State.DISABLED, null);
  }
}
