package org.enterprisebrain.standard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339DateTimeTest {

  @ParameterizedTest
  @ValueSource(strings = {"2026-11-24T08:00:00+08:00", "2026-11-24T08:00:00Z", "2026-11-24t08:00:00z",
      "2026-11-24T08:00:00.123456789-05:30", "2024-02-29T23:59:59Z", "2016-12-31T23:59:60Z",
      "2017-01-01T07:59:60+08:00", "0001-01-01T00:00:00Z"})
  void acceptsRfc3339(String text) {
    assertThat(Rfc3339DateTime.isValid(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-11-24 08:00:00+08:00", "2026-11-24T08:00:00", "2026-11-24T08:00+08:00",
      "2026-02-29T08:00:00Z", "2026-04-31T08:00:00Z", "2026-13-01T08:00:00Z", "2026-11-24T24:00:00Z",
      "2026-11-24T08:60:00Z", "2026-11-24T08:00:60Z", "2026-11-24T08:00:00.Z", "2026-11-24T08:00:00+0800",
      "2026-11-24T08:00:00+08:00 ", "yesterday", "2026-11-24T08:00:00+24:00", "2026-11-24T08:00:00Zx",
      "２026-11-24T08:00:00Z", "2026-11-24T08:00:00.１Z"})
  void refusesEverythingElse(String text) {
    assertThat(Rfc3339DateTime.isValid(text)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-11-24T08:00:00+08:00", "2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z",
      "2026-06-31T00:00:00Z", "2026-11-24T08:00:00.5-01:00", "2026-11-24T23:59:59.999Z"})
  void agreesWithJavaTimeOnOrdinaryValues(String text) {
    boolean parses;
    try {
      OffsetDateTime.parse(text);
      parses = true;
    } catch (DateTimeParseException e) {
      parses = false;
    }
    assertThat(Rfc3339DateTime.isValid(text)).isEqualTo(parses);
  }
}
