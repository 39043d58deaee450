package org.enterprisebrain.cli.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.enterprisebrain.servers.opcua.OpcUaSimulator;

/**
 * The demo plant's CNC line as an OPC UA server, as its machines' controllers would offer it: each machine an
 * object with its spindle speed, temperature and state, changing every second in real time (the connector reads
 * them live; the REST demo replays history). Anonymous over SecurityPolicy None on loopback: a simulator.
 */
public final class DemoOpcUa implements AutoCloseable {

  public static final String LINE = "LINE-A";

  private final OpcUaSimulator server;
  private final List<String> machines;
  private final ScheduledExecutorService ticks;
  private final Random random = new Random(20261207);
  private final double[] speed;

  private DemoOpcUa(OpcUaSimulator server, List<String> machines) {
    this.server = server;
    this.machines = machines;
    this.speed = new double[machines.size()];
    this.ticks = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "demo-opcua");
      t.setDaemon(true);
      return t;
    });
  }

  public static DemoOpcUa start(int port, Path pkiDir) {
    List<String> machines = DemoFactory.machines(LINE);
    DemoOpcUa demo = new DemoOpcUa(OpcUaSimulator.start(port, machines, pkiDir), machines);
    demo.ticks.scheduleAtFixedRate(demo::tick, 0, 1, TimeUnit.SECONDS);
    return demo;
  }

  /** A machining centre cutting at ~8,000 r/min, idle for a few seconds now and then between parts. */
  private void tick() {
    for (int i = 0; i < machines.size(); i++) {
      boolean cutting = random.nextDouble() > 0.1;
      speed[i] = cutting ? 8000 + 150 * random.nextGaussian() : 0;
      String machine = machines.get(i);
      server.set(server.nodeId(machine, OpcUaSimulator.SPINDLE_SPEED), Math.round(speed[i] * 10) / 10.0);
      server.set(server.nodeId(machine, OpcUaSimulator.TEMPERATURE), Math.round((30 + 8 * random.nextDouble()) * 10)
          / 10.0);
      server.set(server.nodeId(machine, OpcUaSimulator.STATE), cutting ? "RUNNING" : "IDLE");
      server.set(server.nodeId(machine, OpcUaSimulator.SPINDLE_LOAD), cutting
          ? Math.round((55 + 10 * random.nextGaussian()) * 10) / 10.0 : 0.0);
    }
  }

  public String endpointUrl() {
    return server.endpointUrl();
  }

  public List<String> machines() {
    return machines;
  }

  public String nodeId(String machine, String signal) {
    return server.nodeId(machine, signal);
  }

  @Override
  public void close() {
    ticks.shutdownNow();
    server.stop();
  }
}
