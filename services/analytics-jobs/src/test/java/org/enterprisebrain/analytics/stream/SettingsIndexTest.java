package org.enterprisebrain.analytics.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.junit.jupiter.api.Test;

class SettingsIndexTest {

  record V(String scope, int version, long effectiveFrom, String label) implements SettingsIndex.Version {}

  @Test
  void theNewestVersionInForceWinsEvenWhenAnOlderOneTookEffectLater() {
    SettingsIndex<String, V> index = new SettingsIndex<>(List.of(new V("a", 1, 0, "v1"), new V("a", 3, 500, "v3")),
        label -> null);
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
    AtomicInteger reads = new AtomicInteger();
    SettingsIndex<String, V> index = new SettingsIndex<>(List.of(new V("a", 1, 0, "from the topic")), label -> {
      reads.incrementAndGet();
      return new V("a", label.equals("restored") ? 1 : 2, label.equals("restored") ? 0 : 10, label);
    });
    Map<String, String> state = Map.of("a|1", "restored", "a|2", "restored later");
    for (int i = 0; i < 3; i++) {
      index.restored(broadcastState(state));
    }

    assertThat(reads).as("each restored version read once").hasValue(2);
    assertThat(index.newestFirst("a")).extracting(V::label).containsExactly("restored later", "restored");
  }

  private static ReadOnlyBroadcastState<String, String> broadcastState(Map<String, String> state) {
    return new ReadOnlyBroadcastState<>() {
      @Override
      public String get(String key) {
        return state.get(key);
      }

      @Override
      public boolean contains(String key) {
        return state.containsKey(key);
      }

      @Override
      public Iterable<Map.Entry<String, String>> immutableEntries() {
        return state.entrySet();
      }

      @Override
      public void clear() {
        throw new UnsupportedOperationException("read only");
      }
    };
  }
}
