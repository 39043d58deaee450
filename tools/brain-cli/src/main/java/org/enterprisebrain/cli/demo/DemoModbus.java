package org.enterprisebrain.cli.demo;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.enterprisebrain.servers.modbus.ModbusSlave;

/**
 * The demo plant's utility meters as a Modbus TCP gateway offers them: the compressor room's and the HVAC's power
 * meters, units 1 and 2, each with its energy in kWh as a float32 whose low word comes first (holding registers 0–1,
 * CDAB, as many meters send it) and its active power in W as a uint32 (input registers 10–11), advancing every
 * second in real time.
 */
public final class DemoModbus implements AutoCloseable {

  /** A meter: its unit id, its id in the records, the equipment it feeds and its mean power in kW. */
  public record Meter(int unitId, String id, String equipment, double kw) {
  }

  public static final List<Meter> METERS = List.of(new Meter(1, "EM-COMP-01", "COMP-01", 45),
      new Meter(2, "EM-HVAC-01", "HVAC-01", 18));
  public static final int ENERGY_REGISTER = 0;
  public static final int POWER_REGISTER = 10;

  private final ModbusSlave slave;
  private final ScheduledExecutorService ticks;
  private final Random random = new Random(20261207);
  private final double[] kwh = {81234.5, 20456.25};

  private DemoModbus(ModbusSlave slave) {
    this.slave = slave;
    this.ticks = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "demo-modbus");
      t.setDaemon(true);
      return t;
    });
  }

  public static DemoModbus start(int port) {
    DemoModbus demo = new DemoModbus(ModbusSlave.start(port, Set.of(1, 2)));
    demo.tick();
    demo.ticks.scheduleAtFixedRate(demo::tick, 1, 1, TimeUnit.SECONDS);
    return demo;
  }

  private void tick() {
    for (int i = 0; i < METERS.size(); i++) {
      Meter m = METERS.get(i);
      double kw = Math.max(0, m.kw() * (1 + 0.08 * random.nextGaussian()));
      kwh[i] += kw / 3600;
      slave.setHoldingRegisters(m.unitId(), ENERGY_REGISTER,
          ModbusSlave.float32(kwh[i], false));
      slave.setInputRegisters(m.unitId(), POWER_REGISTER,
          ModbusSlave.uint32(Math.round(kw * 1000)));
    }
  }

  public String endpoint() {
    return slave.endpoint();
  }

  @Override
  public void close() {
    ticks.shutdownNow();
    slave.close();
  }
}
