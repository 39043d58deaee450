package org.enterprisebrain.servers.modbus;

import com.digitalpetri.modbus.server.ModbusTcpServer;
import com.digitalpetri.modbus.server.ProcessImage;
import com.digitalpetri.modbus.server.ReadWriteModbusServices;
import com.digitalpetri.modbus.tcp.server.NettyTcpServerTransport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An in-JVM Modbus TCP slave (digitalpetri's server) for tests and the local demo: a process image per unit id,
 * registers and coils set by the caller as a meter's firmware would. A unit it does not have is not answered.
 *
 * <p><b>A simulator, not a device to expose</b>: it binds to 127.0.0.1 only, and Modbus has no login.
 */
public final class ModbusSlave implements AutoCloseable {

  private final ModbusTcpServer server;
  private final Map<Integer, ProcessImage> units = new LinkedHashMap<>();
  private final int port;

  private ModbusSlave(int port, Set<Integer> unitIds) {
    this.port = port;
    unitIds.forEach(u -> units.put(u, new ProcessImage()));
    NettyTcpServerTransport transport = NettyTcpServerTransport.create(c -> {
      c.setBindAddress("127.0.0.1");
      c.setPort(port);
    });
    server = ModbusTcpServer.create(transport, new ReadWriteModbusServices() {
      @Override
      protected Optional<ProcessImage> getProcessImage(int unitId) {
        return Optional.ofNullable(units.get(unitId));
      }
    });
  }

  public static ModbusSlave start(int port, Set<Integer> unitIds) {
    ModbusSlave slave = new ModbusSlave(port, unitIds);
    try {
      slave.server.start();
    } catch (Exception e) {
      throw new IllegalStateException("the Modbus slave did not start on port " + port, e);
    }
    return slave;
  }

  /** Holding registers from {@code address} on: two bytes each, big-endian, as a read returns them. */
  public void setHoldingRegisters(int unit, int address, byte[] registers) {
    units.get(unit).with(tx -> tx.writeHoldingRegisters(m -> put(m, address, registers)));
  }

  public void setInputRegisters(int unit, int address, byte[] registers) {
    units.get(unit).with(tx -> tx.writeInputRegisters(m -> put(m, address, registers)));
  }

  public void setCoil(int unit, int address, boolean on) {
    units.get(unit).with(tx -> tx.writeCoils(m -> m.put(address, on)));
  }

  private static void put(Map<Integer, byte[]> map, int address, byte[] registers) {
    for (int i = 0; i < registers.length / 2; i++) {
      map.put(address + i, new byte[] {registers[2 * i], registers[2 * i + 1]});
    }
  }

  /** A float32 as two registers: the high word first (big, ABCD) or the low word first (CDAB). */
  public static byte[] float32(double value, boolean bigWordOrder) {
    return words(Float.floatToIntBits((float) value), bigWordOrder);
  }

  /** A uint32 as two registers, the high word first. */
  public static byte[] uint32(long value) {
    return words((int) value, true);
  }

  private static byte[] words(int bits, boolean bigWordOrder) {
    int first = bigWordOrder ? bits >>> 16 : bits & 0xffff;
    int second = bigWordOrder ? bits & 0xffff : bits >>> 16;
    return new byte[] {(byte) (first >> 8), (byte) first, (byte) (second >> 8), (byte) second};
  }

  public String endpoint() {
    return "modbus-tcp://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("the Modbus slave did not stop", e);
    }
  }
}
