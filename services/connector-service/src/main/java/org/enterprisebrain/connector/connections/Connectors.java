package org.enterprisebrain.connector.connections;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.enterprisebrain.connector.api.model.TagMapping;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The running connections: one link per enabled connection in the store, started when the service is ready and
 * changed with the store — a new endpoint reconnects, new mappings resubscribe on the same session.
 */
@Component
public class Connectors implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(Connectors.class);

  private final ConnectionStore store;
  private final DeviceLinks links;
  private final Clock clock;
  private final Map<String, Running> running = new ConcurrentHashMap<>();
  /** Kept after a link closes, so the counts of a disabled connection still tell what it did. */
  private final Map<String, LinkStatus> statuses = new ConcurrentHashMap<>();

  private record Running(ConnectionConfig config, DeviceLink link) {
  }

  private final MeterRegistry meters;
  private final java.time.Duration retry;
  /** Connections that could not be opened (a secret not there yet) are tried again from here. */
  private final java.util.concurrent.ScheduledExecutorService retries = java.util.concurrent.Executors
      .newSingleThreadScheduledExecutor(DaemonThreads.named("connector-retries"));

  public Connectors(ConnectionStore store, DeviceLinks links, Clock clock, MeterRegistry meters,
      org.enterprisebrain.connector.ConnectorProperties properties) {
    this.store = store;
    this.links = links;
    this.clock = clock;
    this.meters = meters;
    this.retry = properties.retry();
  }

  @EventListener(ApplicationReadyEvent.class)
  public void startAll() {
    for (ConnectionStore.Stored stored : store.all()) {
      apply(stored.config());
    }
  }

  /** Brings the running link in line with the stored connection (after a create or an update). */
  public synchronized void apply(ConnectionConfig config) {
    Running now = running.get(config.id());
    // any change of the connection itself needs a new session; its mappings change through remap
    if (now != null && now.config().equals(config)) {
      return;
    }
    stop(config.id());
    LinkStatus status = status(config.id());
    if (!config.enabled()) {
      status.state(LinkStatus.State.DISABLED, null);
      return;
    }
    DeviceLink link;
    try {
      link = links.open(config, status);
    } catch (RuntimeException e) {
      // one connection that cannot open (its secret not mounted yet) stops neither the service nor the others
      status.state(LinkStatus.State.CONNECTING, e.getMessage() + "; tried again every " + retry);
      LOG.warn("connection {}: {}; tried again in {}", config.id(), e.getMessage(), retry);
      retries.schedule(() -> retry(config), retry.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      return;
    }
    running.put(config.id(), new Running(config, link));
    link.start(bindings(store.mappings(config.id())));
    LOG.info("connection {} ({} {}) started", config.id(), config.protocol(), config.endpoint());
  }

  /** Opens a connection that failed to, unless it changed or went meanwhile (which applied it anew). */
  private synchronized void retry(ConnectionConfig config) {
    if (!running.containsKey(config.id()) && store.find(config.id()).map(ConnectionStore.Stored::config)
        .filter(config::equals).isPresent()) {
      apply(config);
    }
  }

  /** The connection's mappings changed: its link reads the new set. */
  public synchronized void remap(String id) {
    Running now = running.get(id);
    if (now != null) {
      now.link().remap(bindings(store.mappings(id)));
    }
  }

  public synchronized void remove(String id) {
    stop(id);
    statuses.remove(id);
    meters.getMeters().stream().filter(m -> m.getId().getName().startsWith("brain.connector.")
        && id.equals(m.getId().getTag("connection"))).toList().forEach(meters::remove);
  }

  public Optional<DeviceLink> link(String id) {
    return Optional.ofNullable(running.get(id)).map(Running::link);
  }

  public LinkStatus status(String id) {
    return statuses.computeIfAbsent(id, i -> {
      LinkStatus status = new LinkStatus(clock);
      measure(i, status);
      return status;
    });
  }

  /**
   * The status as meters per connection (brain_connector_*{connection}), for the plant's monitoring: what the API
   * tells one connection at a time, Prometheus scrapes for all.
   */
  private void measure(String id, LinkStatus status) {
    Tags tags = Tags.of("connection", id);
    FunctionCounter.builder("brain.connector.records", status, s -> s.snapshot().records())
        .description("values turned into records Kafka acknowledged").tags(tags).register(meters);
    FunctionCounter.builder("brain.connector.rejected", status, s -> s.snapshot().rejected())
        .description("values that became no record (on the dead-letter topic)").tags(tags).register(meters);
    Gauge.builder("brain.connector.buffered", status, s -> s.snapshot().buffered())
        .description("records held on disk while Kafka does not take them").tags(tags).register(meters);
    FunctionCounter.builder("brain.connector.dropped", status, s -> s.snapshot().dropped())
        .description("records dropped from a full buffer").tags(tags).register(meters);
    FunctionCounter.builder("brain.connector.reconnects", status, s -> s.snapshot().reconnects())
        .description("times the connection was re-established").tags(tags).register(meters);
    Gauge.builder("brain.connector.connected", status, s -> s.state() == LinkStatus.State.CONNECTED ? 1 : 0)
        .description("1 while connected").tags(tags).register(meters);
    Gauge.builder("brain.connector.last.value.age", status, s -> s.snapshot().lastValueAt() == null ? Double.NaN
            : java.time.Duration.between(s.snapshot().lastValueAt(), clock.instant()).toMillis() / 1000.0)
        .description("seconds since the last value arrived").baseUnit("seconds").tags(tags).register(meters);
  }

  public Map<String, LinkStatus> statuses() {
    return Map.copyOf(statuses);
  }

  private void stop(String id) {
    Running old = running.remove(id);
    if (old != null) {
      old.link().close();
    }
  }

  public static List<TagBinding> bindings(List<TagMapping> mappings) {
    return mappings.stream().map(Connectors::binding).toList();
  }

  public static TagBinding binding(TagMapping m) {
    Map<String, String> states = new java.util.LinkedHashMap<>();
    if (m.getStates() != null) {
      m.getStates().forEach((k, v) -> states.put(k, v.getValue()));
    }
    return new TagBinding(m.getTag(), m.getEntity().getValue(), m.getEquipment(), m.getSignal(), m.getUnit(),
        m.getScale() == null ? 1 : m.getScale().doubleValue(), m.getOffset() == null ? 0 : m.getOffset().doubleValue(),
        m.getSamplingIntervalMs() == null ? 1000 : m.getSamplingIntervalMs(),
        m.getDeadband() == null ? null : m.getDeadband().doubleValue(), states, m.getMeter(),
        m.getMedium() == null ? null : m.getMedium().getValue(), m.getValuePointer(), m.getTimePointer(),
        register(m.getRegister()));
  }

  private static TagBinding.Register register(org.enterprisebrain.connector.api.model.ModbusRegister r) {
    if (r == null) {
      return null;
    }
    boolean bit = r.getTable() == org.enterprisebrain.connector.api.model.ModbusRegister.TableEnum.COIL
        || r.getTable() == org.enterprisebrain.connector.api.model.ModbusRegister.TableEnum.DISCRETE_INPUT;
    return new TagBinding.Register(r.getUnitId() == null ? 1 : r.getUnitId(), r.getTable().getValue(), r.getAddress(),
        r.getType() != null ? r.getType().getValue() : bit ? "bool" : "uint16",
        r.getWordOrder() == null ? "big" : r.getWordOrder().getValue());
  }

  @Override
  public synchronized void destroy() {
    retries.shutdownNow();
    running.keySet().forEach(this::stop);
  }
}
