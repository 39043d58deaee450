package org.enterprisebrain.analytics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class Iso22400Test {

  /**
   * Vorne's worked OEE example (oee.com, "OEE Calculation"): a 480-minute shift with 60 minutes of planned breaks
   * (planned busy time 420 min), 47 minutes down (run 373 min), ideal cycle time 1.0 s, 19,271 produced of which
   * 18,848 good — availability 88.81 %, performance 86.11 %, quality 97.80 %, OEE 74.79 %.
   */
  @Test
  void vornesShiftComesOutAsPublished() {
    double plannedBusy = 420 * 60, run = 373 * 60, ideal = 19_271 * 1.0;
    double a = Iso22400.availability(run, plannedBusy);
    double p = Iso22400.effectiveness(ideal, run);
    double q = Iso22400.qualityRatio(18_848, 19_271);
    assertThat(a).isCloseTo(0.8881, within(0.00005));
    assertThat(p).isCloseTo(0.8611, within(0.00005));
    assertThat(q).isCloseTo(0.9780, within(0.00005));
    assertThat(Iso22400.oee(a, p, q)).isCloseTo(0.7479, within(0.00005));
  }

  @Test
  void aRatioWithoutItsDenominatorIsUndefinedAndSoIsEveryProductOfIt() {
    assertThat(Iso22400.availability(0, 0)).isNaN();
    assertThat(Iso22400.qualityRatio(0, 0)).isNaN();
    assertThat(Iso22400.oee(0.9, Iso22400.effectiveness(10, 0), 1)).isNaN();
    assertThat(Iso22400.meanTimeBetweenFailures(3600, 0)).isNaN();
    assertThat(Iso22400.defined(Double.NaN)).isNull();
    assertThat(Iso22400.meanTimeToRepair(600, 3)).isEqualTo(200);
    assertThat(Iso22400.defined(Iso22400.meanTimeToRepair(600, 3))).isEqualTo(200.0);
  }
}
