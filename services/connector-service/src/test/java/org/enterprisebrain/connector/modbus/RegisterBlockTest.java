package org.enterprisebrain.connector.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.enterprisebrain.connector.connections.TagBinding;
import org.junit.jupiter.api.Test;

class RegisterBlockTest {

  static TagBinding tag(String name, int unit, String table, int address, String type) {
    return new TagBinding(name, "telemetry", "M-01", name, null, 1, 0, 1000, null, null, null, null, null, null,
        new TagBinding.Register(unit, table, address, type, "big"));
  }

  @Test
  void registersThatFollowOneAnotherAreOneReadAndAGapOrAnotherUnitOrTableStartsTheNext() {
    List<RegisterBlock> blocks = RegisterBlock.of(List.of(
        tag("frequency", 1, "holding-register", 24, "uint16"),
        tag("voltage", 1, "holding-register", 20, "float32"),
        tag("current", 1, "holding-register", 22, "float32"),
        tag("energy", 1, "holding-register", 0, "float32"),
        tag("power", 1, "input-register", 10, "uint32"),
        tag("other-meter", 2, "holding-register", 20, "float32"),
        tag("run", 1, "coil", 0, "bool"),
        tag("fault", 1, "coil", 1, "bool")));
    assertThat(blocks).extracting(b -> b.unitId() + "/" + b.table() + "/" + b.start() + "+" + b.count())
        .containsExactly("1/coil/0+2", "1/holding-register/0+2", "1/holding-register/20+5", "1/input-register/10+2",
            "2/holding-register/20+2");
    assertThat(blocks.get(2).tags()).extracting(TagBinding::tag).containsExactly("voltage", "current", "frequency");
  }

  @Test
  void aBlockStaysWithinWhatOneReadMayAskFor() {
    List<TagBinding> tags = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      tags.add(tag("t" + i, 1, "holding-register", 2 * i, "float32"));
    }
    List<RegisterBlock> blocks = RegisterBlock.of(tags);
    assertThat(blocks).extracting(RegisterBlock::count).containsExactly(124, 16);
    assertThat(blocks).allMatch(b -> b.count() <= RegisterBlock.MAX_REGISTERS);
  }

  @Test
  void aTagsBytesAreCutFromTheAnswerAsItsOwnReadWouldHaveReturnedThem() {
    RegisterBlock block = RegisterBlock.of(List.of(tag("voltage", 1, "holding-register", 20, "float32"),
        tag("frequency", 1, "holding-register", 22, "uint16"))).get(0);
    byte[] answer = {0x43, 0x66, (byte) 0x80, 0x00, 0x13, (byte) 0x88}; // 230.5 as float32 ABCD, 5000
    assertThat(Registers.decode(block.tags().get(0).register(), block.slice(block.tags().get(0), answer)))
        .isEqualTo(230.5);
    assertThat(Registers.decode(block.tags().get(1).register(), block.slice(block.tags().get(1), answer)))
        .isEqualTo(5000.0);
    assertThatThrownBy(() -> block.slice(block.tags().get(0), new byte[4]))
        .hasMessageContaining("4 bytes for 3 registers").hasMessageContaining("(6 expected)");

    RegisterBlock coils = RegisterBlock.of(List.of(tag("run", 1, "coil", 8, "bool"),
        tag("fault", 1, "coil", 17, "bool"))).get(0);
    assertThat(coils.count()).isEqualTo(1);
  }

  @Test
  void bitsArePackedEightToAByteTheFirstInTheLowestBit() {
    List<TagBinding> bits = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      bits.add(tag("b" + i, 1, "coil", 100 + i, "bool"));
    }
    RegisterBlock block = RegisterBlock.of(bits).get(0);
    assertThat(block.count()).isEqualTo(10);
    byte[] answer = {(byte) 0b1000_0101, 0b0000_0010}; // bits 0, 2, 7 and 9 on
    List<Object> values = bits.stream().map(t -> Registers.decode(t.register(), block.slice(t, answer))).toList();
    assertThat(values).containsExactly(true, false, true, false, false, false, false, true, false, true);
  }
}
