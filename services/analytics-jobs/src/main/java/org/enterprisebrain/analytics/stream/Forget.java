package org.enterprisebrain.analytics.stream;

import java.util.Iterator;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;

/**
 * How the jobs forget keyed state that can no longer change a result: entries timed before a horizon,
 * at most once an hour of event time (a key may see a record every second; the maps hold a day).
 */
public final class Forget {

  static final long HOUR = 3_600_000L;

  private Forget() {
  }

  /** True once an hour of event time per key (and the first time): then it is worth walking the maps. */
  public static boolean due(ValueState<Long> lastPrune, long now) throws Exception {
    Long last = lastPrune.value();
    if (last != null && now - last < HOUR) {
      return false;
    }
    lastPrune.update(now);
    return true;
  }

  /** Removes the entries whose value (a record's event time) is before {@code horizon}. */
  public static <K> void valuesBefore(MapState<K, Long> timed, long horizon) throws Exception {
    Iterator<Map.Entry<K, Long>> entries = timed.iterator();
    while (entries.hasNext()) {
      if (entries.next().getValue() < horizon) {
        entries.remove();
      }
    }
  }

  /** Removes the entries whose key (a time) is before {@code horizon}. */
  public static <V> void keysBefore(MapState<Long, V> byTime, long horizon) throws Exception {
    Iterator<Long> keys = byTime.keys().iterator();
    while (keys.hasNext()) {
      if (keys.next() < horizon) {
        keys.remove();
      }
    }
  }
}
