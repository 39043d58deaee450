package org.enterprisebrain.connector.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.enterprisebrain.connector.connections.TagBinding;
import org.enterprisebrain.servers.modbus.ModbusSlave;
import org.junit.jupiter.api.Test;

class RegistersTest {

  static TagBinding.Register reg(String type, String order) {
    return new TagBinding.Register(1, "holding-register", 0, type, order);
  }

  static byte[] bytes(int... b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = (byte) b[i];
    }
    return out;
  }

  @Test
  void sixteenBitRegistersAreBigEndian() {
    assertThat(Registers.decode(reg("uint16", "big"), bytes(0xff, 0xfe))).isEqualTo(65534.0);
    assertThat(Registers.decode(reg("int16", "big"), bytes(0xff, 0xfe))).isEqualTo(-2.0);
    assertThat(Registers.decode(reg("int16", "big"), bytes(0x01, 0x00))).isEqualTo(256.0);
  }

  /** 123456.5 as IEEE 754 single is 0x47F12040: ABCD sends 47F1 2040, CDAB sends 2040 47F1. */
  @Test
  void float32InBothWordOrders() {
    assertThat(Float.floatToIntBits(123456.5f)).isEqualTo(0x47F12040);
    assertThat(Registers.decode(reg("float32", "big"), bytes(0x47, 0xf1, 0x20, 0x40))).isEqualTo(123456.5);
    assertThat(Registers.decode(reg("float32", "little"), bytes(0x20, 0x40, 0x47, 0xf1))).isEqualTo(123456.5);
  }

  @Test
  void thirtyTwoBitIntegersInBothWordOrders() {
    // 305419896 = 0x12345678
    assertThat(Registers.decode(reg("uint32", "big"), bytes(0x12, 0x34, 0x56, 0x78))).isEqualTo(305419896.0);
    assertThat(Registers.decode(reg("uint32", "little"), bytes(0x56, 0x78, 0x12, 0x34))).isEqualTo(305419896.0);
    assertThat(Registers.decode(reg("uint32", "big"), bytes(0xff, 0xff, 0xff, 0xff))).isEqualTo(4294967295.0);
    assertThat(Registers.decode(reg("int32", "big"), bytes(0xff, 0xff, 0xff, 0xfe))).isEqualTo(-2.0);
  }

  /** What the demo's and the tests' Modbus slave serves reads back as it was set. */
  @Test
  void theSimulatedSlavesRegistersReadBack() {
    assertThat(Registers.decode(reg("float32", "big"), ModbusSlave.float32(8123.25, true))).isEqualTo(8123.25);
    assertThat(Registers.decode(reg("float32", "little"), ModbusSlave.float32(8123.25, false))).isEqualTo(8123.25);
    assertThat(Registers.decode(reg("uint32", "big"), ModbusSlave.uint32(3_000_000_000L))).isEqualTo(3_000_000_000.0);
  }

  @Test
  void aWrongByteCountIsRefusedWithTheCounts() {
    assertThatThrownBy(() -> Registers.decode(reg("float32", "big"), bytes(1, 2)))
        .hasMessageContaining("2 bytes").hasMessageContaining("4 expected");
  }

  @Test
  void bitsComePackedLowestFirst() {
    TagBinding.Register coil = new TagBinding.Register(1, "coil", 7, "bool", "big");
    assertThat(Registers.decode(coil, bytes(0x01))).isEqualTo(true);
    assertThat(Registers.decode(coil, bytes(0x02))).isEqualTo(false);
  }
}
