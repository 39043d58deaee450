package org.enterprisebrain.analytics.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SettingsIndexTest {

  record V(String scope, int version, long effectiveFrom, String label) implements SettingsIndex.Version {}

  @Test
  void theNewestVersionInForceWinsEvenWhenAnOlderOneTookEffectLater() {
    SettingsIndex<V> index = new SettingsIndex<>(List.of(new V("a", 1, 0, "v1"), new V("a", 3, 500, "v3")));
    index.add(new V("a", 2, 100, "v2"));
    index.add(new V("b", 1, 0, "other scope"));

    assertThat(index.inForce("a", 50).label()).isEqualTo("v1");
    assertThat(index.inForce("a", 499).label()).isEqualTo("v2");
    assertThat(index.inForce("a", 500).label()).isEqualTo("v3");
    assertThat(index.inForce("c", 500)).isNull();
    assertThat(index.newestFirst("a")).extracting(V::version).containsExactly(3, 2, 1);
  }

  @Test
  void aVersionMetAgainReplacesItselfAndTheRestoredStateIsReadOnce() throws Exception {
    SettingsIndex<V> index = new SettingsIndex<>(List.of(new V("a", 1, 0, "from the topic")));
    AtomicInteger reads = new AtomicInteger();
    Map<String, String> state = Map.of("a|1", "restored", "a|2", "restored later");
    for (int i = 0; i < 3; i++) {
      index.restored(() -> {
        reads.incrementAndGet();
        return state.entrySet();
      }, label -> new V("a", label.equals("restored") ? 1 : 2, label.equals("restored") ? 0 : 10, label));
    }

    assertThat(reads).hasValue(1);
    assertThat(index.newestFirst("a")).extracting(V::label).containsExactly("restored later", "restored");
  }
}
