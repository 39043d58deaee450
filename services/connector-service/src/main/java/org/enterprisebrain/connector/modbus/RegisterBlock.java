package org.enterprisebrain.connector.modbus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.enterprisebrain.connector.connections.TagBinding;

/**
 * Tags of one unit and table whose registers (or bits) follow one another without a gap, read in one request: a
 * meter's dozen values cost one round trip instead of a dozen. Gaps are not bridged — a device may refuse an address
 * it does not have — and a block stays within what one Modbus read may ask for (125 registers, 2,000 bits; Modbus
 * Application Protocol v1.1b3, 6.1–6.4).
 *
 * @param count registers (or bits) from {@code start}
 */
record RegisterBlock(int unitId, String table, int start, int count, List<TagBinding> tags) {

  static final int MAX_REGISTERS = 125;
  static final int MAX_BITS = 2000;

  static boolean bits(String table) {
    return "coil".equals(table) || "discrete-input".equals(table);
  }

  boolean bits() {
    return bits(table);
  }

  /** The blocks of a poll's tags, in unit, table and address order. */
  static List<RegisterBlock> of(List<TagBinding> tags) {
    Map<String, List<TagBinding>> byTable = new LinkedHashMap<>();
    tags.stream().sorted(Comparator.comparingInt((TagBinding t) -> t.register().unitId())
            .thenComparing(t -> t.register().table()).thenComparingInt(t -> t.register().address()))
        .forEach(t -> byTable.computeIfAbsent(t.register().unitId() + "/" + t.register().table(),
            k -> new ArrayList<>()).add(t));
    List<RegisterBlock> blocks = new ArrayList<>();
    for (List<TagBinding> sorted : byTable.values()) {
      TagBinding.Register first = sorted.get(0).register();
      int limit = bits(first.table()) ? MAX_BITS : MAX_REGISTERS;
      int start = first.address();
      int end = start; // exclusive
      List<TagBinding> members = new ArrayList<>();
      for (TagBinding tag : sorted) {
        TagBinding.Register r = tag.register();
        int tagEnd = r.address() + r.count();
        if (!members.isEmpty() && (r.address() > end || Math.max(end, tagEnd) - start > limit)) {
          blocks.add(new RegisterBlock(first.unitId(), first.table(), start, end - start, List.copyOf(members)));
          members.clear();
          start = r.address();
          end = start;
        }
        members.add(tag);
        end = Math.max(end, tagEnd);
      }
      blocks.add(new RegisterBlock(first.unitId(), first.table(), start, end - start, List.copyOf(members)));
    }
    return blocks;
  }

  /**
   * One tag's part of the block's answer, as a read of the tag alone would have returned it; an answer of the wrong
   * length is refused with both lengths.
   */
  byte[] slice(TagBinding tag, byte[] raw) {
    int offset = tag.register().address() - start;
    if (bits()) {
      if (raw.length < (count + 7) / 8) {
        throw new IllegalArgumentException("the device sent " + raw.length + " bytes for " + count + " bits from "
            + table + " " + start + " (" + (count + 7) / 8 + " expected)");
      }
      return new byte[] {(byte) ((raw[offset / 8] >> (offset % 8)) & 1)};
    }
    if (raw.length != 2 * count) {
      throw new IllegalArgumentException("the device sent " + raw.length + " bytes for " + count + " registers from "
          + table + " " + start + " (" + 2 * count + " expected)");
    }
    return Arrays.copyOfRange(raw, 2 * offset, 2 * (offset + tag.register().count()));
  }
}
