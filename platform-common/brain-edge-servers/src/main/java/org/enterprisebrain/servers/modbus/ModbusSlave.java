package org.enterprisebrain.servers.modbus;

import com.digitalpetri.modbus.exceptions.UnknownUnitIdException;
import com.digitalpetri.modbus.pdu.ReadCoilsRequest;
import com.digitalpetri.modbus.pdu.ReadCoilsResponse;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersResponse;
import com.digitalpetri.modbus.pdu.ReadInputRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadInputRegistersResponse;
import com.digitalpetri.modbus.server.ModbusRequestContext;
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
  /** Reads answered, by their shape ("unit/holding-register/address+quantity"): a bounded log for tests. */
  private final Map<String, java.util.concurrent.atomic.AtomicLong> reads =
      new java.util.concurrent.ConcurrentHashMap<>();
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

      @Override
      public ReadHoldingRegistersResponse readHoldingRegisters(ModbusRequestContext context, int unitId,
          ReadHoldingRegistersRequest request) throws UnknownUnitIdException {
        counted(unitId, "holding-register", request.address(), request.quantity());
        return super.readHoldingRegisters(context, unitId, request);
      }

      @Override
      public ReadInputRegistersResponse readInputRegisters(ModbusRequestContext context, int unitId,
          ReadInputRegistersRequest request) throws UnknownUnitIdException {
        counted(unitId, "input-register", request.address(), request.quantity());
        return super.readInputRegisters(context, unitId, request);
      }

      @Override
      public ReadCoilsResponse readCoils(ModbusRequestContext context, int unitId, ReadCoilsRequest request)
          throws UnknownUnitIdException {
        counted(unitId, "coil", request.address(), request.quantity());
        return super.readCoils(context, unitId, request);
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

  private void counted(int unit, String table, int address, int quantity) {
    reads.computeIfAbsent(unit + "/" + table + "/" + address + "+" + quantity,
        k -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
  }

  /**
   * How many reads of each shape the slave answered since it started, keyed "unit/table/address+quantity" (e.g.
   * {@code 1/holding-register/20+5}): what a test asks to see how a master reads.
   */
  public Map<String, Long> reads() {
    Map<String, Long> copy = new java.util.TreeMap<>();
    reads.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
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
