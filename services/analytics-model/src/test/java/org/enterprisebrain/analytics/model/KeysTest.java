package org.enterprisebrain.analytics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The keys are the strings the jobs' state was always keyed by (a checkpoint taken before them restores), and what
 * one writes the other reads back.
 */
class KeysTest {

  @Test
  void aChartWithoutAMachineKeepsItsEmptySlot() {
    assertThat(new ChartKey("hz-01", null, "P-100", "D-12.00").id()).isEqualTo("hz-01||P-100|D-12.00");
    assertThat(new ChartKey("hz-01", "", "P-100", "D-12.00").id()).isEqualTo("hz-01||P-100|D-12.00");
    assertThat(new ChartKey("hz-01", "CNC-07", "P-100", "D-12.00").id()).isEqualTo("hz-01|CNC-07|P-100|D-12.00");
  }

  @Test
  void aMachineKeyReadsBackWhatItWrote() {
    MachineKey machine = new MachineKey("hz-01", "CNC-A03");
    assertThat(machine.id()).isEqualTo("hz-01|CNC-A03");
    assertThat(MachineKey.parse(machine.id())).isEqualTo(machine);
    assertThatThrownBy(() -> MachineKey.parse("hz-01")).hasMessageContaining("plant|equipment");
  }

  @Test
  void settingsScopesAreThePlantsAndTheLines() {
    assertThat(SettingsScope.calendar("hz-01", null)).isEqualTo("hz-01|");
    assertThat(SettingsScope.calendar("hz-01", "L1")).isEqualTo("hz-01|L1");
    assertThat(SettingsScope.routing("hz-01", "P-100")).isEqualTo("hz-01|P-100");
  }
}
