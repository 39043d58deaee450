package org.enterprisebrain.connector.modbus;

import org.enterprisebrain.connector.connections.TagBinding;

/**
 * A Modbus value from the bytes a read returned: registers are 16-bit big-endian (Modbus Application Protocol
 * v1.1b3, 4.2); a 32-bit value spans two, the high word first (big) or, as many meters send it, the low word first
 * (little); coils and discrete inputs come packed eight to a byte, the first in the lowest bit.
 */
public final class Registers {

  private Registers() {
  }

  public static Object decode(TagBinding.Register register, byte[] raw) {
    if ("bool".equals(register.type())) {
      if (raw.length < 1) {
        throw new IllegalArgumentException("the device sent no bit for " + register.table() + " "
            + register.address());
      }
      return (raw[0] & 1) == 1;
    }
    int words = register.count();
    if (raw.length != 2 * words) {
      throw new IllegalArgumentException("the device sent " + raw.length + " bytes for a " + register.type()
          + " (" + 2 * words + " expected)");
    }
    int first = ((raw[0] & 0xff) << 8) | (raw[1] & 0xff);
    if (words == 1) {
      return switch (register.type()) {
        case "int16" -> (double) (short) first;
        default -> (double) first;
      };
    }
    int second = ((raw[2] & 0xff) << 8) | (raw[3] & 0xff);
    int bits = "little".equals(register.wordOrder()) ? (second << 16) | first : (first << 16) | second;
    return switch (register.type()) {
      case "int32" -> (double) bits;
      case "uint32" -> (double) Integer.toUnsignedLong(bits);
      case "float32" -> (double) Float.intBitsToFloat(bits);
      default -> throw new IllegalArgumentException("no Modbus type " + register.type());
    };
  }
}
