package org.enterprisebrain.catalog.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class QualityCountersTest {

  @Test
  void windowsAddUpExactlyInsteadOfAveragingPercentages() {
    QualityCounters busy = new QualityCounters(90, 0, 900, 1000, 0, 0, 0, 0, 0, 0);
    QualityCounters quiet = new QualityCounters(10, 0, 10, 100, 0, 0, 0, 0, 0, 0);
    // 910 of 1,100 fields, not the mean of 90% and 10%
    assertThat(busy.plus(quiet).completeness()).isCloseTo(910.0 / 1100, within(1e-12));
  }

  @Test
  void theScoreIsTheMeanOfWhatWasMeasuredOnly() {
    QualityCounters c = new QualityCounters(10, 2, 50, 100, 0, 0, 0, 0, 9, 1);
    assertThat(c.timeliness()).isNull();
    assertThat(c.range()).isNull();
    assertThat(c.uniqueness()).isCloseTo(0.8, within(1e-12));
    assertThat(c.validity()).isCloseTo(0.9, within(1e-12));
    assertThat(c.score()).isCloseTo((0.5 + 0.8 + 0.9) / 3, within(1e-12));
    assertThat(QualityCounters.NONE.score()).isNull();
  }
}
