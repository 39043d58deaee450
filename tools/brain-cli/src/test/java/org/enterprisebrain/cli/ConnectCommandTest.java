package org.enterprisebrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.enterprisebrain.client.connectors.model.BrowsedNode;
import org.enterprisebrain.client.connectors.model.MappedEntity;
import org.enterprisebrain.client.connectors.model.TagMapping;
import org.junit.jupiter.api.Test;

/** brain connect browse --out: the guess it writes for each thing a device offers, per protocol. */
class ConnectCommandTest {

  static BrowsedNode node(String id, String name, String nodeClass, String type) {
    return new BrowsedNode().nodeId(id).browseName(name).displayName(name).nodeClass(nodeClass).hasChildren(false)
        .dataType(type);
  }

  @Test
  void anOpcUaVariableBelongsToTheObjectAboveIt() {
    TagMapping speed = ConnectCommand.stub(node("ns=2;s=CNC-A01.SpindleSpeed", "SpindleSpeed", "Variable", "i=11"),
        "CNC-A01");
    assertThat(speed.getEquipment()).isEqualTo("CNC-A01");
    assertThat(speed.getEntity()).isEqualTo(MappedEntity.TELEMETRY);
    assertThat(speed.getSignal()).isEqualTo("spindlespeed");
    assertThat(ConnectCommand.stub(node("ns=2;s=CNC-A01.State", "State", "Variable", "i=12"), "CNC-A01").getEntity())
        .isEqualTo(MappedEntity.EQUIPMENT_STATE);
    assertThat(ConnectCommand.stub(node("ns=2;s=X", "X", "Variable", "i=11"), null)).isNull();
    assertThat(ConnectCommand.stub(node("ns=2;s=CNC-A01", "CNC-A01", "Object", null), "DemoPlant")).isNull();
  }

  @Test
  void aSparkplugMetricBelongsToItsDevice() {
    TagMapping current = ConnectCommand.stub(node("hz-01/LINE-B/5000456-01:Motor/Current A", "Motor/Current A",
        "Metric", "Double"), null);
    assertThat(current.getEquipment()).isEqualTo("5000456-01");
    assertThat(current.getSignal()).isEqualTo("motor.current.a");
    assertThat(current.getValuePointer()).isNull();
    assertThat(ConnectCommand.stub(node("hz-01/LINE-B:Uptime", "Uptime", "Metric", "Int64"), null).getEquipment())
        .isEqualTo("LINE-B");
    assertThat(ConnectCommand.stub(node("hz-01/LINE-B/M1:State", "State", "Metric", "String"), null).getEntity())
        .isEqualTo(MappedEntity.EQUIPMENT_STATE);
  }

  @Test
  void anMqttTopicsLastLevelIsTheSignalOfTheLevelAbove() {
    TagMapping oven = ConnectCommand.stub(node("hz-01/line-c/OVEN-01/temperature", "hz-01/line-c/OVEN-01/temperature",
        "Topic", "json"), null);
    assertThat(oven.getEquipment()).isEqualTo("OVEN-01");
    assertThat(oven.getValuePointer()).isEqualTo("/value");
    assertThat(oven.getSignal()).isEqualTo("temperature");
    assertThat(ConnectCommand.stub(node("a/b/state", "state", "Topic", "text"), null).getEntity())
        .isEqualTo(MappedEntity.EQUIPMENT_STATE);
  }
}
